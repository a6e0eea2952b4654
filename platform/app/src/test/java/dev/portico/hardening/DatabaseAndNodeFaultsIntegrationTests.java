package dev.portico.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.portico.PorticoApplication;
import dev.portico.jobs.Jobs;
import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Faults below the application: the database restarting under load, and a node's process killed in the middle of a job.
 *
 * <p>These need what no shared test context may suffer, so the class has its own embedded PostgreSQL (its own data
 * folder and port, stopped and started again on both) and two Portico nodes on it, as {@code TwoNodesIntegrationTests}
 * runs them; the node that is killed runs in a JVM of its own. The nodes give up waiting for a database connection
 * after 2 seconds (production waits Hikari's 30), beat their jobs' heartbeat every second and stop without waiting for
 * running jobs, so the faults play out in seconds.
 */
@ExtendWith(HardeningSummary.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseAndNodeFaultsIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final ZoneId DUBAI = ZoneId.of("Asia/Dubai");
    static final UUID VINYASA = UUID.fromString("5e000003-0000-4000-8000-000000000001");
    static final String DATABASE = "portico_faults";

    private static final Logger log = LoggerFactory.getLogger(DatabaseAndNodeFaultsIntegrationTests.class);

    @TempDir
    static Path dataDir;

    static int databasePort;
    static EmbeddedPostgres postgres;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static JdbcClient jdbc;
    /** The node killed mid-job: a separate JVM, writing its output to {@link #doomedNodeLog}. */
    static Process doomedNode;
    static Path doomedNodeLog;
    /** The node that finishes the job of the killed one. */
    static ConfigurableApplicationContext survivor;

    @BeforeAll
    static void startDatabaseAndTwoNodes() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            databasePort = socket.getLocalPort();
        }
        postgres = startDatabase();
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        nodeA = startNode("a");
        nodeB = startNode("b");
        jdbc = nodeA.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (doomedNode != null) {
            doomedNode.destroyForcibly();
            doomedNode.waitFor(10, TimeUnit.SECONDS);
        }
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {survivor, nodeB, nodeA}) {
            if (node != null && node.isActive()) {
                node.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /**
     * PostgreSQL stops while customers book on both nodes and starts again on the same data: every answer meanwhile
     * is an ordinary one or a clean 503 problem (never a 500, never a stack trace), both nodes serve again without a
     * restart, and every booking that was answered 201 is in the database, with ledgers and classes consistent.
     */
    @Test
    @Order(1)
    void theDatabaseRestartsUnderLoadAndNothingAcknowledgedIsLost() throws Exception {
        List<Instant> classes = jdbc.sql("""
                SELECT starts_at FROM tenant_serenity.class_sessions
                 WHERE service_id = ? AND status = 'SCHEDULED' AND starts_at > ? ORDER BY starts_at LIMIT 40
                """).params(VINYASA, Timestamp.from(Instant.now().plus(Duration.ofDays(1))))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        int workers = 4;
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            customers.add(customerWithCredits(200));
        }
        List<Answer> answers = new CopyOnWriteArrayList<>();
        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();

        try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                UUID customer = customers.get(w);
                ConfigurableApplicationContext node = w % 2 == 0 ? nodeA : nodeB;
                load.submit(() -> customerLoad(node, customer, classes, stop, answers, acknowledged));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= 4);

            postgres.close();
            HardeningSummary.fault("database stopped under load");
            int answeredBefore = answers.size();
            // Both nodes feel it: each answers 503 to someone.
            await().atMost(Duration.ofSeconds(30)).until(() -> answers.stream().skip(answeredBefore)
                    .filter(a -> a.status() == 503).map(Answer::node).distinct().count() == 2);
            postgres = startDatabase();
            HardeningSummary.fault("database started again on the same data");

            // Both nodes serve again, without a restart: a booking succeeds on each.
            int answeredDown = answers.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> answers.stream().skip(answeredDown)
                    .filter(a -> a.status() == 201).map(Answer::node).distinct().count() == 2);
            stop.set(true);
        }

        assertThat(answers).filteredOn(a -> a.status() == 503).isNotEmpty();
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isIn(200, 201, 409, 503);
            assertThat(answer.body()).as(answer.toString()).doesNotContain("Exception", "at dev.portico", "at org.", "SQL");
            if (answer.status() == 503) {
                assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
                assertThat(answer.code()).as(answer.toString()).isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(answer.retryAfter()).as(answer.toString()).isNotEmpty();
            }
        });
        answers.stream().filter(a -> a.status() == 503).forEach(a -> HardeningSummary.check("503 problem while the database was down"));

        List<UUID> stored = jdbc.sql("SELECT id FROM tenant_serenity.appointments WHERE id = ANY(?) AND status = 'BOOKED'")
                .param(acknowledged.toArray(UUID[]::new)).query(UUID.class).list();
        List<UUID> lost = new ArrayList<>(acknowledged);
        lost.removeAll(stored);
        lost.forEach(id -> HardeningSummary.lostWrite("booking " + id + " answered 201 before the database restart"));
        assertThat(lost).as("bookings answered 201 but not in the database").isEmpty();
        acknowledged.forEach(id -> HardeningSummary.invariant("database restart: a booking answered 201 is stored"));
        assertThat(jdbc.sql("""
                SELECT count(*) FROM tenant_serenity.customer_packages p
                 WHERE p.credits_remaining < 0
                    OR p.credits_remaining <> (SELECT coalesce(sum(delta), 0) FROM tenant_serenity.credit_ledger l WHERE l.customer_package_id = p.id)
                """).query(Long.class).single()).as("packages off their ledger").isZero();
        HardeningSummary.invariant("database restart: balances equal ledgers");
        for (UUID customer : customers) {
            long booked = jdbc.sql("SELECT count(*) FROM tenant_serenity.appointments WHERE customer_id = ? AND status = 'BOOKED'")
                    .param(customer).query(Long.class).single();
            long spent = jdbc.sql("SELECT -coalesce(sum(delta), 0) FROM tenant_serenity.credit_ledger WHERE customer_id = ? AND reason = 'BOOKING'")
                    .param(customer).query(Long.class).single();
            assertThat(spent).as("credits spent by " + customer + " against their bookings").isEqualTo(booked);
        }
        HardeningSummary.invariant("database restart: one credit per stored booking");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.class_sessions WHERE booked_count > capacity OR booked_count < 0")
                .query(Long.class).single()).isZero();
        HardeningSummary.invariant("database restart: no class over capacity");
    }

    /**
     * A node's process is killed (SIGKILL: no shutdown hook runs, no rollback is sent, its connections just drop) while
     * it runs a job: what it had not committed is gone with it, a node that is still running finds the job's heartbeat
     * stale, runs it again, and the job's effect is there exactly once.
     *
     * <p>The doomed node is its own JVM, the only one that knows the job's task at first: the other nodes have no
     * implementation for the name, and db-scheduler leaves such executions alone (they are kept out of its due and dead
     * queries; see {@code JdbcTaskRepository.UnresolvedFilter}), so the doomed node is the one that picks the job. The
     * survivor, a node that knows the task, starts while the doomed node is inside the job, and is running when it dies.
     */
    @Test
    @Order(2)
    void aJobWhoseNodeProcessIsKilledMidRunIsCompletedOnceByAnotherNode() throws Exception {
        jdbc.sql("""
                CREATE TABLE IF NOT EXISTS public.fault_job_starts (instance text NOT NULL, node text NOT NULL, pid bigint NOT NULL,
                    started_at timestamptz NOT NULL DEFAULT clock_timestamp())
                """).update();
        jdbc.sql("CREATE TABLE IF NOT EXISTS public.fault_job_effects (instance text NOT NULL, node text NOT NULL)").update();
        String id = "killed-" + UUID.randomUUID();
        nodeA.getBean(Jobs.class).schedule(new TaskInstance<>(KilledMidRunJob.TASK, id), Instant.now());

        doomedNode = startNodeProcess("doomed");
        try {
            // The doomed node picks the job and is now asleep inside it, its insert not yet committed.
            List<Start> started = await().atMost(Duration.ofSeconds(90)).until(() -> {
                assertThat(doomedNode.isAlive()).as("the doomed node's process is running").isTrue();
                return starts(id);
            }, starts -> !starts.isEmpty());
            assertThat(started).containsExactly(new Start("doomed", doomedNode.pid()));
            assertThat(effects(id)).as("nothing committed yet").isEmpty();

            // Running from here on, it leaves the job alone while the doomed node's heartbeat is fresh: its start is after the kill.
            survivor = startNode("survivor", KilledMidRunJob.class);

            Instant killedAt = jdbc.sql("SELECT clock_timestamp()").query(Timestamp.class).single().toInstant();
            doomedNode.destroyForcibly();
            assertThat(doomedNode.waitFor(10, TimeUnit.SECONDS)).as("the doomed node's process ended").isTrue();
            assertThat(doomedNode.exitValue()).as("exit code of a process ended by SIGKILL").isEqualTo(128 + 9);
            HardeningSummary.fault("node process SIGKILLed mid-job");

            await().atMost(Duration.ofSeconds(45)).until(() -> jdbc.sql("SELECT count(*) FROM platform.scheduled_tasks WHERE task_instance = ?")
                    .param(id).query(Long.class).single() == 0);
            List<String> effects = effects(id);
            if (effects.size() != 1) {
                HardeningSummary.duplicate("job " + id + " took effect " + effects.size() + " times");
            }
            assertThat(effects).as("nodes whose effect of the job is committed").containsExactly("survivor");
            assertThat(starts(id)).as("starts of the job").containsExactly(
                    new Start("doomed", doomedNode.pid()), new Start("survivor", ProcessHandle.current().pid()));
            assertThat(jdbc.sql("SELECT started_at FROM public.fault_job_starts WHERE instance = ? AND node = 'survivor'").param(id)
                    .query(Timestamp.class).single().toInstant()).as("the survivor's start").isAfter(killedAt);
            HardeningSummary.invariant("killed node process: the job took effect exactly once");
        } catch (Throwable failure) {
            log.error("The doomed node's output ({}):\n{}", doomedNodeLog,
                    Files.exists(doomedNodeLog) ? Files.readString(doomedNodeLog) : "none");
            throw failure;
        }
    }

    // --- the load ---

    /** One answer seen by the load, with what is needed to judge it. */
    record Answer(String node, int status, String contentType, String code, String retryAfter, String body) {

        static Answer of(String node, StudioHttp.Response response) {
            return new Answer(node, response.status(), response.contentType(), response.json().path("code").asString(""),
                    response.header("Retry-After"), response.body());
        }
    }

    /** A customer booking class after class on one node until told to stop; reads their profile when out of classes. */
    private static void customerLoad(ConfigurableApplicationContext node, UUID customer, List<Instant> classes, AtomicBoolean stop,
            List<Answer> answers, Set<UUID> acknowledged) {
        StudioHttp http = new StudioHttp(port(node));
        String name = node == nodeA ? "a" : "b";
        String token = node.getBean(AccessTokens.class)
                .issue(Audience.CUSTOMER, "serenity", customer.toString(), Duration.ofMinutes(15), Map.of("role", "CUSTOMER")).value();
        int next = 0;
        while (!stop.get()) {
            StudioHttp.Response response;
            try {
                if (next < classes.size()) {
                    response = http.json("POST", SERENITY, "/api/client-portal/appointments", token, "{\"serviceId\":\"" + VINYASA
                            + "\",\"startsAt\":\"" + classes.get(next).atZone(DUBAI).toOffsetDateTime() + "\",\"payWith\":\"credits\"}");
                } else {
                    response = http.json("GET", SERENITY, "/api/client-portal/me", token, null);
                }
            } catch (RuntimeException e) {
                answers.add(new Answer(name, -1, "", "", "", String.valueOf(e)));
                continue;
            }
            answers.add(Answer.of(name, response));
            if (response.status() == 201) {
                acknowledged.add(UUID.fromString(response.json().path("id").asString()));
            }
            if (response.status() != 503) {
                next++;
            }
        }
    }

    private static UUID customerWithCredits(int credits) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenant_serenity.customers (id, first_name, last_name, email, timezone) VALUES (?, 'Load', 'Tester', ?, 'Asia/Dubai')")
                .params(id, "load-" + id + "@example.com").update();
        UUID pack = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO tenant_serenity.customer_packages (id, customer_id, name, credits_total, credits_remaining, purchased_at, expires_at)
                VALUES (?, ?, 'Load pack', ?, ?, now(), now() + interval '60 days')
                """).params(pack, id, credits, credits).update();
        jdbc.sql("INSERT INTO tenant_serenity.credit_ledger (customer_package_id, customer_id, delta, reason, actor) VALUES (?, ?, ?, 'GRANT', 'test')")
                .params(pack, id, credits).update();
        return id;
    }

    /** One start of the test's job: the node and the process it ran in. */
    record Start(String node, long pid) {
    }

    private static List<Start> starts(String instance) {
        return jdbc.sql("SELECT node, pid FROM public.fault_job_starts WHERE instance = ? ORDER BY started_at").param(instance)
                .query((rs, n) -> new Start(rs.getString("node"), rs.getLong("pid"))).list();
    }

    /** The nodes whose effect of the job is committed, one entry per effect. */
    private static List<String> effects(String instance) {
        return jdbc.sql("SELECT node FROM public.fault_job_effects WHERE instance = ?").param(instance).query(String.class).list();
    }

    // --- the database and the nodes ---

    /** The class's PostgreSQL, on the same folder and port every time, so the nodes' pools find it again. */
    private static EmbeddedPostgres startDatabase() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(databasePort)
                .setServerConfig("unix_socket_directories", "")
                // Only an operating system crash could lose what fsync protects; commits stay synchronous.
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
    }

    private static ConfigurableApplicationContext startNode(String node, Class<?>... more) {
        List<Class<?>> sources = new ArrayList<>(List.of(PorticoApplication.class));
        sources.addAll(List.of(more));
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .profiles("demo")
                .run(nodeArguments(node).toArray(String[]::new));
    }

    /**
     * Starts a node as a process of its own: this JVM's {@code java} and class path, the system properties the build
     * gives the tests, the arguments of {@link #startNode}, the test's job, and a job start that never commits.
     */
    private static Process startNodeProcess(String node) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String property : List.of("portico.embedded-database.enabled", "portico.plugins.dir", "logging.level.root",
                "logging.level.dev.portico")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        // An argument file, as the class path can be longer than one command-line argument may be.
        Path arguments = dataDir.resolve(node + ".args");
        Files.writeString(arguments, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
        command.add("@" + arguments);
        command.add(DoomedNode.class.getName());
        command.addAll(nodeArguments(node));
        command.add("--portico.faults-test.freeze-mid-job=true");
        doomedNodeLog = dataDir.resolve(node + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(doomedNodeLog.toFile()).start();
    }

    private static List<String> nodeArguments(String node) {
        return List.of(
                "--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/" + DATABASE,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=6",
                "--spring.datasource.hikari.pool-name=faults-" + node,
                "--spring.datasource.hikari.connection-timeout=2000",
                "--server.port=0",
                "--server.shutdown=immediate",
                "--portico.demo.allow-external-database=true",
                "--portico.tenant-config-dir=../../tenant-config",
                "--portico.default-public-base-url=http://{slug}.localhost:8080",
                "--portico.security.signing-keys[0].id=current",
                "--portico.security.signing-keys[0].secret=" + DemoStudiosTest.CURRENT_KEY,
                "--portico.security.active-key=current",
                "--portico.jobs.polling-interval=500ms",
                "--portico.jobs.heartbeat-interval=1s",
                "--portico.jobs.shutdown-max-wait=0s",
                "--portico.faults-test.node=" + node,
                "--logging.structured.format.console=",
                "--spring.main.banner-mode=off");
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    /**
     * The main of the node process that is killed: a Portico node with the test's job, which ends with this JVM (the
     * test) should the test end without killing it.
     */
    static final class DoomedNode {

        public static void main(String[] args) {
            ProcessHandle.current().parent().ifPresent(test -> test.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
            new SpringApplicationBuilder(PorticoApplication.class, KilledMidRunJob.class)
                    .profiles("demo")
                    .run(args);
        }
    }

    /**
     * The test's job, on the nodes that know it: it records its start (committed at once, with its node and process),
     * then writes its effect in a transaction, which on the doomed node never commits: it sleeps inside it until the
     * process is killed.
     */
    @Configuration(proxyBeanMethods = false)
    static class KilledMidRunJob {

        static final String TASK = "test-killed-mid-run";

        @Bean
        OneTimeTask<Void> killedMidRun(@Value("${portico.faults-test.node}") String node,
                @Value("${portico.faults-test.freeze-mid-job:false}") boolean freeze, TransactionTemplate transactions, JdbcClient jdbc) {
            return Tasks.oneTime(TASK).execute((instance, context) -> {
                jdbc.sql("INSERT INTO public.fault_job_starts (instance, node, pid) VALUES (?, ?, ?)")
                        .params(instance.getId(), node, ProcessHandle.current().pid()).update();
                transactions.executeWithoutResult(status -> {
                    jdbc.sql("INSERT INTO public.fault_job_effects (instance, node) VALUES (?, ?)").params(instance.getId(), node).update();
                    if (freeze) {
                        sleepUntilKilled();
                    }
                });
            });
        }

        private static void sleepUntilKilled() {
            try {
                Thread.sleep(Duration.ofDays(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the doomed node was to be killed in its job, not interrupted", e);
            }
        }
    }
}
