package dev.portico.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** A placement database's pool is sized and bounded as the primary's is (the pools are made, never connected, here). */
class PlacementPoolsUnitTests {

    @Test
    void aPlacementsPoolTakesThePrimarysSizeAndConnectionWait() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.hikari.maximum-pool-size", "7")
                .withProperty("spring.datasource.hikari.connection-timeout", "4000")
                .withProperty("portico.placements.eu.url", "jdbc:postgresql://eu-db.invalid:5432/portico")
                .withProperty("portico.placements.eu.username", "portico");

        Map<String, DataSource> pools = SchemaPointingConfiguration.placementPools(environment);

        try (HikariDataSource eu = (HikariDataSource) pools.get("eu")) {
            assertThat(eu.getJdbcUrl()).isEqualTo("jdbc:postgresql://eu-db.invalid:5432/portico");
            assertThat(eu.getMaximumPoolSize()).isEqualTo(7);
            assertThat(eu.getConnectionTimeout()).isEqualTo(4000);
        }
    }

    @Test
    void withoutSettingsAPlacementsPoolWaitsHikarisDefault() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("portico.placements.eu.url", "jdbc:postgresql://eu-db.invalid:5432/portico");

        try (HikariDataSource eu = (HikariDataSource) SchemaPointingConfiguration.placementPools(environment).get("eu")) {
            assertThat(eu.getConnectionTimeout()).isEqualTo(30_000);
            assertThat(eu.getMaximumPoolSize()).isEqualTo(10);
        }
    }
}
