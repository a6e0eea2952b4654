package dev.portico.tenancy;

import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A studio as the registry knows it.
 *
 * @param id         registry id
 * @param slug       the studio's stable name, its subdomain
 * @param schemaName the PostgreSQL schema that holds its data
 * @param placement  the database that schema lives on: a {@code portico.placements} name, or null for the primary
 *                   database (where the platform tables are)
 * @param status     whether it can serve
 * @param config     its validated configuration
 * @param publicBaseUrl where customers reach it: the config's {@code publicBaseUrl}, or the platform default;
 *                   links sent to customers are built from it, never from a request's host
 */
public record Tenant(UUID id, String slug, String schemaName, @Nullable String placement, TenantStatus status, TenantConfig config,
        URI publicBaseUrl) {

    /** The schema name for a slug; slugs hold no underscores, so the mapping is one to one. */
    public static String schemaFor(String slug) {
        return "tenant_" + slug.replace('-', '_');
    }

    public boolean isActive() {
        return status == TenantStatus.ACTIVE;
    }
}
