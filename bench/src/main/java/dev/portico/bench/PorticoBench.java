package dev.portico.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.portico.bench.BenchStudios.Studio;
import dev.portico.bench.LoadGenerator.Capacity;
import dev.portico.bench.LoadGenerator.Outcome;
import dev.portico.bench.LoadGenerator.Target;
import dev.portico.bench.PortalLogins.Session;
import dev.portico.bench.Report.Section;
import dev.portico.bench.Report.Verdict;
import dev.portico.tenancy.TenantProvisioning;
import dev.portico.tenancy.TenantRegistry;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The benchmark harness: starts Portico on an embedded PostgreSQL with {@code BENCH_TENANTS} studios and measures,
 * in one run, the figures of the ops issue side by side with their targets:
 * <ol>
 *   <li>portal reads ({@code GET /appointments}, {@code GET /availability}) against a bare Spring MVC + JdbcTemplate
 *       endpoint running the same SQL in the same process ({@link BareEndpoints});</li>
 *   <li>the same reads spread over every studio against one studio;</li>
 *   <li>magic-link verify and refresh latency;</li>
 *   <li>the migration of every studio's schema, a no-op re-run, and onboarding a new studio;</li>
 *   <li>start-up time to the first 200, with and without a JDK AOT cache, and with every studio in the database;</li>
 *   <li>the availability engine's JMH microbenchmarks.</li>
 * </ol>
 * Everything runs on 127.0.0.1 and every phase is bounded in time. The table is printed and written to
 * {@code bench/results/<date>.md} (a quick run's to {@code bench/target/harness/}). Run it with {@code bench/run.sh}.
 */
public final class PorticoBench {

    private static final String DATABASE = "portico";
    private static final String STARTUP_DATABASE = "startup";
    private static final double STEADY_SHARE = 0.7;
    private static final int LOGIN_THREADS = 4;
    private static final Duration WARM_UP_SLICE = Duration.ofSeconds(2);

    private final BenchSettings settings;
    private final Instant begun = Instant.now();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final Report report;
    private final Section reads;
    private final Section spread;
    private final Section auth;
    private final Section provisioning;
    private final Section startup;
    private final Section engine;
    /** How the load phase warmed up, for the report. */
    private String warmUp = "";
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private PorticoBench(BenchSettings settings) {
        this.settings = settings;
        this.report = new Report("Portico benchmark, " + LocalDate.now() + (settings.quick() ? " (quick run)" : ""), facts);
        this.reads = report.section("1. Portal reads against a bare endpoint (one studio)");
        this.spread = report.section("2. Portal reads over " + settings.tenants() + " studios against one");
        this.auth = report.section("3. Magic-link login");
        this.provisioning = report.section("4. Migration and onboarding");
        this.startup = report.section("5. Start-up to the first 200");
        this.engine = report.section("6. Availability engine (JMH)");
    }

    public static void main(String[] args) throws Exception {
        // The load addresses studios by Host header, as browsers on *.localhost do; the JDK client refuses that otherwise.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        // Until Spring Boot sets logging up, Logback would print every library's debug lines.
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        BenchSettings settings = BenchSettings.fromEnvironment(System.getenv());
        // Two runs at once would share the work folder (and the database in it) and measure each other.
        Path lock = settings.root().resolve("bench/target/harness.lock");
        Files.createDirectories(lock.getParent());
        boolean complete;
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.tryLock()) {
            if (held == null) {
                System.err.println("Another benchmark run is using bench/target/harness; wait for it to finish.");
                System.exit(2);
                return;
            }
            complete = new PorticoBench(settings).run();
        }
        System.exit(complete ? 0 : 1);
    }

    /** Runs every phase, writes the report, and says whether every figure could be measured. */
    private boolean run() throws Exception {
        Path work = settings.work();
        BenchDatabase.deleteRecursively(work);
        Files.createDirectories(work);
        describeMachine();
        say("Benchmark run: %d studios, %d s per steady-state run%s; logs in %s", settings.tenants(), settings.measure().toSeconds(),
                settings.quick() ? " (quick)" : "", work);

        say("6/6 Availability engine microbenchmarks (JMH, forked JVM)...");
        microbenchmarks(work.resolve("jmh.log"));
        try {
            withDatabase(work);
        } catch (Exception e) {
            say("Stopped early: %s", e);
            e.printStackTrace();
            report.section("Stopped early").note("The figures above this run could not measure are missing.").failed("the run", e);
        }
        facts.put("load average (1 min) at the end", loadAverage());
        Duration took = Duration.between(begun, Instant.now()).truncatedTo(ChronoUnit.SECONDS);
        facts.put("run took", took.toMinutes() + " min " + took.toSecondsPart() + " s");

        String markdown = report.markdown();
        System.out.println();
        System.out.println(markdown);
        // A quick run's figures are a smoke test, not results: they stay out of bench/results.
        Path written = settings.quick()
                ? report.write(work.resolve(LocalDate.now() + "-quick.md"))
                : report.write(settings.root().resolve("bench/results").resolve(LocalDate.now() + ".md"));
        say("Written to %s", settings.root().relativize(written));
        return report.count(Verdict.FAILED) == 0;
    }

    private void withDatabase(Path work) throws Exception {
        say("Starting the embedded PostgreSQL...");
        try (BenchDatabase database = BenchDatabase.start(work.resolve("postgres"), settings.profile())) {
            facts.put("PostgreSQL", database.version() + " (embedded, zonky, in " + settings.root().relativize(work) + "; the settings of "
                    + "Portico's own embedded database: fsync and synchronous_commit off, 200 connections)");
            database.createDatabase(DATABASE);
            database.createDatabase(STARTUP_DATABASE);
            List<Studio> studios = BenchStudios.first(settings.tenants());
            BenchStudios.writeConfigs(studios, work.resolve("studios"));

            say("Starting Portico in this JVM, with the bare endpoints beside it...");
            byte[] key = new byte[24];
            new SecureRandom().nextBytes(key);
            String operatorKey = HexFormat.of().formatHex(key);
            long started = System.nanoTime();
            try (PorticoServer server = PorticoServer.start(database, DATABASE, settings.root(), work.resolve("portico.log"), operatorKey)) {
                say("Portico up on 127.0.0.1:%d after %s", server.port(), seconds(Duration.ofNanos(System.nanoTime() - started)));
                Http http = new Http(client, server.port());
                measureProvisioning(server, http, studios, work, operatorKey);

                say("Seeding %d studios (bench-studio.sql)...", studios.size());
                BenchStudios.seed(database, DATABASE, studios);

                say("3/6 Logging the benchmark customer in at every studio (request link, dev inbox, verify)...");
                PortalLogins logins = new PortalLogins(http);
                List<Session> sessions = loginEverywhere(logins, studios);
                measureLogins(logins, studios.getFirst());

                measureReads(http, studios, sessions, database, work);
            }
            say("5/6 Start-up of the runnable jar as a child process...");
            measureStartup(database, work);
        }
    }

    // 4. Migration and onboarding

    private void measureProvisioning(PorticoServer server, Http http, List<Studio> studios, Path work, String operatorKey) {
        int n = studios.size();
        provisioning.note("The same work Portico does at start-up (TenantProvisioning): import the studios' config files into the "
                + "registry, then migrate every registered schema with Flyway, " + "portico.tenancy.migration-threads (4) at a time, "
                + "and announce each studio ready (plugins with tables migrate theirs). The no-op re-run repeats the migration "
                + "and announcement when every schema is up to date. A new studio is onboarded through POST /api/platform/tenants "
                + "(its config as YAML, the operator key), timed by the client until the 201, with its schema migrated and served.");
        say("4/6 Registering and migrating %d studios...", n);
        BenchStudios.Provisioned provisioned;
        try {
            provisioned = BenchStudios.provision(server.bean(TenantProvisioning.class), server.bean(TenantRegistry.class),
                    work.resolve("studios"), n);
        } catch (RuntimeException e) {
            provisioning.failed(n + "-schema migration", e);
            throw e;
        }
        String schemas = n + " studios (" + provisioned.schemas() + " schemas with the demo studios)";
        provisioning.info("register " + n + " studios (import their config files)", seconds(provisioned.register()));
        provisioning.row("migrate " + schemas, seconds(provisioned.migrate()), "< 120 s for 1,000",
                scaled(provisioned.migrate().compareTo(Duration.ofSeconds(120)) < 0));
        provisioning.row("no-op re-run over " + schemas, seconds(provisioned.noOp()), "< 30 s for 1,000",
                scaled(provisioned.noOp().compareTo(Duration.ofSeconds(30)) < 0));
        say("   migrated in %s, no-op re-run in %s", seconds(provisioned.migrate()), seconds(provisioned.noOp()));

        try {
            List<Duration> onboardings = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                long started = System.nanoTime();
                Http.expect(201, http.send(http.request(null, "/api/platform/tenants")
                        .header("Authorization", "Bearer " + operatorKey)
                        .header("Content-Type", "application/yaml")
                        .POST(HttpRequest.BodyPublishers.ofString(BenchStudios.config("onboarded-" + i)))
                        .build()), "onboarding a studio");
                onboardings.add(Duration.ofNanos(System.nanoTime() - started));
            }
            Duration median = StartupTimer.median(onboardings);
            provisioning.row("new studio through the platform API (" + new Runs(onboardings) + ")", seconds(median), "< 2 s",
                    Verdict.of(median.compareTo(Duration.ofSeconds(2)) < 0));
        } catch (RuntimeException e) {
            provisioning.failed("new studio through the platform API", e);
        }
    }

    // 3. Magic-link login

    private List<Session> loginEverywhere(PortalLogins logins, List<Studio> studios) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(LOGIN_THREADS)) {
            List<Future<Session>> futures = studios.stream().map(s -> pool.submit(() -> logins.login(s.host()))).toList();
            List<Session> sessions = new ArrayList<>();
            for (Future<Session> future : futures) {
                sessions.add(future.get());
            }
            return sessions;
        }
    }

    private void measureLogins(PortalLogins logins, Studio studio) {
        int samples = settings.authSamples();
        auth.note("Sequential, with no other load, at " + studio.host() + ": each figure from sending the request to the whole "
                + "answer, on the client. Verify: " + samples + " fresh links (asked for in batches of " + PortalLogins.BATCH
                + " and read from the dev inbox; neither is timed) traded for an access token and refresh cookie. Refresh: "
                + samples + " refreshes in a chain, each with the cookie the previous one rotated in.");
        try {
            Histogram verify = Latency.histogram();
            Session session = logins.timeVerify(studio.host(), samples, verify);
            auth.info("POST /auth/verify: p50 / p95 / p99 (" + verify.getTotalCount() + " samples)", Latency.of(verify).percentiles());
            Histogram refresh = Latency.histogram();
            logins.timeRefresh(studio.host(), session, samples, refresh);
            auth.info("POST /auth/refresh: p50 / p95 / p99 (" + refresh.getTotalCount() + " samples)", Latency.of(refresh).percentiles());
            say("   verify %s, refresh %s", Latency.of(verify).percentiles(), Latency.of(refresh).percentiles());
        } catch (RuntimeException e) {
            auth.failed("verify and refresh", e);
        }
    }

    // 1 and 2. Portal reads

    /** An endpoint's capacity (closed-loop sweep), and its latency and CPU time at 70% of it (open loop). */
    private record Measured(Capacity capacity, double steadyRate, Outcome steady, CpuTime.Sample cpu) {

        double throughput() {
            return capacity.throughput();
        }

        /** e.g. {@code 1,850 + 620 µs}: this JVM's (Portico and the load generator) and PostgreSQL's, per request. */
        String cpuPerRequest() {
            long requests = Math.max(1, steady.requests() - steady.errors());
            String jvm = String.format(Locale.ROOT, "%,d", cpu.jvm() / 1_000 / requests);
            return cpu.postgres() < 0 ? jvm + " µs + n/a" : jvm + String.format(Locale.ROOT, " + %,d µs", cpu.postgres() / 1_000 / requests);
        }
    }

    private void measureReads(Http http, List<Studio> studios, List<Session> sessions, BenchDatabase database, Path work) {
        CpuTime cpu = new CpuTime(database.dataDir());
        Studio one = studios.getFirst();
        Session session = sessions.getFirst();
        String bare = "?schema=" + one.schema() + "&customerId=" + BenchStudios.CUSTOMER;
        String availability = "/api/client-portal/availability?serviceId=" + BenchStudios.SERVICE;
        Function<String, List<HttpRequest.Builder>> everywhere = path -> Stream.iterate(0, i -> i + 1).limit(studios.size())
                .map(i -> portal(http, studios.get(i), sessions.get(i), path)).toList();
        Target ping = new Target("bare ping", List.of(http.request(null, "/bench/bare/ping")));
        Target bareAppointments = new Target("bare appointments", List.of(http.request(null, "/bench/bare/appointments" + bare)));
        Target portalAppointments = new Target("portal appointments", List.of(portal(http, one, session, "/api/client-portal/appointments")));
        Target bareAvailability = new Target("bare availability", List.of(http.request(null, "/bench/bare/availability" + bare
                + "&serviceId=" + BenchStudios.SERVICE)));
        Target portalAvailability = new Target("portal availability", List.of(portal(http, one, session, availability)));
        Target spreadAppointments = new Target("portal appointments, every studio", everywhere.apply("/api/client-portal/appointments"));
        Target spreadAvailability = new Target("portal availability, every studio", everywhere.apply(availability));
        List<Target> targets = List.of(ping, bareAppointments, portalAppointments, bareAvailability, portalAvailability, spreadAppointments,
                spreadAvailability);

        String method = "Load from this JVM over HTTP/1.1 to 127.0.0.1 (java.net.http, a virtual thread per request; the generator "
                + "shares the " + Runtime.getRuntime().availableProcessors() + " CPUs with the server). After a warm-up of every "
                + "endpoint, a closed-loop sweep over " + levels()
                + " concurrent clients (" + seconds(settings.step()) + " each, stopping once throughput falls 10% below the best) "
                + "gives its maximum throughput; then an open-loop run at " + Math.round(STEADY_SHARE * 100) + "% of that maximum for "
                + seconds(settings.measure()) + " gives the percentiles, counted from when each request was due, and the error rate "
                + "(anything but a 200, time-outs after 10 s, requests shed beyond " + LoadGenerator.MAX_IN_FLIGHT + " in flight). "
                + "CPU per request: the CPU time this JVM (Portico, the bare endpoints and the load generator) and PostgreSQL's "
                + "processes spent during that run, over the requests answered; steadier than throughput when other work shares the "
                + "machine" + (settings.profile() ? ". Each open-loop run was recorded with Java Flight Recorder "
                + "(bench/target/harness/*.jfr) and its SQL counted with pg_stat_statements (*.sql.txt)." : ".");
        reads.note(method);
        reads.note("The portal endpoints run as customers call them: Host " + one.host() + ", a bearer token from the magic-link login, "
                + "GET /api/client-portal/appointments (upcoming, 4 bookings) and GET /api/client-portal/availability?serviceId= "
                + "(a 60-minute private session with 3 instructors, the next 7 days). The bare endpoints (BareEndpoints) run the same SQL "
                + "statements for the same customer through a JdbcTemplate on the same pool and answer the same JSON shape, without "
                + "tenant resolution, Spring Security, JWT, JPA or the policy plugin's calls (cancel and reschedule decided inline). "
                + "Ratio = portal / bare maximum throughput.");
        spread.note("As item 1, with each request going to the next of the " + studios.size() + " studios in turn (its own Host and "
                + "token), against the same endpoint at one studio (item 1's run).");
        try {
            for (Target target : targets) {
                Http.expect(200, http.send(target.next()), target.name());
            }
            LoadGenerator load = new LoadGenerator(client);
            warmUp(load, targets);
            Map<Target, Measured> measured = new LinkedHashMap<>();
            for (Target target : targets) {
                measured.put(target, measure(load, target, cpu, database, work));
            }
            Measured floor = measured.get(ping);
            reads.info("HTTP ceiling: GET /bench/bare/ping (no database, no security, no tenant): max throughput; at "
                    + percent(STEADY_SHARE) + " of it p50 / p95 / p99, errors; CPU per request", LoadGenerator.perSecond(floor.throughput())
                    + "; " + floor.steady().latency().percentiles() + ", " + floor.steady().errorPercent() + "; " + floor.cpuPerRequest());
            reads.note("Warm-up: " + warmUp + ".");
            compareWithBare("GET /appointments", measured.get(portalAppointments), measured.get(bareAppointments));
            compareWithBare("GET /availability", measured.get(portalAvailability), measured.get(bareAvailability));
            compareSpread("GET /appointments", measured.get(spreadAppointments), measured.get(portalAppointments), studios.size());
            compareSpread("GET /availability", measured.get(spreadAvailability), measured.get(portalAvailability), studios.size());
        } catch (Exception e) {
            reads.failed("portal reads", e);
        }
    }

    /**
     * Sends every endpoint load in turn, round after round, until the JIT compiler was busy for less than 5% of a round:
     * on 2 CPUs compilation goes on for minutes, and whatever is measured while it does looks slower, and costlier,
     * than it is (measured first, an endpoint came out at half the throughput it had when measured last).
     */
    private void warmUp(LoadGenerator load, List<Target> targets) {
        Duration limit = Duration.ofMinutes(settings.quick() ? 1 : 3);
        say("1/6 and 2/6 Warming up %d endpoints until the JIT compiler settles (at most %s)...", targets.size(), seconds(limit));
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long deadline = System.nanoTime() + limit.toNanos();
        long started = System.nanoTime();
        int rounds = 0;
        double busy;
        do {
            long compiling = jit.getTotalCompilationTime();
            long roundStarted = System.nanoTime();
            for (Target target : targets) {
                load.closed(target, 16, WARM_UP_SLICE);
            }
            rounds++;
            busy = (jit.getTotalCompilationTime() - compiling) / ((System.nanoTime() - roundStarted) / 1e6);
        } while (busy > 0.05 && System.nanoTime() < deadline);
        warmUp = "%d rounds of %s per endpoint at 16 clients (%s); the JIT compiler was busy %s of the last round".formatted(rounds,
                seconds(WARM_UP_SLICE), seconds(Duration.ofNanos(System.nanoTime() - started)), percent(busy));
        say("   warm after %s", warmUp);
    }

    /**
     * An endpoint's sweep and open-loop run. With {@code BENCH_PROFILE=1}, the open-loop run is recorded with Java Flight
     * Recorder ({@code <target>.jfr}) and its SQL statements counted ({@code <target>.sql.txt}).
     */
    private Measured measure(LoadGenerator load, Target target, CpuTime cpu, BenchDatabase database, Path work)
            throws IOException, ParseException, SQLException {
        say("   %s: sweeping...", target.name());
        Capacity capacity = load.capacity(target, BenchSettings.SWEEP, settings.step());
        double rate = STEADY_SHARE * capacity.throughput();
        String file = target.name().replaceAll("[^a-z0-9]+", "-");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            if (settings.profile()) {
                database.resetStatements(DATABASE);
                recording.setDestination(work.resolve(file + ".jfr"));
                recording.start();
            }
            CpuTime.Sample before = cpu.now();
            Outcome steady = load.open(target, rate, settings.measure());
            Measured measured = new Measured(capacity, rate, steady, cpu.now().since(before));
            if (settings.profile()) {
                Files.write(work.resolve(file + ".sql.txt"), database.statements(DATABASE, steady.requests()));
            }
            say("   %s: max %s at %d clients; at %s: %s, errors %s, CPU per request %s", target.name(),
                    LoadGenerator.perSecond(capacity.throughput()), capacity.best().concurrency(), LoadGenerator.perSecond(rate),
                    steady.latency().percentiles(), steady.errorPercent(), measured.cpuPerRequest());
            return measured;
        }
    }

    private void compareWithBare(String endpoint, Measured portal, Measured bare) {
        double ratio = portal.throughput() / bare.throughput();
        reads.row(endpoint + ": max throughput, portal / bare", LoadGenerator.perSecond(portal.throughput()) + " / "
                + LoadGenerator.perSecond(bare.throughput()) + " = " + percent(ratio), "≥ 80%", Verdict.of(ratio >= 0.8));
        reads.row(endpoint + ": portal max throughput", LoadGenerator.perSecond(portal.throughput()), "≥ 1,000/s on 2 CPUs",
                Verdict.of(portal.throughput() >= 1000));
        steadyRow(reads, endpoint + ": portal", portal);
        reads.info(endpoint + ": bare at " + percent(STEADY_SHARE) + " of its max (" + LoadGenerator.perSecond(bare.steadyRate())
                + "): p50 / p95 / p99, errors", bare.steady().latency().percentiles() + ", " + bare.steady().errorPercent());
        reads.info(endpoint + ": CPU per request at " + percent(STEADY_SHARE) + " of max, this JVM + PostgreSQL, portal / bare",
                portal.cpuPerRequest() + " / " + bare.cpuPerRequest());
        reads.info(endpoint + ": mean answer, portal / bare", String.format(Locale.ROOT, "%,d B / %,d B", portal.steady().meanBytes(),
                bare.steady().meanBytes()));
        reads.info(endpoint + ": portal sweep (clients: throughput, p99)", portal.capacity().describe());
        reads.info(endpoint + ": bare sweep (clients: throughput, p99)", bare.capacity().describe());
    }

    private void compareSpread(String endpoint, Measured many, Measured one, int studios) {
        double ratio = many.throughput() / one.throughput();
        double p99 = many.steady().latency().p99() / one.steady().latency().p99();
        spread.row(endpoint + ": max throughput, " + studios + " studios / 1", LoadGenerator.perSecond(many.throughput()) + " / "
                + LoadGenerator.perSecond(one.throughput()) + " = " + percent(ratio), "≥ 90% with 1,000", scaled(ratio >= 0.9));
        spread.row(endpoint + ": p99 at " + percent(STEADY_SHARE) + " of max, " + studios + " studios / 1",
                Latency.ms(many.steady().latency().p99()) + " / " + Latency.ms(one.steady().latency().p99()) + " ms = "
                        + String.format(Locale.ROOT, "%.2fx", p99), "≤ 1.5x with 1,000", scaled(p99 <= 1.5));
        steadyRow(spread, endpoint + ": " + studios + " studios", many);
        spread.info(endpoint + ": CPU per request at " + percent(STEADY_SHARE) + " of max, this JVM + PostgreSQL, " + studios + " studios / 1",
                many.cpuPerRequest() + " / " + one.cpuPerRequest());
        spread.info(endpoint + ": " + studios + " studios sweep (clients: throughput, p99)", many.capacity().describe());
    }

    private static void steadyRow(Section section, String what, Measured measured) {
        Latency latency = measured.steady().latency();
        section.row(what + " at " + percent(STEADY_SHARE) + " of max (" + LoadGenerator.perSecond(measured.steadyRate())
                        + "): p50 / p95 / p99, errors",
                latency.percentiles() + ", " + measured.steady().errorPercent(), "p95 ≤ 50 ms, p99 ≤ 150 ms, errors < 0.1%",
                Verdict.of(latency.p95() <= 50 && latency.p99() <= 150 && measured.steady().errorRate() < 0.001));
    }

    private static HttpRequest.Builder portal(Http http, Studio studio, Session session, String path) {
        return http.request(studio.host(), path).header("Authorization", "Bearer " + session.accessToken());
    }

    // 5. Start-up

    private void measureStartup(BenchDatabase database, Path work) {
        int runs = settings.startupRuns();
        Path java = Path.of(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        Path execJar = settings.root().resolve("platform/app/target/portico-exec.jar");
        StartupTimer timer = new StartupTimer(java, settings.root(), database, work, client);
        StartupTimer.Launch plain = new StartupTimer.Launch(List.of(), execJar);
        startup.note("The runnable jar started as a child process (" + java + "), timed from the process's start to the first 200 of "
                + "GET /api/client-portal/branding at serenity.localhost, polled every " + StartupTimer.POLL.toMillis() + " ms; Portico is "
                + "stopped between runs. The database is already running (not counted) and, but for the first row, already holds the "
                + "migrated demo studios. The AOT cache (JDK 25, JEP 483/514) needs the jar extracted (java -Djarmode=tools -jar "
                + "portico-exec.jar extract); it is trained by a full start, 20 portal requests and a graceful stop, which covers more "
                + "of start-up than -Dspring.context.exit=onRefresh (that stops before the web server and the tenant migrations). "
                + "Load average (1 min) as these runs began: " + loadAverage() + ".");
        try {
            Duration empty = timer.timeToFirstOk(plain, STARTUP_DATABASE, "startup-empty-database");
            startup.info("first start on an empty database (migrates the platform and the 2 demo studios, loads the demo data)",
                    seconds(empty));
            Runs jar = runs(runs, i -> timer.timeToFirstOk(plain, STARTUP_DATABASE, "startup-jar-" + i));
            startup.row("java -jar portico-exec.jar (" + jar + ")", seconds(jar.median()), "≤ 8 s",
                    Verdict.of(jar.median().compareTo(Duration.ofSeconds(8)) <= 0));
        } catch (Exception e) {
            startup.failed("java -jar portico-exec.jar", e);
        }
        if (Runtime.version().feature() < 25) {
            startup.row("with an AOT cache", "skipped: the one-step AOT cache needs JDK 25, this is " + Runtime.version(), "≤ 4.5 s",
                    Verdict.INFO);
        } else {
            try {
                StartupTimer.Launch unpacked = new StartupTimer.Launch(List.of(), timer.extract(execJar, work.resolve("extracted")));
                Runs noCache = runs(runs, i -> timer.timeToFirstOk(unpacked, STARTUP_DATABASE, "startup-extracted-" + i));
                startup.info("extracted jar, no AOT cache (" + noCache + ")", seconds(noCache.median()));
                Path cache = work.resolve("portico.aot");
                long started = System.nanoTime();
                timer.train(unpacked, cache, STARTUP_DATABASE);
                startup.info("AOT cache training run: time, cache size", seconds(Duration.ofNanos(System.nanoTime() - started)) + ", "
                        + Files.size(cache) / (1024 * 1024) + " MB");
                StartupTimer.Launch cached = unpacked.with("-XX:AOTCache=" + cache);
                Runs aot = runs(runs, i -> timer.timeToFirstOk(cached, STARTUP_DATABASE, "startup-aot-" + i));
                startup.row("extracted jar with the AOT cache (" + aot + ")", seconds(aot.median()), "≤ 4.5 s",
                        Verdict.of(aot.median().compareTo(Duration.ofMillis(4_500)) <= 0));
            } catch (Exception e) {
                startup.failed("with an AOT cache", e);
            }
        }
        try {
            Runs idle = runs(runs, i -> timer.timeToFirstOk(plain, DATABASE, "startup-idle-" + i));
            startup.info("idle start-up: java -jar portico-exec.jar with " + settings.tenants() + " migrated studios in the database ("
                    + idle + ")", seconds(idle.median()));
        } catch (Exception e) {
            startup.failed("idle start-up with " + settings.tenants() + " studios", e);
        }
    }

    /** Times of repeated runs (start-ups, onboardings). */
    private record Runs(List<Duration> times) {

        Duration median() {
            return StartupTimer.median(times);
        }

        /** e.g. {@code median of 3: 7.10 s, 6.95 s, 7.40 s}. */
        @Override
        public String toString() {
            List<String> each = times.stream().map(PorticoBench::seconds).toList();
            return times.size() == 1 ? "1 run" : "median of " + times.size() + ": " + String.join(", ", each);
        }
    }

    /** One start-up measured by its run number. */
    @FunctionalInterface
    private interface StartupRun {
        Duration time(int run) throws IOException, InterruptedException;
    }

    private static Runs runs(int count, StartupRun run) throws IOException, InterruptedException {
        List<Duration> times = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            times.add(run.time(i));
        }
        return new Runs(List.copyOf(times));
    }

    // 6. Availability engine

    private void microbenchmarks(Path log) {
        engine.note("JMH, AvailabilityBenchmark: one GET /availability worth of engine work on generated diaries (fixed seed), "
                + "average time per call in a forked JVM with a 256 MB heap" + (settings.quick() ? " (quick run: 1 warm-up and 2 "
                + "measurement iterations of 1 s)" : " (3 warm-up and 5 measurement iterations of 1 s)") + ". Full output: "
                + settings.root().relativize(log) + ".");
        try {
            Map<String, EngineMicrobenchmarks.Score> scores = new LinkedHashMap<>();
            EngineMicrobenchmarks.run(settings.quick(), log).forEach(score -> scores.put(score.benchmark(), score));
            engineRow(scores.remove("oneStaffThirtyDays"), "1 staff x 30 days", 2_000);
            engineRow(scores.remove("tenStaffThirtyDays"), "10 staff x 30 days", 10_000);
            engineRow(scores.remove("classesThirtyDays"), "class timetable x 30 days", 0);
            engineRow(scores.remove("slotAtTenStaff"), "one start checked against 10 staff (booking, rescheduling)", 0);
            scores.values().forEach(score -> engineRow(score, score.benchmark(), 0));
        } catch (Exception e) {
            engine.failed("JMH", e);
        }
    }

    /** A benchmark's row; {@code targetMicros} 0 for none. */
    private void engineRow(EngineMicrobenchmarks.@Nullable Score score, String figure, double targetMicros) {
        if (score == null) {
            engine.row(figure, "not run", "", Verdict.FAILED);
            return;
        }
        String value = String.format(Locale.ROOT, "%,.1f µs", score.micros())
                + (Double.isNaN(score.error()) ? "" : String.format(Locale.ROOT, " ± %,.1f", score.error()));
        if (targetMicros > 0) {
            engine.row(figure, value, "< " + Math.round(targetMicros / 1000) + " ms", Verdict.of(score.micros() < targetMicros));
        } else {
            engine.info(figure, value);
        }
    }

    // The machine and the settings

    private void describeMachine() {
        Runtime runtime = Runtime.getRuntime();
        facts.put("machine", runtime.availableProcessors() + " CPUs (" + cpuModel() + "), " + memory() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        facts.put("code", commit());
        facts.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        facts.put("harness JVM options", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        facts.put("load average (1 min) at the start", loadAverage() + " (other work on the machine makes figures noisy)");
        facts.put("settings", settings.tenants() + " studios (BENCH_TENANTS), " + settings.measure().toSeconds() + " s per "
                + "open-loop run (BENCH_SECONDS), " + seconds(settings.step()) + " per sweep level, " + settings.authSamples()
                + " login samples, " + settings.startupRuns() + (settings.startupRuns() == 1 ? " start-up run" : " start-up runs")
                + " per figure" + (settings.quick() ? ", quick run" : ""));
        facts.put("Portico under load", "in this JVM, demo profile on the harness's database, rate limits off (every request comes "
                + "from 127.0.0.1), access tokens valid 2 h (the load outlasts 15 min), default pool of 20 connections, log to "
                + "bench/target/harness/portico.log");
    }

    /** The commit measured, marked when the working tree has changes. */
    private String commit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=12")
                    .directory(settings.root().toFile()).redirectErrorStream(true).start();
            String described = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 ? "commit " + described : "commit unknown (" + described + ")";
        } catch (IOException e) {
            return "commit unknown (no git)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "commit unknown";
        }
    }

    private static String cpuModel() {
        return procLine(Path.of("/proc/cpuinfo"), "model name").map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("model unknown");
    }

    private static String memory() {
        return procLine(Path.of("/proc/meminfo"), "MemTotal").map(line -> {
            long kb = Long.parseLong(line.replaceAll("\\D", ""));
            return String.format(Locale.ROOT, "%.0f GB RAM", kb / 1024.0 / 1024.0);
        }).orElse("RAM unknown");
    }

    private static java.util.Optional<String> procLine(Path file, String prefix) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    // Formatting

    private Verdict scaled(boolean met) {
        return settings.atTargetScale() ? Verdict.of(met) : Verdict.NOT_COMPARABLE;
    }

    private String levels() {
        return String.join(", ", java.util.Arrays.stream(BenchSettings.SWEEP).mapToObj(String::valueOf).toList());
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    private void say(String format, Object... args) {
        Duration elapsed = Duration.between(begun, Instant.now());
        System.out.printf(Locale.ROOT, "[%02d:%02d] %s%n", elapsed.toMinutes(), elapsed.toSecondsPart(), format.formatted(args));
    }
}
