package dev.portico.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.portico.PorticoApplication;
import dev.portico.jobs.Jobs;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import dev.portico.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Two Portico processes' worth of application (two full contexts, each with its own web server, caches, job runner
 * and connection pool) on one PostgreSQL database, talked to over real HTTP: whatever one node starts, the other
 * continues; limits, settings and jobs are the database's, not a node's.
 */
class TwoNodesIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String OWNER = "owner@serenity.example";
    static final String PASSWORD = "serenity-demo";
    static final Duration PLUGINS_CACHE_TTL = Duration.ofSeconds(2);
    static final Duration TENANCY_CACHE_TTL = Duration.ofSeconds(3);

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");
    private static final Pattern COOKIE = Pattern.compile("__Host-portalRefreshToken=([^;]*)");

    /** Runs of the test's one-off job, by instance id, counted across both nodes (both live in this JVM). */
    static final ConcurrentMap<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    static StudioHttp a;
    static StudioHttp b;
    static JdbcClient jdbc;

    @BeforeAll
    static void startTwoNodes() {
        TestDatabase.Credentials database = TestDatabase.createDatabase();
        // One after the other, as a rolling start would: the second finds the schemas migrated and the studios provisioned.
        nodeA = start("a", database);
        nodeB = start("b", database);
        a = new StudioHttp(port(nodeA));
        b = new StudioHttp(port(nodeB));
        jdbc = nodeA.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stopNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    private static ConfigurableApplicationContext start(String node, TestDatabase.Credentials database) {
        // Command-line arguments: they outrank application.yaml, as the environment does in production.
        List<String> args = List.of(
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.datasource.hikari.maximum-pool-size=6",
                "--spring.datasource.hikari.pool-name=node-" + node,
                "--server.port=0",
                // The demo on a test database: allowed explicitly, as the other tests' databases are.
                "--portico.demo.allow-external-database=true",
                "--portico.tenant-config-dir=../../tenant-config",
                "--portico.default-public-base-url=http://{slug}.localhost:8080",
                "--portico.security.signing-keys[0].id=current",
                "--portico.security.signing-keys[0].secret=" + DemoStudiosTest.CURRENT_KEY,
                "--portico.security.signing-keys[1].id=previous",
                "--portico.security.signing-keys[1].secret=" + DemoStudiosTest.PREVIOUS_KEY,
                "--portico.security.active-key=current",
                "--portico.rate-limits.admin-login-per-ip.capacity=1000",
                // All requests come from 127.0.0.1; the per-person limit is the one under test.
                "--portico.rate-limits.link-per-ip.capacity=1000",
                "--portico.plugins.cache-ttl=" + PLUGINS_CACHE_TTL.toSeconds() + "s",
                "--portico.tenancy.cache-ttl=" + TENANCY_CACHE_TTL.toSeconds() + "s",
                "--portico.jobs.polling-interval=500ms",
                "--logging.structured.format.console=",
                "--spring.main.banner-mode=off");
        return new SpringApplicationBuilder(PorticoApplication.class, OnceJob.class)
                .profiles("demo")
                .run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    /** A one-off job both nodes know, which counts its runs. */
    @Configuration(proxyBeanMethods = false)
    static class OnceJob {

        @Bean
        OneTimeTask<Void> countedOnce() {
            return Tasks.oneTime("test-counted-once").execute((instance, context) ->
                    RUNS.computeIfAbsent(instance.getId(), id -> new AtomicInteger()).incrementAndGet());
        }
    }

    @Test
    void aLoginStartedOnOneNodeVerifiesAndRefreshesOnTheOther() {
        String email = newCustomer("Maya");

        String token = linkToken(a, b, email);
        StudioHttp.Response verified = b.post(SERENITY, "/api/client-portal/auth/verify", "{\"token\":\"" + token + "\"}");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        String access = verified.json().path("accessToken").asString();

        StudioHttp.Response me = a.json("GET", SERENITY, "/api/client-portal/me", access, null);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains(email);

        StudioHttp.Response refreshed = b.post(SERENITY, "/api/client-portal/auth/refresh", null,
                "Cookie", "__Host-portalRefreshToken=" + cookieIn(verified), "X-Requested-With", "portal");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(a.json("GET", SERENITY, "/api/client-portal/me", refreshed.json().path("accessToken").asString(), null).status())
                .isEqualTo(200);
        // The link was used once, on B; A refuses it too.
        assertThat(a.post(SERENITY, "/api/client-portal/auth/verify", "{\"token\":\"" + token + "\"}").status()).isNotEqualTo(200);
    }

    @Test
    void theLoginLinkLimitCountsRequestsOnBothNodes() {
        String body = "{\"email\":\"limited-" + System.nanoTime() + "@example.com\"}";
        for (int i = 0; i < 3; i++) {
            assertThat(requestLink(a, body).status()).as("request %d on A", i + 1).isEqualTo(202);
            if (i < 2) {
                assertThat(requestLink(b, body).status()).as("request %d on B", i + 1).isEqualTo(202);
            }
        }
        StudioHttp.Response sixth = requestLink(b, body);
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.json().path("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(requestLink(a, body).status()).isEqualTo(429);
    }

    @Test
    void aPluginChangedOnOneNodeAppliesOnTheOtherWithinTheCacheBound() {
        String owner = a.adminToken(SERENITY, OWNER, PASSWORD);
        String email = newCustomer("Inbox");
        linkToken(a, b, email);
        assertThat(inbox(b, email)).isNotEmpty();
        try {
            assertThat(a.json("PUT", SERENITY, "/api/admin/plugins/notify-dev-inbox", owner, "{\"enabled\": false, \"settings\": {}}")
                    .status()).isEqualTo(200);
            Instant changed = Instant.now();
            // B's dev inbox reads through the enabled plugins: once B sees it disabled, the inbox is empty.
            await().atMost(PLUGINS_CACHE_TTL.plusSeconds(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> inbox(b, email).isEmpty());
            assertThat(Duration.between(changed, Instant.now())).isLessThanOrEqualTo(PLUGINS_CACHE_TTL.plusSeconds(1));
        } finally {
            assertThat(a.json("PUT", SERENITY, "/api/admin/plugins/notify-dev-inbox", owner, "{\"enabled\": true, \"settings\": {}}")
                    .status()).isEqualTo(200);
        }
        await().atMost(PLUGINS_CACHE_TTL.plusSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> !inbox(b, email).isEmpty());
    }

    @Test
    void aStudioConfigChangedOnOneNodeShowsOnTheOtherWithinTheCacheBound() {
        String owner = a.adminToken(SERENITY, OWNER, PASSWORD);
        // Read on B first, so B holds the studio's entry in its cache.
        assertThat(b.get(SERENITY, "/api/client-portal/branding").status()).isEqualTo(200);
        JsonNode read = a.json("GET", SERENITY, "/api/admin/branding", owner, null).json();
        String colour = String.format("#%06x", System.nanoTime() & 0xffffff);
        StudioHttp.Response changed = a.json("PUT", SERENITY, "/api/admin/branding", owner,
                "{\"pack\": \"%s\", \"tokens\": {\"color-primary\": \"%s\"}, \"version\": %d}"
                        .formatted(read.path("pack").asString(), colour, read.path("version").asLong()));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        Instant at = Instant.now();

        await().atMost(TENANCY_CACHE_TTL.plusSeconds(2)).pollInterval(Duration.ofMillis(100)).until(() ->
                colour.equals(b.get(SERENITY, "/api/client-portal/branding").json().path("theme").path("tokens").path("color-primary").asString()));
        assertThat(Duration.between(at, Instant.now())).isLessThanOrEqualTo(TENANCY_CACHE_TTL.plusSeconds(1));
        assertThat(b.get(SERENITY, "/portal/theme.css").body()).contains("--color-primary: " + colour + ";");
    }

    @Test
    void eachLoginLinkIsDeliveredOnceWhileBothNodesRunJobs() {
        int n = 12;
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            emails.add(newCustomer("Once" + i));
        }
        for (int i = 0; i < n; i++) {
            assertThat(requestLink(i % 2 == 0 ? a : b, "{\"email\":\"" + emails.get(i) + "\"}").status()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                SELECT count(*) FROM tenant_serenity.outbound_messages
                WHERE event = 'auth.login_link' AND recipient = ANY(?) AND status = 'SENT'
                """).param(emails.toArray(String[]::new)).query(Long.class).single() == n);
        // Give a second runner every chance to pick a message up again: nothing is attempted twice meanwhile.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> jdbc.sql(
                "SELECT count(*) FROM tenant_serenity.outbound_messages WHERE recipient = ANY(?) AND attempts > 1")
                .param(emails.toArray(String[]::new)).query(Long.class).single() == 0);
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT recipient, status, attempts FROM tenant_serenity.outbound_messages
                WHERE event = 'auth.login_link' AND recipient = ANY(?)
                """).param(emails.toArray(String[]::new)).query().listOfRows();
        assertThat(rows).hasSize(n).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("SENT");
            assertThat(row.get("attempts")).as("delivery attempts of the message to " + row.get("recipient")).isEqualTo(1);
        });
        assertThat(jdbc.sql("SELECT recipient, count(*) FROM tenant_serenity.notify_dev_inbox_messages WHERE recipient = ANY(?) GROUP BY recipient")
                .param(emails.toArray(String[]::new)).query((rs, i) -> rs.getLong(2)).list())
                .hasSize(n).containsOnly(1L);
        for (String email : emails) {
            assertThat(inbox(b, email)).as("the inbox of " + email).hasSize(1);
        }
    }

    @Test
    void aOneOffJobScheduledOnOneNodeRunsOnceAcrossBoth() {
        OneTimeTask<Void> task = nodeA.getBean("countedOnce", OneTimeTask.class);
        Set<String> ids = new HashSet<>();
        Instant soon = Instant.now().plusMillis(300);
        for (int i = 0; i < 20; i++) {
            String id = "once-" + System.nanoTime() + "-" + i;
            ids.add(id);
            // Scheduled in the future, so neither node is nudged: both find them by polling.
            (i % 2 == 0 ? nodeA : nodeB).getBean(Jobs.class).schedule(task.instance(id), soon);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> ids.stream().allMatch(RUNS::containsKey));
        // And no node runs one again while both keep polling.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> ids.stream().allMatch(id -> RUNS.get(id).get() == 1));
        assertThat(ids).allSatisfy(id -> assertThat(RUNS.get(id).get()).as("runs of " + id).isEqualTo(1));
        assertThat(jdbc.sql("SELECT count(*) FROM platform.scheduled_tasks WHERE task_name = 'test-counted-once'")
                .query(Long.class).single()).isZero();
    }

    // Helpers

    private static String newCustomer(String firstName) {
        String owner = a.adminToken(SERENITY, OWNER, PASSWORD);
        String email = firstName.toLowerCase() + "-" + System.nanoTime() + "@example.com";
        StudioHttp.Response created = a.json("POST", SERENITY, "/api/admin/customers", owner,
                "{\"firstName\":\"" + firstName + "\",\"email\":\"" + email + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return email;
    }

    private static StudioHttp.Response requestLink(StudioHttp node, String body) {
        return node.post(SERENITY, "/api/client-portal/auth/request-link", body);
    }

    /** Requests a link on {@code on} and reads it from the inbox through {@code readOn}. */
    private static String linkToken(StudioHttp on, StudioHttp readOn, String email) {
        assertThat(requestLink(on, "{\"email\":\"" + email + "\"}").status()).isEqualTo(202);
        String link = await().atMost(Duration.ofSeconds(15)).until(() -> {
            for (JsonNode message : inbox(readOn, email)) {
                if (message.path("link").isString() && !message.path("link").asString().isEmpty()) {
                    return message.path("link").asString();
                }
            }
            return null;
        }, Objects::nonNull);
        Matcher matcher = TOKEN.matcher(link);
        assertThat(matcher.find()).as("a token in " + link).isTrue();
        return matcher.group(1);
    }

    private static List<JsonNode> inbox(StudioHttp node, String email) {
        List<JsonNode> items = new ArrayList<>();
        node.get(SERENITY, "/api/dev/inbox?to=" + email).json().path("items").forEach(items::add);
        return items;
    }

    private static String cookieIn(StudioHttp.Response response) {
        Matcher matcher = COOKIE.matcher(response.header("Set-Cookie"));
        assertThat(matcher.find()).as("a refresh cookie in " + response.header("Set-Cookie")).isTrue();
        return matcher.group(1);
    }
}
