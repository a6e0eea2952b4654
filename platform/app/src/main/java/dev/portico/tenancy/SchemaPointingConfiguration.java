package dev.portico.tenancy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Puts the application's connection pool behind a {@link SchemaPointingDataSource}, whoever defined the pool, together
 * with a pool for each database in {@code portico.placements} (none by default).
 */
@Configuration(proxyBeanMethods = false)
class SchemaPointingConfiguration {

    private static final String PLACEMENTS = "portico.placements";

    @Bean
    static BeanPostProcessor schemaPointingPool(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource pool && !(bean instanceof SchemaPointingDataSource)
                        ? new SchemaPointingDataSource(pool, placementPools(environment)) : bean;
            }
        };
    }

    /** A pool per configured placement; Hikari connects on first use, so an unused placement costs nothing. */
    static Map<String, DataSource> placementPools(Environment environment) {
        Map<String, PlacementProperties> placements = Binder.get(environment)
                .bind(PLACEMENTS, Bindable.mapOf(String.class, PlacementProperties.class))
                .orElse(Map.of());
        int poolSize = environment.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 10);
        long connectionTimeout = environment.getProperty("spring.datasource.hikari.connection-timeout", Long.class, 30_000L);
        Map<String, DataSource> pools = new LinkedHashMap<>();
        placements.forEach((name, placement) -> {
            if (!name.matches(TenantConfig.PLACEMENT_PATTERN)) {
                throw new IllegalStateException(PLACEMENTS + "." + name + ": a placement's name must be lower-case letters, digits "
                        + "or hyphens, starting with a letter");
            }
            if (placement.url() == null || placement.url().isBlank()) {
                throw new IllegalStateException(PLACEMENTS + "." + name + ".url is required");
            }
            HikariDataSource pool = new HikariDataSource();
            pool.setPoolName("placement-" + name);
            pool.setJdbcUrl(placement.url());
            pool.setUsername(placement.username());
            pool.setPassword(placement.password());
            pool.setMaximumPoolSize(poolSize);
            pool.setConnectionTimeout(connectionTimeout);
            pools.put(name, pool);
        });
        return pools;
    }
}
