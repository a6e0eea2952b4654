package dev.portico.database;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * With no {@code spring.datasource.url}, Portico runs on an embedded PostgreSQL and turns on the demo profile,
 * so one command gives a working product with the demo studios (never under {@code prod}, which refuses the
 * embedded database). {@code portico.embedded-database.enabled} overrides the choice either way.
 */
class EmbeddedDatabaseDefaults implements EnvironmentPostProcessor, Ordered {

    static final String ENABLED = "portico.embedded-database.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        boolean noDatabaseConfigured = url == null || url.isBlank();
        if (!environment.getProperty(ENABLED, Boolean.class, noDatabaseConfigured)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource("portico-embedded-database", Map.of(ENABLED, "true")));
        // In prod the embedded database is refused at start-up (StartupSafety); no demo studios meanwhile.
        if (!environment.acceptsProfiles(Profiles.of("prod"))) {
            environment.addActiveProfile("demo");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
