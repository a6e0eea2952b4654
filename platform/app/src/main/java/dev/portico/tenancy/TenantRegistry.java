package dev.portico.tenancy;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's list of studios: who they are, where their data lives, and which host names reach them.
 * Host lookups are cached for {@code portico.tenancy.cache-ttl}, so a change made on another node is seen
 * within that bound; changes made on this node are seen at once.
 */
@Service
public class TenantRegistry {

    private static final String SELECT = """
            SELECT id, slug, schema_name, placement, status, config::text AS config FROM platform.tenants
            """;

    private final PlatformJdbc jdbc;
    private final JsonMapper json;
    private final String baseDomainSuffix;
    private final String defaultPublicBaseUrl;
    private final LoadingCache<String, Optional<Tenant>> byHost;

    TenantRegistry(PlatformJdbc jdbc, JsonMapper json, TenancyProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.baseDomainSuffix = "." + properties.baseDomain().toLowerCase(Locale.ROOT);
        this.defaultPublicBaseUrl = properties.defaultPublicBaseUrl();
        this.byHost = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(properties.tenancy().cacheTtl())
                .build(this::lookUpHost);
    }

    /** The studio a request's {@code Host} header names, if any; the port is ignored. */
    public Optional<Tenant> findByHost(@Nullable String hostHeader) {
        String host = normalizeHost(hostHeader);
        return host == null ? Optional.empty() : byHost.get(host);
    }

    public Optional<Tenant> findBySlug(String slug) {
        return jdbc.sql(SELECT + " WHERE slug = ?").param(slug).query(this::map).optional();
    }

    /** Every registered studio, by slug. */
    public List<Tenant> findAll() {
        return jdbc.sql(SELECT + " ORDER BY slug").query(this::map).list();
    }

    /** Forgets cached lookups after a change on this node. */
    void invalidate() {
        byHost.invalidateAll();
    }

    private Optional<Tenant> lookUpHost(String host) {
        if (host.endsWith(baseDomainSuffix)) {
            String slug = host.substring(0, host.length() - baseDomainSuffix.length());
            return slug.matches(TenantConfig.SLUG_PATTERN) ? findBySlug(slug) : Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE id = (SELECT tenant_id FROM platform.tenant_domains WHERE domain = ?)")
                .param(host).query(this::map).optional();
    }

    private static @Nullable String normalizeHost(@Nullable String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank() || hostHeader.length() > 255) {
            return null;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return null;
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.matches("^[a-z0-9.-]+$") ? host : null;
    }

    private Tenant map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        TenantConfig config = json.readValue(rs.getString("config"), TenantConfig.class);
        String publicBaseUrl = config.publicBaseUrl() != null
                ? config.publicBaseUrl() : defaultPublicBaseUrl.replace("{slug}", config.slug());
        return new Tenant(
                rs.getObject("id", UUID.class),
                rs.getString("slug"),
                rs.getString("schema_name"),
                rs.getString("placement"),
                TenantStatus.valueOf(rs.getString("status")),
                config,
                URI.create(publicBaseUrl.replaceAll("/+$", "")));
    }
}
