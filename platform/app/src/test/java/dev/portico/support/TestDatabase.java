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
 * started once per test JVM. Each caller gets a fresh, empty database on it. Tests of studios placed on another
 * database get theirs on a second, separate server ({@code PORTICO_TEST_SECOND_DATABASE_URL}, or a second embedded
 * one), started only when one of them asks.
 */
public final class TestDatabase {

    private static final TestDatabase FIRST = new TestDatabase("PORTICO_TEST_DATABASE", "portico_test_");
    private static final TestDatabase SECOND = new TestDatabase("PORTICO_TEST_SECOND_DATABASE", "portico_placed_");

    private final String environmentPrefix;
    private final String namePrefix;
    private final AtomicInteger databases = new AtomicInteger();
    private String adminUrl;
    private String user;
    private String password;

    private TestDatabase(String environmentPrefix, String databasePrefix) {
        this.environmentPrefix = environmentPrefix;
        this.namePrefix = databasePrefix + ProcessHandle.current().pid() + "_";
    }

    /** A new database on the test server; returns how to reach it. */
    public static Credentials createDatabase() {
        return FIRST.create();
    }

    /** A new database on the second test server, which shares nothing with the first. */
    public static Credentials createSecondServerDatabase() {
        return SECOND.create();
    }

    /** How to reach a test database. */
    public record Credentials(String url, String user, String password) {}

    private synchronized Credentials create() {
        start();
        String name = namePrefix + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Credentials(adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"), user, password);
    }

    private void start() {
        if (adminUrl != null) {
            return;
        }
        String external = System.getenv(environmentPrefix + "_URL");
        if (external != null && !external.isBlank()) {
            adminUrl = external;
            user = System.getenv().getOrDefault(environmentPrefix + "_USER", "postgres");
            password = System.getenv().getOrDefault(environmentPrefix + "_PASSWORD", "");
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
