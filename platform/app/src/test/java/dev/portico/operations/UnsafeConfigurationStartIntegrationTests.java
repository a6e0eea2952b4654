package dev.portico.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.PorticoApplication;
import dev.portico.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Portico started as an operator would, with unsafe settings: it refuses, naming every problem, before touching a database. */
@ExtendWith(OutputCaptureExtension.class)
class UnsafeConfigurationStartIntegrationTests {

    @Test
    void anUnsafeProductionConfigurationIsRefusedWithEveryProblemListed(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "--spring.profiles.active=prod",
                "--portico.embedded-database.enabled=true",
                "--portico.security.signing-keys[0].secret=",
                "--portico.default-public-base-url=http://{slug}.studios.example"))
                .isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageStartingWith("Portico refuses to start with an unsafe configuration:")
                .hasMessageContaining("prod needs an external PostgreSQL")
                .hasMessageContaining("No token signing key is configured")
                .hasMessageContaining("portico.default-public-base-url (PORTICO_BASE_DOMAIN) is http://slug.studios.example");
        // Printed as Spring Boot's failure report, not a stack trace.
        assertThat(output.toString()).contains("APPLICATION FAILED TO START", "Portico refuses to start with an unsafe configuration:",
                "Fix each setting listed above");
    }

    @Test
    void theDemoOnAnExternalDatabaseIsRefused() {
        TestDatabase.Credentials database = TestDatabase.createDatabase();
        assertThatThrownBy(() -> start(
                "--spring.profiles.active=demo",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password()))
                .isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageContaining("The demo profile is active on an external database");
    }

    private static void start(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--portico.tenant-config-dir=../../tenant-config";
        System.arraycopy(args, 0, all, 2, args.length);
        new SpringApplication(PorticoApplication.class).run(all).close();
    }
}
