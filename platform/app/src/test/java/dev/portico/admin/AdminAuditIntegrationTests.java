package dev.portico.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The studio's audit trail over real HTTP: filters by customer, action (exact or prefix) and time window, keyset
 * paging without duplicates or gaps, only this studio's rows, and only this studio's admins. Rows are written here
 * for customers created here, at fixed times, so other test classes' activity never changes an answer.
 */
@DemoStudiosTest
class AdminAuditIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String IRONWORKS = "ironworks.localhost";
    /** A whole second in the past, so the studio's +04:00 rendering is easy to check. */
    static final Instant BASE = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);

    @LocalServerPort
    int port;

    @Autowired
    AccessTokens tokens;

    @Autowired
    JdbcClient jdbc;

    StudioHttp http;
    String owner;

    @BeforeEach
    void logIn() {
        http = new StudioHttp(port);
        owner = http.adminToken(SERENITY, "owner@serenity.example", "serenity-demo");
    }

    @Test
    void filtersByCustomerNewestFirstWithEveryField() {
        UUID customer = newCustomer();
        UUID other = newCustomer();
        audit(customer, "test.first", BASE);
        audit(customer, "test.second", BASE.plusSeconds(60));
        audit(other, "test.first", BASE.plusSeconds(30));

        JsonNode page = ok(get("/api/admin/audit?customerId=" + customer, owner));

        assertThat(actions(page)).containsExactly("test.second", "test.first");
        assertThat(page.hasNonNull("nextCursor")).isFalse();
        JsonNode newest = page.path("items").get(0);
        assertThat(newest.path("id").isNumber()).isTrue();
        assertThat(newest.path("at").asString()).endsWith("+04:00");
        assertThat(OffsetDateTime.parse(newest.path("at").asString()).toInstant()).isEqualTo(BASE.plusSeconds(60));
        assertThat(newest.path("actor").path("type").asString()).isEqualTo("CUSTOMER");
        assertThat(newest.path("actor").path("id").asString()).isEqualTo(customer.toString());
        assertThat(newest.path("customerId").asString()).isEqualTo(customer.toString());
        assertThat(newest.path("target").path("type").asString()).isEqualTo("customer");
        assertThat(newest.path("target").path("id").asString()).isEqualTo(customer.toString());
        assertThat(newest.path("ip").asString()).isEqualTo("198.51.100.7");
        assertThat(newest.path("userAgent").asString()).isEqualTo("TestAgent/1.0");
        assertThat(newest.path("details").path("step").asString()).isEqualTo("test.second");
    }

    @Test
    void filtersByExactActionAndByPrefix() {
        UUID customer = newCustomer();
        audit(customer, "zz.login", BASE);
        audit(customer, "zz.login_failed", BASE.plusSeconds(1));
        audit(customer, "zz.logout", BASE.plusSeconds(2));
        audit(customer, "zzXlogin", BASE.plusSeconds(3));
        audit(customer, "other.zz", BASE.plusSeconds(4));

        String byCustomer = "/api/admin/audit?customerId=" + customer;
        assertThat(actions(ok(get(byCustomer + "&action=zz.login", owner)))).containsExactly("zz.login");
        assertThat(actions(ok(get(byCustomer + "&action=zz.*", owner)))).containsExactly("zz.logout", "zz.login_failed", "zz.login");
        // "_" is a LIKE wildcard in SQL; here it must match only itself.
        assertThat(actions(ok(get(byCustomer + "&action=zz.login_*", owner)))).containsExactly("zz.login_failed");
        assertThat(actions(ok(get(byCustomer + "&action=zz_*", owner)))).isEmpty();
        assertThat(actions(ok(get(byCustomer + "&action=*", owner)))).hasSize(5);
    }

    @Test
    void filtersByAHalfOpenTimeWindowGivenWithAnyOffset() {
        UUID customer = newCustomer();
        for (int minute = 0; minute < 5; minute++) {
            audit(customer, "window." + minute, BASE.plus(Duration.ofMinutes(minute)));
        }
        String from = encode(BASE.plus(Duration.ofMinutes(1)).atOffset(ZoneOffset.ofHours(4)).toString());
        String to = encode(BASE.plus(Duration.ofMinutes(3)).atOffset(ZoneOffset.ofHours(-5)).toString());

        JsonNode window = ok(get("/api/admin/audit?customerId=" + customer + "&from=" + from + "&to=" + to, owner));
        JsonNode since = ok(get("/api/admin/audit?customerId=" + customer + "&from=" + from, owner));
        JsonNode until = ok(get("/api/admin/audit?customerId=" + customer + "&to=" + to, owner));

        assertThat(actions(window)).containsExactly("window.2", "window.1");
        assertThat(actions(since)).containsExactly("window.4", "window.3", "window.2", "window.1");
        assertThat(actions(until)).containsExactly("window.2", "window.1", "window.0");
    }

    @Test
    void pagesWithoutDuplicatesOrGapsEvenWhenTimesTie() {
        UUID customer = newCustomer();
        for (int i = 0; i < 7; i++) {
            // Pairs share an instant, so only the id orders them.
            audit(customer, "page." + i, BASE.plusSeconds(i / 2));
        }
        List<String> all = actions(ok(get("/api/admin/audit?customerId=" + customer + "&limit=200", owner)));

        List<String> paged = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok(get("/api/admin/audit?customerId=" + customer + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor), owner));
            sizes.add(page.path("items").size());
            paged.addAll(actions(page));
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asString() : null;
        } while (cursor != null && sizes.size() < 10);

        assertThat(all).hasSize(7).doesNotHaveDuplicates();
        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(paged).isEqualTo(all);
        // A row written while someone pages appears on no later page, because it is newer than the cursor.
        JsonNode first = ok(get("/api/admin/audit?customerId=" + customer + "&limit=3", owner));
        audit(customer, "page.new", Instant.now());
        JsonNode second = ok(get("/api/admin/audit?customerId=" + customer + "&limit=3&cursor=" + first.path("nextCursor").asString(), owner));
        assertThat(actions(second)).isEqualTo(all.subList(3, 6));
    }

    @Test
    void showsRowsTheAppWroteAndOnlyThisStudiosRows() {
        String marker = "isolation.t" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO tenant_ironworks.audit_logs (actor_type, actor_id, action) VALUES ('SYSTEM', 'test', ?)").param(marker).update();

        JsonNode ironworksOnly = ok(get("/api/admin/audit?action=" + marker, owner));
        JsonNode logins = ok(get("/api/admin/audit?action=admin.login_*", owner));

        assertThat(ironworksOnly.path("items").size()).isZero();
        assertThat(actions(logins)).contains("admin.login_succeeded").allMatch(a -> a.startsWith("admin.login_"));
        assertThat(logins.path("items").get(0).path("actor").path("type").asString()).isEqualTo("ADMIN");
    }

    @Test
    void frontDeskMayReadButCustomersAndOtherStudiosMayNot() {
        String desk = http.adminToken(SERENITY, "desk@serenity.example", "serenity-demo");
        String ironworksOwner = http.adminToken(IRONWORKS, "owner@ironworks.example", "ironworks-demo");
        String customer = tokens.issue(Audience.CUSTOMER, "serenity", "5e000010-0000-4000-8000-000000000001",
                Duration.ofMinutes(15), Map.of("role", "CUSTOMER")).value();

        assertThat(get("/api/admin/audit", desk).status()).isEqualTo(200);
        for (String token : new String[] {ironworksOwner, customer, null}) {
            StudioHttp.Response refused = get("/api/admin/audit", token);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().path("code").asString()).isEqualTo("UNAUTHENTICATED");
            assertThat(refused.body()).doesNotContain("\"items\"");
        }
    }

    @Test
    void badParametersAre400NamingTheField() {
        String from = encode("2026-01-02T10:00:00+04:00");
        String earlier = encode("2026-01-02T09:00:00+04:00");
        Map<String, String> cases = Map.of(
                "customerId=not-a-uuid", "customerId",
                "action=" + encode("Auth.*"), "action",
                "action=" + encode("auth.*.x"), "action",
                "from=yesterday", "from",
                "to=2026-01-02T10:00:00", "to",
                "from=" + from + "&to=" + earlier, "to",
                "from=" + from + "&to=" + from, "to",
                "limit=0", "limit",
                "limit=201", "limit",
                "cursor=bm90LWEtY3Vyc29y", "cursor");

        cases.forEach((query, field) -> {
            StudioHttp.Response response = get("/api/admin/audit?" + query, owner);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.json().path("errors").findValuesAsString("field")).as(query).containsExactly(field);
        });
        assertThat(get("/api/admin/audit?limit=abc", owner).status()).isEqualTo(400);
        assertThat(get("/api/admin/audit?limit=200", owner).status()).isEqualTo(200);
    }

    private StudioHttp.Response get(String path, String token) {
        return http.json("GET", SERENITY, path, token, null);
    }

    private static JsonNode ok(StudioHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> actions(JsonNode page) {
        List<String> actions = new ArrayList<>();
        page.path("items").forEach(item -> actions.add(item.path("action").asString()));
        return actions;
    }

    private UUID newCustomer() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenant_serenity.customers (id, first_name, last_name, email) VALUES (?, 'Audit', 'Subject', ?)")
                .params(id, "audit-" + id + "@example.com").update();
        return id;
    }

    private void audit(UUID customer, String action, Instant at) {
        jdbc.sql("""
                INSERT INTO tenant_serenity.audit_logs (at, customer_id, actor_type, actor_id, action, target_type, target_id, ip,
                                                        user_agent, details)
                VALUES (?, ?, 'CUSTOMER', ?, ?, 'customer', ?, '198.51.100.7', 'TestAgent/1.0', cast(? AS jsonb))
                """)
                .params(Timestamp.from(at), customer, customer.toString(), action, customer.toString(), "{\"step\": \"" + action + "\"}")
                .update();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
