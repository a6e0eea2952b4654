package dev.portico.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.portico.notifications.Messages;
import dev.portico.notifications.OutgoingMessage;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.MutableClock;
import dev.portico.support.StudioHttp;
import dev.portico.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Studios placed on a second PostgreSQL server ({@code portico.placements.second}), beside the demo studios on the
 * primary one: onboarded, migrated, served, their jobs run and their offboarding done there, while the platform tables
 * stay on the primary. The two servers are separate embedded PostgreSQLs, and each assertion about where data lives
 * reads them with plain JDBC.
 */
@DemoStudiosTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = {"portico.platform.operator-key=" + PlacementIntegrationTests.KEY, "portico.jobs.polling-interval=1s"})
class PlacementIntegrationTests {

    static final String KEY = "op-placement-7d1e3a5c9b2f4e6a8c0d2b4f6a8e0c2d";
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

    @DynamicPropertySource
    static void secondServer(DynamicPropertyRegistry registry) {
        TestDatabase.Credentials second = TestDatabase.createSecondServerDatabase();
        registry.add("portico.placements.second.url", second::url);
        registry.add("portico.placements.second.username", second::user);
        registry.add("portico.placements.second.password", second::password);
    }

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    TenantRegistry registry;

    @Autowired
    TenantProvisioning provisioning;

    @Autowired
    Messages messages;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    StudioHttp http;
    Server primary;
    Server second;

    @BeforeEach
    void setUp() {
        http = new StudioHttp(port);
        primary = server("spring.datasource");
        second = server("portico.placements.second");
    }

    @Test
    void aPlacedStudioIsMigratedAndServedOnTheSecondServerOnlyWhileAPrimaryStudioServesBeside() {
        StudioHttp.Response onboarded = onboard("harbour", "second");
        assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
        assertThat(onboarded.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(onboarded.json().path("placement").asString()).isEqualTo("second");

        // Schema and plugin tables created and migrated on the second server; the registry row on the primary.
        assertThat(second.count("SELECT count(*) FROM tenant_harbour.flyway_schema_history WHERE success")).isPositive();
        assertThat(second.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'tenant_harbour' "
                + "AND table_name = 'notify_dev_inbox_messages'")).isOne();
        assertThat(primary.count("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'tenant_harbour'")).isZero();
        assertThat(primary.count("SELECT count(*) FROM platform.tenants WHERE slug = 'harbour' AND placement = 'second' "
                + "AND status = 'ACTIVE'")).isOne();
        assertThat(second.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'platform' AND table_name = 'tenants'"))
                .as("registry tables on the placement").isZero();

        // Served by host: branding, the owner's admin API, a customer's magic link, bookings.
        assertThat(http.get("harbour.localhost", "/api/client-portal/branding").json().path("studioName").asString()).isEqualTo("Harbour Pilates");
        String owner = http.adminToken("harbour.localhost", "owner@harbour.example", "harbour-owner-passphrase");
        String email = "rita-" + System.nanoTime() + "@example.com";
        String service = classWithACustomerHoldingAPack(owner, email);
        String customer = logIn("harbour.localhost", email);
        assertThat(http.json("GET", "harbour.localhost", "/api/client-portal/appointments", customer, null).json().path("items")).isEmpty();

        JsonNode slot = http.json("GET", "harbour.localhost", "/api/client-portal/availability?serviceId=" + service, customer, null)
                .json().path("items").get(0);
        StudioHttp.Response booked = http.json("POST", "harbour.localhost", "/api/client-portal/appointments", customer, """
                {"serviceId": "%s", "startsAt": "%s", "payWith": "credits"}""".formatted(service, slot.path("startsAt").asString()));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        String appointment = booked.json().path("id").asString();
        assertThat(http.json("GET", "harbour.localhost", "/api/client-portal/appointments", customer, null).json().path("items"))
                .hasSize(1);
        // The booking's reminder job waits in the placement's own job table, scheduled in the booking's transaction.
        assertThat(second.count("SELECT count(*) FROM platform.scheduled_tasks WHERE task_name = 'appointment-reminder' "
                + "AND task_instance LIKE ?", "harbour:" + appointment + ":%")).isOne();

        StudioHttp.Response cancelled = http.json("POST", "harbour.localhost", "/api/client-portal/appointments/" + appointment + "/cancel",
                customer, "{\"reason\": \"travel\"}");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("creditOutcome").asString()).isEqualTo("REFUNDED");
        assertThat(second.count("SELECT count(*) FROM tenant_harbour.appointments WHERE id = cast(? AS uuid) AND status = 'CANCELLED'",
                appointment)).isOne();
        assertThat(second.count("SELECT count(*) FROM platform.scheduled_tasks WHERE task_instance LIKE 'harbour:%'"))
                .as("the reminder, cancelled with the booking").isZero();

        // The login link's delivery job ran once, from the placement's job table.
        assertThat(second.count("SELECT count(*) FROM tenant_harbour.outbound_messages WHERE recipient = ? AND event = 'auth.login_link' "
                + "AND status = 'SENT' AND attempts = 1", email)).isOne();
        assertThat(second.count("SELECT count(*) FROM tenant_harbour.notify_dev_inbox_messages i JOIN tenant_harbour.outbound_messages o "
                + "ON i.idempotency_key = o.id::text WHERE o.recipient = ? AND o.event = 'auth.login_link'", email)).isOne();

        // A settings change and a plugin change: the platform row on the primary, the studio's audit row on the placement.
        long version = http.json("GET", "harbour.localhost", "/api/admin/branding", owner, null).json().path("version").asLong();
        String branding = "{\"pack\": \"calm\", \"tokens\": {\"color-primary\": \"#1d4e89\"}, \"version\": %d}";
        StudioHttp.Response stale = http.json("PUT", "harbour.localhost", "/api/admin/branding", owner, branding.formatted(version - 1));
        assertThat(stale.json().path("code").asString()).as(stale.body()).isEqualTo("VERSION_CONFLICT");
        assertThat(http.json("PUT", "harbour.localhost", "/api/admin/branding", owner, branding.formatted(version)).status()).isEqualTo(200);
        assertThat(http.json("PUT", "harbour.localhost", "/api/admin/plugins/notify-dev-inbox", owner, "{\"enabled\": true, \"settings\": {}}")
                .status()).isEqualTo(200);
        assertThat(primary.count("SELECT version FROM platform.tenants WHERE slug = 'harbour' "
                + "AND config -> 'theme' -> 'tokens' ->> 'color-primary' = '#1d4e89'")).isEqualTo(version + 1);
        assertThat(second.count("SELECT count(*) FROM tenant_harbour.audit_logs WHERE action IN ('branding.updated', 'admin.plugin_changed')"))
                .isEqualTo(2);
        assertThat(http.get("harbour.localhost", "/portal/theme.css").body()).contains("--color-primary: #1d4e89;");

        // The owner's export reads the live config from the primary, placement included.
        StudioHttp.Response export = http.json("GET", "harbour.localhost", "/api/admin/export", owner, null);
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).contains("placement: second");

