package dev.portico.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.portico.support.DemoStudiosTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * The connection provider switches a pooled connection's schema only when the studio changes, and a connection
 * used for one studio, then another, then outside any studio, sees exactly the schema of its current use. Runs on a
 * pool of one connection of the demo database, so every borrow is the same physical connection.
 */
@DemoStudiosTest
class SchemaPointingIntegrationTests {

    @Autowired
    DataSource applicationDataSource;

    @Autowired
    Environment environment;

    @Autowired
    TenantRegistry registry;

    HikariDataSource onePool;
    SchemaPointingDataSource pool;
    TenantSchemas schemas;
    SchemaPerTenantConnectionProvider provider;

    @BeforeEach
    void onePooledConnection() {
        onePool = pool(true);
        pool = new SchemaPointingDataSource(onePool, Map.of());
        schemas = new TenantSchemas(pool);
        provider = new SchemaPerTenantConnectionProvider(pool, schemas);
    }

    @AfterEach
    void closePool() {
        onePool.close();
    }

    @Test
    void theApplicationsPoolIsTheSchemaPointingOne() throws SQLException {
        assertThat(applicationDataSource).isInstanceOf(SchemaPointingDataSource.class);
        try (Connection connection = applicationDataSource.getConnection()) {
            assertThat(currentSchema(connection)).isEqualTo("public");
        }
    }

    @Test
    void aConnectionBackForTheSameStudioIsNotSwitchedAgain() throws SQLException {
        Connection first = provider.getConnection("serenity");
        Connection physical = first.unwrap(Connection.class);
        assertThat(currentSchema(first)).isEqualTo("tenant_serenity");
        provider.releaseConnection("serenity", first);
        long switches = pool.switches();

        for (int i = 0; i < 3; i++) {
            Connection again = provider.getConnection("serenity");
            assertThat(again.unwrap(Connection.class)).isSameAs(physical);
            assertThat(currentSchema(again)).isEqualTo("tenant_serenity");
            provider.releaseConnection("serenity", again);
        }

        assertThat(pool.switches()).as("switches for the same studio again").isEqualTo(switches);
    }

    @Test
    void aConnectionUsedForOneStudioThenAnotherSeesTheOthersRowsOnly() throws SQLException {
        String serenityLocations;
        String ironworksLocations;
        try (Connection connection = pool.getConnection()) {
            serenityLocations = single(connection, "SELECT string_agg(name, ',' ORDER BY name) FROM tenant_serenity.locations");
            ironworksLocations = single(connection, "SELECT string_agg(name, ',' ORDER BY name) FROM tenant_ironworks.locations");
        }
        assertThat(serenityLocations).isNotEqualTo(ironworksLocations);

        Connection atSerenity = provider.getConnection("serenity");
        Connection physical = atSerenity.unwrap(Connection.class);
        assertThat(single(atSerenity, "SELECT string_agg(name, ',' ORDER BY name) FROM locations")).isEqualTo(serenityLocations);
        provider.releaseConnection("serenity", atSerenity);
        long switches = pool.switches();

        Connection atIronworks = provider.getConnection("ironworks");
        assertThat(atIronworks.unwrap(Connection.class)).isSameAs(physical);
        assertThat(currentSchema(atIronworks)).isEqualTo("tenant_ironworks");
        assertThat(single(atIronworks, "SELECT string_agg(name, ',' ORDER BY name) FROM locations")).isEqualTo(ironworksLocations);
        provider.releaseConnection("ironworks", atIronworks);
        assertThat(pool.switches()).isEqualTo(switches + 1);

        // Outside any studio, the same connection reaches no studio's tables.
        try (Connection platform = pool.getConnection()) {
            assertThat(platform.unwrap(Connection.class)).isSameAs(physical);
            assertThat(currentSchema(platform)).isEqualTo("public");
            assertThatThrownBy(() -> single(platform, "SELECT count(*) FROM locations")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not exist");
        }
        Connection noStudio = provider.getConnection(TenantIdentifierResolver.NO_TENANT);
        assertThat(currentSchema(noStudio)).isEqualTo("public");
        provider.releaseConnection(TenantIdentifierResolver.NO_TENANT, noStudio);
        Connection any = provider.getAnyConnection();
        assertThat(currentSchema(any)).isEqualTo("public");
        provider.releaseAnyConnection(any);
    }

    @Test
    void plainSqlForAStudioSharesTheSchemaOfItsHibernateWorkSoNothingIsSwitchedBetween() throws SQLException {
        Tenant serenity = registry.findBySlug("serenity").orElseThrow();
        Connection hibernate = provider.getConnection("serenity");
        Connection physical = hibernate.unwrap(Connection.class);
        provider.releaseConnection("serenity", hibernate);
        long switches = pool.switches();

        try (TenantContext.Scope ignored = TenantContext.enter(serenity); Connection plain = pool.getConnection()) {
            assertThat(plain.unwrap(Connection.class)).isSameAs(physical);
            assertThat(currentSchema(plain)).isEqualTo("tenant_serenity");
        }
        assertThat(pool.switches()).as("switches between a studio's Hibernate and plain SQL").isEqualTo(switches);

        try (Connection platform = pool.getConnection()) {
            assertThat(currentSchema(platform)).as("outside any studio").isEqualTo("public");
        }
    }

    @Test
    void aConnectionAPluginMovedIsSwitchedBackForItsNextBorrower() throws SQLException {
        try (Connection plugin = schemas.dataSource("tenant_serenity").getConnection(); Statement statement = plugin.createStatement()) {
            statement.execute("SET search_path TO tenant_ironworks");
        }

        Connection atSerenity = provider.getConnection("serenity");
        assertThat(currentSchema(atSerenity)).isEqualTo("tenant_serenity");
        provider.releaseConnection("serenity", atSerenity);
    }

    @Test
    void aSwitchInsideATransactionIsNotTrustedAfterARollback() throws SQLException {
        try (HikariDataSource manual = pool(false)) {
            SchemaPointingDataSource pointing = new SchemaPointingDataSource(manual, Map.of());
            try (Connection connection = pointing.open("tenant_serenity")) {
                assertThat(currentSchema(connection)).isEqualTo("tenant_serenity");
                connection.rollback();
                assertThat(currentSchema(connection)).as("after the rollback").isNotEqualTo("tenant_serenity");
            }
            long switches = pointing.switches();
            try (Connection connection = pointing.open("tenant_serenity")) {
                assertThat(currentSchema(connection)).isEqualTo("tenant_serenity");
            }
            assertThat(pointing.switches()).isEqualTo(switches + 1);
        }
    }

    private HikariDataSource pool(boolean autoCommit) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(environment.getRequiredProperty("spring.datasource.url"));
        config.setUsername(environment.getRequiredProperty("spring.datasource.username"));
        config.setPassword(environment.getProperty("spring.datasource.password", ""));
        config.setMaximumPoolSize(1);
        config.setAutoCommit(autoCommit);
        config.setPoolName("one-connection");
        return new HikariDataSource(config);
    }

    private static String currentSchema(Connection connection) throws SQLException {
        return single(connection, "SELECT current_schema()");
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
