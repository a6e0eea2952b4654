package dev.portico.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL for the whole run, in a fresh data folder, configured as Portico's own embedded database
 * is ({@code EmbeddedDatabaseConfiguration}: default durability, 200 connections, TCP only). The harness starts it
 * rather than letting Portico do so, because the start-up figures come from child processes that must find the same
 * server, and the time a database takes to start is no part of Portico's start-up.
 */
final class BenchDatabase implements AutoCloseable {

    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private BenchDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** {@code statementStatistics}: load pg_stat_statements, for {@link #statements}; it costs every statement a little. */
    static BenchDatabase start(Path dataDir, boolean statementStatistics) throws IOException {
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("unix_socket_directories", "");
        if (statementStatistics) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        return new BenchDatabase(builder.start(), dataDir);
    }

    Path dataDir() {
        return dataDir;
    }

    int port() {
        return postgres.getPort();
    }

    /** The JDBC URL of a database on this server, over TCP to 127.0.0.1. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, "");
    }

    void createDatabase(String name) throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    /** Starts counting statements in {@code database} afresh (pg_stat_statements, see {@link #start}). */
    void resetStatements(String database) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /**
     * The statements run in {@code database} since {@link #resetStatements}, most called first, as lines of calls per
     * request (over {@code requests}), mean milliseconds and the statement; and the total calls per request first.
     */
    List<String> statements(String database, long requests) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT calls, mean_exec_time, regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements
                         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY calls DESC""")) {
            long total = 0;
            while (rs.next()) {
                total += rs.getLong(1);
                lines.add(String.format(Locale.ROOT, "%8.2f  %7.3f ms  %s", (double) rs.getLong(1) / requests, rs.getDouble(2), rs.getString(3)));
            }
            lines.addFirst(String.format(Locale.ROOT, "%.2f statements per request over %d requests; calls per request, mean time, statement:",
                    (double) total / requests, requests));
        }
        return lines;
    }

    /** The server's version line, e.g. {@code PostgreSQL 18.1 on x86_64-pc-linux-gnu}, trimmed after the platform. */
    String version() throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT version()")) {
            rs.next();
            String version = rs.getString(1);
            int comma = version.indexOf(',');
            return comma > 0 ? version.substring(0, comma) : version;
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