        // Nothing of the customer reached the primary server.
        assertThat(primary.tablesMentioning(email)).isEmpty();

        // The demo studio on the primary keeps serving, its jobs on the primary's runner.
        String serenityOwner = http.adminToken("serenity.localhost", "owner@serenity.example", "serenity-demo");
        String maya = "maya-" + System.nanoTime() + "@example.com";
        assertThat(http.json("POST", "serenity.localhost", "/api/admin/customers", serenityOwner,
                "{\"firstName\": \"Maya\", \"email\": \"" + maya + "\"}").status()).isEqualTo(201);
        logIn("serenity.localhost", maya);
        assertThat(primary.count("SELECT count(*) FROM tenant_serenity.outbound_messages WHERE recipient = ? "
                + "AND event = 'auth.login_link' AND status = 'SENT'", maya))
                .isOne();
        assertThat(second.count("SELECT count(*) FROM information_schema.schemata WHERE schema_name IN ('tenant_serenity', 'tenant_ironworks')"))
                .as("the primary's studios on the placement").isZero();
    }

    @Test
    void aJobScheduledInAPlacedStudiosTransactionCommitsOrRollsBackWithIt() {
        assertThat(onboard("dune", "second").status()).isEqualTo(201);
        Tenant dune = registry.findBySlug("dune").orElseThrow();

        assertThatThrownBy(() -> TenantContext.runAs(dune, () -> transactions.executeWithoutResult(status -> {
            UUID id = messages.enqueue(message("rolled-back@dune.example"));
            // Written in this transaction, on the placement: visible here, beside the message it delivers.
            assertThat(jdbc.sql("SELECT count(*) FROM platform.scheduled_tasks WHERE task_instance = ?").param("dune:" + id)
                    .query(Long.class).single()).isOne();
            throw new IllegalStateException("the change is rolled back");
        }))).hasMessage("the change is rolled back");
        assertThat(second.count("SELECT count(*) FROM tenant_dune.outbound_messages")).isZero();
        assertThat(second.count("SELECT count(*) FROM platform.scheduled_tasks WHERE task_instance LIKE 'dune:%'")).isZero();

        UUID sent = TenantContext.callAs(dune, () -> transactions.execute(status -> messages.enqueue(message("committed@dune.example"))));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                second.count("SELECT count(*) FROM tenant_dune.outbound_messages WHERE id = cast(? AS uuid) AND status = 'SENT'", sent) == 1);
        // Both servers' runners keep polling: the message is not sent again.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() ->
                second.count("SELECT count(*) FROM tenant_dune.notify_dev_inbox_messages WHERE recipient = 'committed@dune.example'") == 1);
        assertThat(second.count("SELECT attempts FROM tenant_dune.outbound_messages WHERE id = cast(? AS uuid)", sent)).isOne();
        assertThat(second.count("SELECT count(*) FROM platform.scheduled_tasks WHERE task_instance LIKE 'dune:%'")).isZero();
        assertThat(primary.tablesMentioning("committed@dune.example")).isEmpty();
    }

    @Test
    void aPlacedStudioIsArchivedRestoredAndDroppedOnItsPlacement() {
        assertThat(onboard("cove", "second").status()).isEqualTo(201);

        assertThat(http.json("DELETE", "localhost", "/api/platform/tenants/cove", KEY, null).status()).isEqualTo(200);
        assertThat(http.get("cove.localhost", "/api/client-portal/branding").status()).isEqualTo(404);
        assertThat(second.count("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'tenant_cove'")).isOne();
        StudioHttp.Response restored = http.json("POST", "localhost", "/api/platform/tenants/cove/restore", KEY, null);
        assertThat(restored.json().path("status").asString()).as(restored.body()).isEqualTo("ACTIVE");
        assertThat(http.get("cove.localhost", "/api/client-portal/branding").status()).isEqualTo(200);

        assertThat(http.json("DELETE", "localhost", "/api/platform/tenants/cove", KEY, null).status()).isEqualTo(200);
        try {
            clock.advance(Duration.ofDays(31));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    second.count("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'tenant_cove'") == 0);
        } finally {
            clock.reset();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> primary.count("SELECT count(*) FROM platform.tenants WHERE slug = 'cove'") == 0);
        assertThat(primary.count("SELECT count(*) FROM platform.audit_logs WHERE tenant_slug = 'cove' AND action = 'tenant.dropped'"))
                .isOne();
    }

    @Test
    void aConfigNamingAnUnknownPlacementOrMovingAStudioIsRefused() throws Exception {
        StudioHttp.Response unknown = onboard("nowhere", "elsewhere");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("problems").toString())
                .contains("placement: names no configured database: the placements are second");
        assertThat(primary.count("SELECT count(*) FROM platform.tenants WHERE slug = 'nowhere'")).isZero();

        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "placement-config-");
        Files.writeString(dir.resolve("serenity.yaml"), "slug: serenity\nname: Serenity\ncurrency: AED\ndemo: true\nplacement: second\n");
        ImportReport report = provisioning.importConfigs(dir);
        assertThat(report.updated()).isEmpty();
        assertThat(report.problems()).extracting(ConfigProblem::toString).containsExactly("serenity.yaml placement: cannot move the "
                + "studio from the primary database to the placement 'second' by config; moving a studio is a dump and restore of "
                + "its schema (docs/scaling.md)");
        assertThat(registry.findBySlug("serenity").orElseThrow().placement()).isNull();
        assertThat(http.get("serenity.localhost", "/api/client-portal/branding").json().path("studioName").asString())
                .isEqualTo("Serenity Yoga & Pilates");
    }

    // Helpers

    private StudioHttp.Response onboard(String slug, String placement) {
        String name = Character.toUpperCase(slug.charAt(0)) + slug.substring(1) + " Pilates";
        return http.json("POST", "localhost", "/api/platform/tenants", KEY, """
                {"slug": "%s", "name": "%s", "currency": "AED", "timezone": "Asia/Dubai", "placement": "%s",
                 "plugins": {"notify-dev-inbox": {"enabled": true}},
                 "owner": {"email": "owner@%s.example", "password": "%s-owner-passphrase"}}""".formatted(slug, name, placement, slug, slug));
    }

    /** A class on the timetable from three days on (outside the cancel window) and a customer with a pack for it. */
    private String classWithACustomerHoldingAPack(String owner, String email) {
        String host = "harbour.localhost";
        String location = created(http.json("POST", host, "/api/admin/locations", owner, "{\"name\": \"Harbour Studio\"}"));
        String teacher = created(http.json("POST", host, "/api/admin/staff", owner, "{\"firstName\": \"Lina\", \"lastName\": \"Saad\"}"));
        String service = created(http.json("POST", host, "/api/admin/services", owner, """
                {"name": "Reformer", "kind": "CLASS", "durationMinutes": 50, "capacity": 8, "priceMinor": 12000,
                 "minNoticeMinutes": 0, "maxAdvanceDays": 28, "onlineBookable": true, "staffIds": ["%s"]}""".formatted(teacher)));
        StudioHttp.Response rule = http.json("POST", host, "/api/admin/schedule", owner, """
                {"serviceId": "%s", "staffId": "%s", "locationId": "%s", "weekdays": [1, 2, 3, 4, 5, 6, 7],
                 "startTime": "09:00", "from": "%s"}""".formatted(service, teacher, location,
                LocalDate.now(ZoneId.of("Asia/Dubai")).plusDays(3)));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        String product = created(http.json("POST", host, "/api/admin/package-products", owner, """
                {"name": "5 Classes", "credits": 5, "validityDays": 60, "priceMinor": 50000, "serviceIds": ["%s"]}""".formatted(service)));
        String rita = created(http.json("POST", host, "/api/admin/customers", owner,
                "{\"firstName\": \"Rita\", \"email\": \"" + email + "\"}"));
        assertThat(http.json("POST", host, "/api/admin/customers/" + rita + "/packages", owner,
                "{\"packageProductId\": \"" + product + "\", \"reason\": \"Welcome pack\"}").status()).isEqualTo(201);
        return service;
    }

    /** Asks for a login link, reads it from the studio's dev inbox and verifies it; returns the access token. */
    private String logIn(String host, String email) {
        assertThat(http.post(host, "/api/client-portal/auth/request-link", "{\"email\": \"" + email + "\"}").status()).isEqualTo(202);
        String token = await().atMost(Duration.ofSeconds(15)).until(() -> {
            for (JsonNode message : http.get(host, "/api/dev/inbox?to=" + email).json().path("items")) {
                Matcher link = TOKEN.matcher(message.path("link").asString(""));
                if (link.find()) {
                    return link.group(1);
                }
            }
            return null;
        }, Objects::nonNull);
        StudioHttp.Response verified = http.post(host, "/api/client-portal/auth/verify", "{\"token\": \"" + token + "\"}");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        return verified.json().path("accessToken").asString();
    }

    private static OutgoingMessage message(String to) {
        return new OutgoingMessage("test.placement", null, ChannelKind.EMAIL, to, "Hello", "Hello from the placement", null, "en");
    }

    private static String created(StudioHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    private Server server(String prefix) {
        return new Server(environment.getRequiredProperty(prefix + ".url"), environment.getRequiredProperty(prefix + ".username"),
                environment.getProperty(prefix + ".password", ""));
    }

    /** One of the two PostgreSQL servers, read with plain JDBC, around the application. */
    private record Server(String url, String user, String password) {

        long count(String sql, Object... params) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(i + 1, params[i]);
                }
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    return result.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }

        /** Every table on this server with a row whose text mentions {@code text}. */
        List<String> tablesMentioning(String text) {
            List<String> tables = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    ResultSet all = connection.createStatement().executeQuery("""
                            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                             WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')""")) {
                while (all.next()) {
                    String table = all.getString(1);
                    try (PreparedStatement mentions = connection.prepareStatement("SELECT 1 FROM " + table + " t WHERE t::text LIKE ? LIMIT 1")) {
                        mentions.setString(1, "%" + text + "%");
                        if (mentions.executeQuery().next()) {
                            tables.add(table);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return tables;
        }
    }
}
