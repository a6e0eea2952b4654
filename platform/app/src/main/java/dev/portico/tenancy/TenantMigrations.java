package dev.portico.tenancy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Migrates tenant schemas with Flyway ({@code db/migration/tenant}), a bounded number at a time, each on the database
 * its studio is placed on. A studio whose migration fails is marked {@link TenantStatus#MIGRATION_FAILED} and answers
 * 503; the rest carry on.
 */
@Component
class TenantMigrations {

    private static final Logger log = LoggerFactory.getLogger(TenantMigrations.class);
    private static final String LOCATION = "db/migration/tenant";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final PlatformJdbc platform;
    private final int threads;
    private final MigrationVersion newest;

    TenantMigrations(DataSource dataSource, JdbcClient jdbc, PlatformJdbc platform, TenancyProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.platform = platform;
        this.threads = Math.max(1, properties.tenancy().migrationThreads());
        this.newest = SchemaHistory.newest(TenantMigrations.class.getClassLoader(), LOCATION)
                .orElseThrow(() -> new IllegalStateException("no tenant migrations in " + LOCATION));
    }

    /**
     * Migrates every given studio, {@code migration-threads} at a time, and hands each one that ends
     * {@link TenantStatus#ACTIVE} to {@code whenActive} on the same thread; returns how each ended.
     */
    List<TenantStatus> migrateAll(List<Tenant> tenants, Consumer<Tenant> whenActive) {
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, tenants.size())))) {
            List<Future<TenantStatus>> results = tenants.stream().map(tenant -> pool.submit(() -> {
                TenantStatus status = migrate(tenant);
                if (status == TenantStatus.ACTIVE) {
                    whenActive.accept(tenant);
                }
                return status;
            })).toList();
            return results.stream().map(TenantMigrations::join).toList();
        }
    }

    /**
     * Migrates one studio's schema and records the outcome in the registry; an archived studio is left as it is.
     * A schema already at the newest migration costs two queries, not a Flyway run (see {@link SchemaHistory}).
     */
    TenantStatus migrate(Tenant tenant) {
        if (tenant.status() == TenantStatus.ARCHIVED) {
            return TenantStatus.ARCHIVED;
        }
        // In the studio's context, the application's pool lends connections on the studio's database.
        return TenantContext.callAs(tenant, () -> {
            try {
                if (SchemaHistory.isAt(jdbc, tenant.schemaName(), "flyway_schema_history", newest)) {
                    record(tenant, TenantStatus.ACTIVE, null, newest.getVersion());
                    return TenantStatus.ACTIVE;
                }
                MigrateResult result = Flyway.configure()
                        .dataSource(dataSource)
                        .schemas(tenant.schemaName())
                        .defaultSchema(tenant.schemaName())
                        .createSchemas(true)
                        .placeholderReplacement(false)
                        .locations("classpath:" + LOCATION)
                        .load()
                        .migrate();
                String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
                record(tenant, TenantStatus.ACTIVE, null, version);
                if (result.migrationsExecuted > 0) {
                    log.info("Migrated schema {} to version {} ({} migrations)", tenant.schemaName(), version, result.migrationsExecuted);
                }
                return TenantStatus.ACTIVE;
            } catch (RuntimeException e) {
                String detail = firstLine(e.getMessage());
                log.error("Migration of schema {} failed; the studio answers 503 until it is fixed: {}", tenant.schemaName(), detail);
                record(tenant, TenantStatus.MIGRATION_FAILED, detail, null);
                return TenantStatus.MIGRATION_FAILED;
            }
        });
    }

    private void record(Tenant tenant, TenantStatus status, @Nullable String detail, @Nullable String version) {
        platform.sql("""
                UPDATE platform.tenants
                   SET status = ?, status_detail = ?, schema_version = coalesce(?, schema_version), updated_at = now()
                 WHERE id = ? AND (status <> ? OR status_detail IS DISTINCT FROM ? OR schema_version IS DISTINCT FROM coalesce(?, schema_version))
                """)
                .params(status.name(), detail, version, tenant.id(), status.name(), detail, version)
                .update();
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.strip().lines().findFirst().orElse(message);
        return line.length() > 500 ? line.substring(0, 500) : line;
    }

    private static TenantStatus join(Future<TenantStatus> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TenantStatus.MIGRATION_FAILED;
        } catch (java.util.concurrent.ExecutionException e) {
            log.error("Tenant migration task failed", e.getCause());
            return TenantStatus.MIGRATION_FAILED;
        }
    }
}
