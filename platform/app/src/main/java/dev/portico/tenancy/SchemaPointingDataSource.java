package dev.portico.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's pools, knowing where each pooled connection's {@code search_path} points. Every connection it
 * lends points at a schema its borrower named: at a studio's for {@link #open} and for any borrower working for a
 * studio, at the neutral schema (no studio's tables) for work outside any studio. So a connection needs no resetting
 * when it goes back to the pool, and is switched only when its next borrower wants another schema: a studio's
 * requests on a warm pool usually cost no round trip at all.
 *
 * <p>There is one pool per database: the primary one (the platform tables and every studio not placed elsewhere) and
 * one per {@code portico.placements} entry. A connection is taken from the pool of the database the current
 * {@link TenantContext} studio is placed on, the primary outside any studio; {@link #on} gives a view fixed on one
 * database, for work that must not follow the thread's studio.
 *
 * <p>The schema of each connection is remembered by the physical connection (weakly, so evicted ones are
 * forgotten) and only once a switch has committed: one run inside a transaction could be rolled back, so it is
 * not remembered and the next borrower switches again. A connection lent to code that might move it by itself
 * (plugins) is {@linkplain #forget forgotten} when it comes back.
 */
final class SchemaPointingDataSource extends DelegatingDataSource implements AutoCloseable {

    private static final Pattern SCHEMA = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

    private final Map<String, DataSource> placements;
    private final Cache<Connection, String> pointedAt = Caffeine.newBuilder().weakKeys().build();
    private final AtomicLong switches = new AtomicLong();

    /**
     * @param primary    the primary database's pool
     * @param placements the pool of each placement database, by placement name
     */
    SchemaPointingDataSource(DataSource primary, Map<String, DataSource> placements) {
        super(primary);
        this.placements = Map.copyOf(placements);
    }

    /**
     * A connection on the current studio's database pointing at its schema, or at the neutral schema outside any
     * studio. A studio's plain SQL names its schema anyway; pointing there too means a request that mixes Hibernate
     * (which needs the studio's schema) and plain SQL keeps one search path, so its connection is not switched back
     * and forth.
     */
    @Override
    public Connection getConnection() throws SQLException {
        return pointed(pool(TenantContext.placement()).getConnection(), currentSchema());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pointed(pool(TenantContext.placement()).getConnection(username, password), currentSchema());
    }

    private static String currentSchema() {
        return TenantContext.current().map(Tenant::schemaName).orElse(TenantSchemas.NEUTRAL_SCHEMA);
    }

    /** A connection on the current studio's database whose search path is exactly {@code schema}. */
    Connection open(String schema) throws SQLException {
        return open(TenantContext.placement(), schema);
    }

    /** A connection on {@code placement}'s database (null: the primary) whose search path is exactly {@code schema}. */
    Connection open(@Nullable String placement, String schema) throws SQLException {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        return pointed(pool(placement).getConnection(), schema);
    }

    /**
     * A view on one database whose connections point at the neutral schema, whichever studio the borrowing thread
     * works for: the primary for {@code null}, else the named placement's.
     */
    DataSource on(@Nullable String placement) {
        return new DelegatingDataSource(this) {
            @Override
            public Connection getConnection() throws SQLException {
                return open(placement, TenantSchemas.NEUTRAL_SCHEMA);
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                throw new SQLException("a database's view uses the platform's credentials");
            }
        };
    }

    /** The names of the configured placements. */
    Set<String> placements() {
        return placements.keySet();
    }

    /** After a borrower that may have moved the connection itself: its next borrower switches it, whatever it wants. */
    void forget(Connection connection) throws SQLException {
        pointedAt.invalidate(connection.unwrap(Connection.class));
    }

    /** How many times a connection was actually switched; for tests of the skipping. */
    long switches() {
        return switches.get();
    }

    private DataSource pool(@Nullable String placement) throws SQLException {
        if (placement == null) {
            return obtainTargetDataSource();
        }
        DataSource pool = placements.get(placement);
        if (pool == null) {
            throw new SQLException("No database for the placement '" + placement + "': portico.placements." + placement
                    + " is not configured on this node");
        }
        return pool;
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

    /** Closes every pool with the application context. */
    @Override
    public void close() throws Exception {
        for (DataSource pool : placements.values()) {
            if (pool instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        if (obtainTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }
}
