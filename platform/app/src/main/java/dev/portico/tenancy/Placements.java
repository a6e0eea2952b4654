package dev.portico.tenancy;

import dev.portico.jobs.JobDatabases;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The databases studios can be placed on besides the primary one ({@code portico.placements}). A placed studio's
 * schema lives there; the platform tables stay on the primary, except the two that must commit with the studio's own
 * changes: its jobs ({@code platform.scheduled_tasks}, run by a runner of the placement's, see {@link JobDatabases})
 * and its demo-data marker ({@code platform.demo_seeds}). Those are created by {@code db/migration/placement} in each
 * placement database.
 *
 * <p>A config may only name a configured placement, and a studio stays where it was first placed: moving one is a
 * dump and restore of its schema while it is archived ({@code docs/scaling.md}), never a config change.
 */
@Component
class Placements implements TenantConfigCheck, JobDatabases {

    private static final Logger log = LoggerFactory.getLogger(Placements.class);

    private final TenantSchemas schemas;

    Placements(TenantSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public List<FieldError> check(TenantConfig config) {
        if (config.placement() == null || schemas.placements().contains(config.placement())) {
            return List.of();
        }
        return List.of(new FieldError("placement", "names no configured database: " + (schemas.placements().isEmpty()
                ? "portico.placements is empty, so every studio lives on the primary database"
                : "the placements are " + String.join(", ", schemas.placements().stream().sorted().toList()))));
    }

    /** Why a config that places an existing studio elsewhere is refused, or null when it stays where it is. */
    static @Nullable String moveRefused(@Nullable String stored, @Nullable String requested) {
        if (Objects.equals(stored, requested)) {
            return null;
        }
        return "cannot move the studio from " + describe(stored) + " to " + describe(requested)
                + " by config; moving a studio is a dump and restore of its schema (docs/scaling.md)";
    }

    private static String describe(@Nullable String placement) {
        return placement == null ? "the primary database" : "the placement '" + placement + "'";
    }

    /**
     * Creates or upgrades the platform tables of each placement database; one that cannot be reached is logged, and its
     * studios fail their own migrations (answering 503) while the others serve.
     */
    void migrate() {
        byName().forEach((name, database) -> {
            try {
                int applied = Flyway.configure()
                        .dataSource(database)
                        .schemas("platform")
                        .defaultSchema("platform")
                        .createSchemas(true)
                        .placeholderReplacement(false)
                        .locations("classpath:db/migration/placement")
                        .load()
                        .migrate()
                        .migrationsExecuted;
                if (applied > 0) {
                    log.info("Applied {} migrations to the platform tables of the placement {}", applied, name);
                }
            } catch (RuntimeException e) {
                log.error("The placement {} could not be migrated; its studios cannot serve: {}", name, e.getMessage());
            }
        });
    }

    @Override
    public Map<String, DataSource> byName() {
        Map<String, DataSource> databases = new LinkedHashMap<>();
        schemas.placements().stream().sorted().forEach(name -> databases.put(name, schemas.database(name)));
        return databases;
    }

    @Override
    public @Nullable String current() {
        return TenantContext.placement();
    }
}
