package dev.portico.plugins;

import dev.portico.tenancy.Tenant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tables a plugin owns: its migrations ({@code db/migration/<plugin-id>} inside its jar) run in each studio's
 * schema that enables it, with a history table of its own so plugin and platform versions never collide.
 */
@Component
class PluginStorage {

    private static final Logger log = LoggerFactory.getLogger(PluginStorage.class);

    private final DataSource dataSource;

    PluginStorage(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void migrate(Tenant tenant, String pluginId, ClassLoader pluginClassLoader) {
        String location = "db/migration/" + pluginId;
        if (pluginClassLoader.getResource(location) == null) {
            return;
        }
        int applied = Flyway.configure(pluginClassLoader)
                .dataSource(dataSource)
                .schemas(tenant.schemaName())
                .defaultSchema(tenant.schemaName())
                .table("flyway_history_" + pluginId.replace('-', '_'))
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
