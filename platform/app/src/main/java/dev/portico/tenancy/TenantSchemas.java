package dev.portico.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Opens connections whose {@code search_path} is exactly one studio's schema, for Hibernate and for the
 * few callers that work in plain JDBC. Every connection is pointed back at the empty {@code public}
 * schema before it returns to the pool, so no tenant's schema outlives its use.
 */
@Component
public class TenantSchemas {

    /** Where an idle pooled connection points: a schema that holds no studio's tables. */
    static final String NEUTRAL_SCHEMA = "public";

    private final DataSource dataSource;

    TenantSchemas(DataSource dataSource) {
        this.dataSource = dataSource;
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
                release(connection);
            }
        }
    }

    /**
     * A view of the pool whose connections point at {@code schema} and are pointed back at the neutral schema
     * when closed; handed to plugins that keep tables of their own.
     */
    public DataSource dataSource(String schema) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = open(schema);
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                                try {
                                    if (!connection.isClosed()) {
                                        release(connection);
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
        Connection connection = dataSource.getConnection();
        try {
            point(connection, schema);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    void release(Connection connection) throws SQLException {
        point(connection, NEUTRAL_SCHEMA);
    }

    private static void point(Connection connection, String schema) throws SQLException {
        if (!schema.matches("^[a-z][a-z0-9_]{0,62}$")) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
        }
    }
}
