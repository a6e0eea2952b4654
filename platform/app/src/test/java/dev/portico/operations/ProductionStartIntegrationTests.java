package dev.portico.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.PorticoApplication;
import dev.portico.support.StudioHttp;
import dev.portico.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Portico under prod with safe settings: it starts on the external database, without the demo studios or the dev inbox. */
class ProductionStartIntegrationTests {

    @Test
    void aSafeProductionConfigurationStartsWithoutDemoStudiosOrDevInbox() {
        TestDatabase.Credentials database = TestDatabase.createDatabase();
        try (ConfigurableApplicationContext context = new SpringApplication(PorticoApplication.class).run(
                "--spring.profiles.active=prod",
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--portico.security.signing-keys[0].id=prod",
                "--portico.security.signing-keys[0].secret=q7Vd3Jk0m9XbR2cT8wYz1LpA4sFhG6uN5eKiO0vQjWs=",
                "--portico.security.active-key=prod",
                "--portico.base-domain=studios.example",
                // The repository's studios are demo ones: prod skips them.
                "--portico.tenant-config-dir=../../tenant-config")) {
            assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("prod");
            assertThat(context.getEnvironment().getProperty("portico.default-public-base-url")).isEqualTo("https://{slug}.studios.example");
            assertThat(context.containsBean("devInboxController")).isFalse();
            assertThat(context.getBean(JdbcClient.class).sql("SELECT count(*) FROM platform.tenants").query(Long.class).single()).isZero();

            StudioHttp http = new StudioHttp(((WebServerApplicationContext) context).getWebServer().getPort());
            StudioHttp.Response readiness = http.get("localhost", "/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        }
    }
}
