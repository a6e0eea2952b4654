package dev.portico.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.DemoStudiosTest;
import dev.portico.tenancy.SchemaHistory;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A plugin's migrations are found through its own class loader, and a studio that has them all is recognised. */
@DemoStudiosTest
class PluginStorageIntegrationTests {

    @Autowired
    PluginHost host;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aStudioWithThePluginsNewestTablesIsUpToDate() {
        ClassLoader inbox = host.classLoader("notify-dev-inbox");
        MigrationVersion newest = SchemaHistory.newest(inbox, "db/migration/notify-dev-inbox").orElseThrow();

        String applied = jdbc.sql("SELECT version FROM tenant_serenity.flyway_history_notify_dev_inbox WHERE success "
                + "ORDER BY installed_rank DESC LIMIT 1").query(String.class).single();
        assertThat(newest).isEqualTo(MigrationVersion.fromVersion(applied));
        assertThat(SchemaHistory.isAt(jdbc, "tenant_serenity", "flyway_history_notify_dev_inbox", newest)).isTrue();
        // A plugin without tables ships no migrations.
        assertThat(SchemaHistory.newest(host.classLoader("policy-standard"), "db/migration/policy-standard")).isEmpty();
    }
}
