package dev.portico.bench;

import dev.portico.tenancy.ImportReport;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantProvisioning;
import dev.portico.tenancy.TenantRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The benchmark studios {@code t0001}, {@code t0002}, …: their tenant configs, their provisioning (timed: the same
 * import and migration Portico runs at start-up), and their data ({@code bench-studio.sql}).
 */
final class BenchStudios {

    /** Every benchmark studio's zone; {@code bench-studio.sql} writes its times in it. */
    static final String ZONE = "Europe/London";
    /** The one customer of every benchmark studio, and the 60-minute private session it books (bench-studio.sql). */
    static final UUID CUSTOMER = UUID.fromString("b0000010-0000-4000-8000-000000000001");
    static final String EMAIL = "bench@example.com";
    static final UUID SERVICE = UUID.fromString("b0000003-0000-4000-8000-000000000001");

    /** Seeding runs on this many connections at once. */
    private static final int SEED_THREADS = 4;

    private BenchStudios() {
    }

    /** A benchmark studio, reached at {@code <slug>.localhost}. */
    record Studio(String slug) {

        String host() {
            return slug + ".localhost";
        }

        String schema() {
            return Tenant.schemaFor(slug);
        }
    }

    static List<Studio> first(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new Studio("t%04d".formatted(i))).toList();
    }

    /**
     * A studio's config as an operator would write it: the customer's login by email through the dev inbox, and the
     * standard policy plugin deciding what customers may cancel or move (its calls are part of what the portal does).
     */
    static String config(String slug) {
        return """
                slug: %s
                name: Bench Studio %s
                timezone: %s
                locale: en
                currency: GBP
                loginChannels: [email]
                policies:
                  cancelWindowHours: 12
                  rescheduleWindowHours: 12
                  lateCancel: deny
                  maxReschedulesPerBooking: 2
                  refundApproval: auto
                plugins:
                  notify-dev-inbox:
                    enabled: true
                  policy-standard:
                    enabled: true
                """.formatted(slug, slug, ZONE);
    }

    static void writeConfigs(List<Studio> studios, Path dir) throws IOException {
        BenchDatabase.deleteRecursively(dir);
        Files.createDirectories(dir);
        for (Studio studio : studios) {
            Files.writeString(dir.resolve(studio.slug() + ".yaml"), config(studio.slug()));
        }
    }

    /** How long provisioning took. */
    record Provisioned(int schemas, Duration register, Duration migrate, Duration noOp) {}

    /**
     * Imports the configs in {@code dir} into the registry, then migrates every registered studio's schema and
     * announces it ready (plugins with tables migrate theirs) exactly as {@code TenantBootstrap} does at start-up,
     * {@code portico.tenancy.migration-threads} at a time; then does it all again, when there is nothing left to do.
     */
    static Provisioned provision(TenantProvisioning provisioning, TenantRegistry registry, Path dir, int expected) {
        long started = System.nanoTime();
        ImportReport report = provisioning.importConfigs(dir);
        if (report.created().size() != expected || !report.problems().isEmpty()) {
            throw new IllegalStateException("importing " + expected + " studios created " + report.created().size()
                    + ", problems: " + report.problems());
        }
        Duration register = Duration.ofNanos(System.nanoTime() - started);

        started = System.nanoTime();
        provisioning.migrateAndAnnounceAll();
        Duration migrate = Duration.ofNanos(System.nanoTime() - started);
        List<Tenant> all = registry.findAll();
        List<String> notActive = all.stream().filter(t -> !t.isActive()).map(Tenant::slug).toList();
        if (!notActive.isEmpty()) {
            throw new IllegalStateException("studios not active after migration: " + notActive);
        }

        started = System.nanoTime();
        provisioning.migrateAndAnnounceAll();
        Duration noOp = Duration.ofNanos(System.nanoTime() - started);
        return new Provisioned(all.size(), register, migrate, noOp);
    }

    /** Fills every studio's schema with {@code bench-studio.sql}, each in one transaction. */
    static void seed(BenchDatabase database, String databaseName, List<Studio> studios) throws Exception {
        String script = script();
        List<List<Studio>> slices = IntStream.range(0, SEED_THREADS)
                .mapToObj(i -> IntStream.range(0, studios.size()).filter(n -> n % SEED_THREADS == i).mapToObj(studios::get).toList())
                .toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS)) {
            List<Future<Void>> done = new ArrayList<>();
            for (List<Studio> slice : slices) {
                done.add(pool.submit(() -> {
                    try (Connection connection = database.connect(databaseName)) {
                        connection.setAutoCommit(false);
                        for (Studio studio : slice) {
                            seed(connection, studio, script);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> future : done) {
                future.get();
            }
        }
    }

    private static void seed(Connection connection, Studio studio, String script) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL search_path TO " + studio.schema());
            statement.execute(script);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("seeding " + studio.slug() + ": " + e.getMessage(), e);
        }
    }

    private static String script() throws IOException {
        try (InputStream in = BenchStudios.class.getResourceAsStream("/bench-studio.sql")) {
            if (in == null) {
                throw new IOException("bench-studio.sql is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
