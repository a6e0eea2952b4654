package dev.portico.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.DemoStudiosTest;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The start-up shortcut: a schema at the newest migration is recognised without Flyway, and every other state
 * (no schema, a failed migration, a schema behind) still goes through Flyway. Flyway's own view is the reference.
 */
@DemoStudiosTest
class SchemaHistoryIntegrationTests {

    private static final String TENANT_MIGRATIONS = "db/migration/tenant";

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantProvisioning provisioning;

    @Autowired
    TenantConfigReader reader;

    @Test
    void theNewestVersionIsTheOneFlywayAppliedLast() {
        MigrationVersion newest = newestTenantVersion();

        assertThat(newest).isEqualTo(flyway("tenant_serenity").load().info().current().getVersion());
        assertThat(SchemaHistory.isAt(jdbc, "tenant_serenity", "flyway_schema_history", newest)).isTrue();
    }

    @Test
    void anythingButASuccessfulNewestMigrationIsNotUpToDate() {
        MigrationVersion newest = newestTenantVersion();
        assertThat(SchemaHistory.isAt(jdbc, "tenant_nowhere", "flyway_schema_history", newest)).isFalse();
        assertThat(SchemaHistory.isAt(jdbc, "tenant_serenity", "flyway_history_nothing", newest)).isFalse();

        jdbc.sql("CREATE SCHEMA history_probe").update();
        jdbc.sql("CREATE TABLE history_probe.flyway_schema_history (installed_rank int, version text, success boolean)").update();
        jdbc.sql("INSERT INTO history_probe.flyway_schema_history VALUES (1, ?, true), (2, ?, false)")
                .params(newest.getVersion(), newest.getVersion()).update();
        assertThat(SchemaHistory.isAt(jdbc, "history_probe", "flyway_schema_history", newest)).isFalse();

        jdbc.sql("DELETE FROM history_probe.flyway_schema_history WHERE NOT success").update();
        assertThat(SchemaHistory.isAt(jdbc, "history_probe", "flyway_schema_history", newest)).isTrue();
    }

    @Test
    void aSchemaBehindTheNewestIsMigratedTheWholeWay() {
        flyway("tenant_behind").target(MigrationVersion.fromVersion("1")).load().migrate();
        TenantConfig behind = reader.read("behind.yaml", "slug: behind\nname: Behind\ncurrency: EUR\n").config();

        assertThat(provisioning.provision(behind, "behind.yaml")).get().extracting(Tenant::status).isEqualTo(TenantStatus.ACTIVE);

        assertThat(flyway("tenant_behind").load().info().current().getVersion()).isEqualTo(newestTenantVersion());
        assertThat(jdbc.sql("SELECT schema_version FROM platform.tenants WHERE slug = 'behind'").query(String.class).single())
                .isEqualTo(newestTenantVersion().getVersion());
    }

    private static MigrationVersion newestTenantVersion() {
        return SchemaHistory.newest(SchemaHistoryIntegrationTests.class.getClassLoader(), TENANT_MIGRATIONS).orElseThrow();
    }

    private FluentConfiguration flyway(String schema) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .placeholderReplacement(false)
                .locations("classpath:" + TENANT_MIGRATIONS);
    }
}
