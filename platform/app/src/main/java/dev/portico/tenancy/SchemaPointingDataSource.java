package dev.portico.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's pool, knowing where each pooled connection's {@code search_path} points. Every connection it
 * lends points at a schema its borrower named: at a studio's for {@link #open}, at the neutral schema (no studio's
 * tables) for everyone else. So a connection needs no resetting when it goes back to the pool, and is switched only
 * when its next borrower wants another schema: a studio's requests on a warm pool usually cost no round trip at all.
 *
 * <p>The schema of each connection is remembered by the physical connection (weakly, so evicted ones are
 * forgotten) and only once a switch has committed: one run inside a transaction could be rolled back, so it is
 * not remembered and the next borrower switches again. A connection lent to code that might move it by itself
 * (plugins) is {@linkplain #forget forgotten} when it comes back.
 */
final class SchemaPointingDataSource extends DelegatingDataSource implements AutoCloseable {

    private static final Pattern SCHEMA = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

    private final Cache<Connection, String> pointedAt = Caffeine.newBuilder().weakKeys().build();
    private final AtomicLong switches = new AtomicLong();

    SchemaPointingDataSource(DataSource pool) {
        super(pool);
    }

    /** A connection pointing at the neutral schema, for work outside any studio's tables. */
    @Override
    public Connection getConnection() throws SQLException {
        return pointed(obtainTargetDataSource().getConnection(), TenantSchemas.NEUTRAL_SCHEMA);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pointed(obtainTargetDataSource().getConnection(username, password), TenantSchemas.NEUTRAL_SCHEMA);
    }

    /** A connection whose search path is exactly {@code schema}. */
    Connection open(String schema) throws SQLException {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        return pointed(obtainTargetDataSource().getConnection(), schema);
    }

    /** After a borrower that may have moved the connection itself: its next borrower switches it, whatever it wants. */
    void forget(Connection connection) throws SQLException {
        pointedAt.invalidate(connection.unwrap(Connection.class));
    }

    /** How many times a connection was actually switched; for tests of the skipping. */
    long switches() {
        return switches.get();
    }

    private Connection pointed(Connection connection, String schema) throws SQLException {
        try {
            Connection physical = connection.unwrap(Connection.class);
            if (schema.equals(pointedAt.getIfPresent(physical))) {
                return connection;
            }
            pointedAt.invalidate(physical);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO " + schema);
            }
            switches.incrementAndGet();
            if (connection.getAutoCommit()) {
                pointedAt.put(physical, schema);
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Closes the pool with the application context. */
    @Override
    public void close() throws Exception {
        if (obtainTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }
}
