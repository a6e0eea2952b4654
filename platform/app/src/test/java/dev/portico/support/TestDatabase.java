package dev.portico.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL every test runs against: the server named by {@code PORTICO_TEST_DATABASE_URL}
 * (with {@code PORTICO_TEST_DATABASE_USER} / {@code _PASSWORD}) when set, otherwise one embedded server
 * started once per test JVM. Each caller gets a fresh, empty database on it.
 */
public final class TestDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String PREFIX = "portico_test_" + ProcessHandle.current().pid() + "_";

    private static String adminUrl;
    private static String user;
    private static String password;

    private TestDatabase() {
    }

    /** A new database; returns its JDBC URL. */
    public static synchronized Credentials createDatabase() {
        start();
        String name = PREFIX + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Credentials(adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"), user, password);
    }

    /** How to reach a test database. */
    public record Credentials(String url, String user, String password) {}

    private static void start() {
        if (adminUrl != null) {
            return;
        }
        String external = System.getenv("PORTICO_TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            adminUrl = external;
            user = System.getenv().getOrDefault("PORTICO_TEST_DATABASE_USER", "postgres");
            password = System.getenv().getOrDefault("PORTICO_TEST_DATABASE_PASSWORD", "");
            return;
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "400")
                    .setServerConfig("unix_socket_directories", "")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the server dies with its data folder
                }
            }));
            adminUrl = postgres.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
        }
    }
}
