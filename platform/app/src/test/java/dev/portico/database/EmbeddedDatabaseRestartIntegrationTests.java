package dev.portico.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.PorticoApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Portico as the README runs it: no database configured, so an embedded PostgreSQL on a data folder and the
 * demo studios. What users change survives a restart, and the demo data is not loaded over it.
 */
class EmbeddedDatabaseRestartIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestartOnTheSameDataFolder() {
        try (ConfigurableApplicationContext first = start()) {
            assertThat(first.getEnvironment().getActiveProfiles()).contains("demo");
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            assertThat(mayaFirstName(jdbc)).isEqualTo("Maya");
            jdbc.sql("UPDATE tenant_serenity.customers SET first_name = 'Maya-Changed' WHERE email = 'maya@example.com'").update();
        }
        assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(mayaFirstName(jdbc)).isEqualTo("Maya-Changed");
            assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.customers WHERE email = 'maya@example.com'")
                    .query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM platform.tenants").query(Long.class).single()).isEqualTo(2);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplication(PorticoApplication.class).run(
                "--server.port=0",
                "--portico.embedded-database.enabled=true",
                "--portico.data-dir=" + dataDir,
                "--portico.tenant-config-dir=../../tenant-config");
    }

    private static String mayaFirstName(JdbcClient jdbc) {
        return jdbc.sql("SELECT first_name FROM tenant_serenity.customers WHERE email = 'maya@example.com'")
                .query(String.class).single();
    }
}
