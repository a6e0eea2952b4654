package dev.portico.plugins;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portico.tenancy.SchemaHistory;
import dev.portico.tenancy.Tenant;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tables a plugin owns: its migrations ({@code db/migration/<plugin-id>} inside its jar) run in each studio's
 * schema that enables it, with a history table of its own so plugin and platform versions never collide.
 */
@Component
class PluginStorage {

    private static final Logger log = LoggerFactory.getLogger(PluginStorage.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    /** The newest migration each plugin ships, read once per plugin class loader (a reloaded plugin gets a new one). */
    private final Cache<ClassLoader, Optional<MigrationVersion>> newest = Caffeine.newBuilder().weakKeys().build();

    PluginStorage(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Brings the plugin's tables in the studio's schema up to date; a schema already there costs two queries. */
    void migrate(Tenant tenant, String pluginId, ClassLoader pluginClassLoader) {
        String location = "db/migration/" + pluginId;
        Optional<MigrationVersion> version = newest.get(pluginClassLoader, loader -> SchemaHistory.newest(loader, location));
        String table = "flyway_history_" + pluginId.replace('-', '_');
        if (version.isEmpty() || SchemaHistory.isAt(jdbc, tenant.schemaName(), table, version.get())) {
            return;
        }
        int applied = Flyway.configure(pluginClassLoader)
                .dataSource(dataSource)
                .schemas(tenant.schemaName())
                .defaultSchema(tenant.schemaName())
                .table(table)
                .locations("classpath:" + location)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholderReplacement(false)
                .load()
                .migrate()
                .migrationsExecuted;
        if (applied > 0) {
            log.info("Applied {} migrations of plugin {} in {}", applied, pluginId, tenant.schemaName());
        }
    }
}
