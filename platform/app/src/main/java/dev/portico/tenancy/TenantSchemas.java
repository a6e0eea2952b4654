package dev.portico.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Opens connections whose {@code search_path} is exactly one studio's schema, on the database the studio is placed on,
 * for Hibernate and for the few callers that work in plain JDBC. No tenant's schema outlives its use: whoever borrows
 * a pooled connection other than through here gets it pointed at the schema of the studio the thread works for, or at
 * the empty {@code public} schema outside any studio (see {@link SchemaPointingDataSource}), so a connection is
 * switched only when its next borrower wants another schema, not reset after every use.
 */
@Component
public class TenantSchemas {

    /** Where a connection points for work outside any studio: a schema that holds no studio's tables. */
    static final String NEUTRAL_SCHEMA = "public";

    private final SchemaPointingDataSource pool;

    TenantSchemas(DataSource dataSource) {
        if (!(dataSource instanceof SchemaPointingDataSource pointing)) {
            throw new IllegalStateException("The application's DataSource must be a SchemaPointingDataSource "
                    + "(SchemaPointingConfiguration wraps it), so no other borrower gets a studio's schema");
        }
        this.pool = pointing;
    }

    /** Work done on a connection bound to a studio's schema. */
    @FunctionalInterface
    public interface SchemaWork<T> {
        T doInSchema(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a connection whose search path is {@code schema} alone, in one transaction. */
    public <T> T inSchema(String schema, SchemaWork<T> work) throws SQLException {
        try (Connection connection = open(schema)) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.doInSchema(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * A view of the current studio's database whose connections point at {@code schema}; handed to plugins that keep
     * tables of their own, it stays on that database whichever thread borrows from it. A plugin might move a
     * connection's search path itself, so each one is forgotten when it comes back, and its next borrower switches it.
     */
    public DataSource dataSource(String schema) {
        String placement = TenantContext.placement();
        return new DelegatingDataSource(pool) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = pool.open(placement, schema);
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                                try {
                                    if (!connection.isClosed()) {
                                        pool.forget(connection);
                                    }
                                } finally {
                                    connection.close();
                                }
                                return null;
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                throw new SQLException("a studio's storage uses the platform's credentials");
            }
        };
    }

    Connection open(String schema) throws SQLException {
        return pool.open(schema);
    }

    /** One database, whichever studio the thread works for: the primary for {@code null}, else the named placement's. */
    DataSource database(@Nullable String placement) {
        return pool.on(placement);
    }

    /** The names of the configured placements ({@code portico.placements}). */
    Set<String> placements() {
        return pool.placements();
    }
}
