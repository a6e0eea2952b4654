package dev.portico.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The studio's outgoing messages over real HTTP: filters, masked recipients, no message bodies, keyset paging, and
 * only this studio's admins. Rows are written straight into the outbox for customers created here; with no delivery
 * job scheduled for them, nothing sends them or changes their status under the test.
 */
@DemoStudiosTest
class AdminNotificationsIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String IRONWORKS = "ironworks.localhost";
    static final Instant BASE = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);

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
    void listsNewestFirstWithMaskedRecipientsAndWithoutBodies() {
        UUID customer = newCustomer();
        UUID sent = message(customer, "EMAIL", "maya.secret@example.com", "SENT", BASE, null);
        UUID dead = message(customer, "SMS", "+971501234567", "DEAD", BASE.plusSeconds(10), "carrier refused +971501234567");
        message(customer, "WHATSAPP", "+971559876543", "PENDING", BASE.plusSeconds(20), null);

        JsonNode page = ok(get("/api/admin/notifications?customerId=" + customer, owner));

        assertThat(page.path("items").size()).isEqualTo(3);
        assertThat(page.hasNonNull("nextCursor")).isFalse();
        JsonNode whatsapp = page.path("items").get(0);
        JsonNode sms = page.path("items").get(1);
        JsonNode email = page.path("items").get(2);
        assertThat(whatsapp.path("channel").asString()).isEqualTo("whatsapp");
        assertThat(whatsapp.path("recipient").asString()).isEqualTo("+97155***6543");
        assertThat(whatsapp.hasNonNull("sentAt")).isFalse();
        assertThat(sms.path("id").asString()).isEqualTo(dead.toString());
        assertThat(sms.path("channel").asString()).isEqualTo("sms");
        assertThat(sms.path("recipient").asString()).isEqualTo("+97150***4567");
        assertThat(sms.path("status").asString()).isEqualTo("DEAD");
        assertThat(sms.path("lastError").asString()).isEqualTo("carrier refused +97150***4567");
        assertThat(email.path("id").asString()).isEqualTo(sent.toString());
        assertThat(email.path("channel").asString()).isEqualTo("email");
        assertThat(email.path("recipient").asString()).isEqualTo("m***@example.com");
        assertThat(email.path("event").asString()).isEqualTo("test.event");
        assertThat(email.path("customerId").asString()).isEqualTo(customer.toString());
        assertThat(email.path("subject").asString()).isEqualTo("Subject for EMAIL");
        assertThat(email.path("status").asString()).isEqualTo("SENT");
        assertThat(email.path("attempts").asInt()).isEqualTo(1);
        assertThat(email.path("pluginId").asString()).isEqualTo("notify-dev-inbox");
        assertThat(email.path("providerMessageId").asString()).isEqualTo("prov-" + sent);
        assertThat(email.path("createdAt").asString()).endsWith("+04:00");
        assertThat(OffsetDateTime.parse(email.path("createdAt").asString()).toInstant()).isEqualTo(BASE);
        assertThat(OffsetDateTime.parse(email.path("sentAt").asString()).toInstant()).isEqualTo(BASE.plusSeconds(5));
        String body = page.toString();
        assertThat(body).doesNotContain("maya.secret", "+971501234567", "+971559876543", "secret-login-link", "\"body\"", "\"html\"");
    }

    @Test
    void filtersByStatusAndCustomer() {
        UUID customer = newCustomer();
        UUID other = newCustomer();
        message(customer, "EMAIL", "a@example.com", "SENT", BASE, null);
        message(customer, "EMAIL", "a@example.com", "DEAD", BASE.plusSeconds(1), "bounced");
        message(customer, "EMAIL", "a@example.com", "RETRYING", BASE.plusSeconds(2), "timeout");
        message(other, "EMAIL", "b@example.com", "DEAD", BASE.plusSeconds(3), "bounced");

        JsonNode dead = ok(get("/api/admin/notifications?customerId=" + customer + "&status=DEAD", owner));
        JsonNode retrying = ok(get("/api/admin/notifications?customerId=" + customer + "&status=RETRYING", owner));
        JsonNode allDead = ok(get("/api/admin/notifications?status=DEAD&limit=200", owner));

        assertThat(statuses(dead)).containsExactly("DEAD");
        assertThat(statuses(retrying)).containsExactly("RETRYING");
        assertThat(statuses(allDead)).isNotEmpty().allMatch("DEAD"::equals);
        assertThat(customers(allDead)).contains(customer.toString(), other.toString());
    }

    @Test
    void pagesWithoutDuplicatesOrGapsEvenWhenTimesTie() {
        UUID customer = newCustomer();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(message(customer, "EMAIL", "p@example.com", "PENDING", BASE.plusSeconds(i / 2), null).toString());
        }
        List<String> all = ids(ok(get("/api/admin/notifications?customerId=" + customer + "&limit=200", owner)));

        List<String> paged = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok(get("/api/admin/notifications?customerId=" + customer + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), owner));
            sizes.add(page.path("items").size());
            paged.addAll(ids(page));
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asString() : null;
        } while (cursor != null && sizes.size() < 10);

        assertThat(all).hasSize(5).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void onlyThisStudiosAdminsSeeOnlyThisStudiosMessages() {
        String desk = http.adminToken(SERENITY, "desk@serenity.example", "serenity-demo");
        String ironworksOwner = http.adminToken(IRONWORKS, "owner@ironworks.example", "ironworks-demo");
        String customer = tokens.issue(Audience.CUSTOMER, "serenity", "5e000010-0000-4000-8000-000000000001",
                Duration.ofMinutes(15), Map.of("role", "CUSTOMER")).value();
        UUID ironworksMessage = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO tenant_ironworks.outbound_messages (id, event, kind, recipient, subject, body, locale)
                VALUES (?, 'test.isolation', 'EMAIL', 'iron@example.com', 'Iron', 'Iron body', 'en')
                """).param(ironworksMessage).update();

        StudioHttp.Response frontDesk = get("/api/admin/notifications?limit=200&status=PENDING", desk);

        assertThat(frontDesk.status()).isEqualTo(200);
        assertThat(frontDesk.body()).doesNotContain(ironworksMessage.toString(), "test.isolation");
        for (String token : new String[] {ironworksOwner, customer, null}) {
            StudioHttp.Response refused = get("/api/admin/notifications", token);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().path("code").asString()).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void badParametersAre400NamingTheField() {
        Map<String, String> cases = Map.of(
                "status=FAILED", "status",
                "status=sent", "status",
                "customerId=42", "customerId",
                "limit=0", "limit",
                "limit=201", "limit",
                "cursor=%25%25%25", "cursor",
                "cursor=bm90LWEtY3Vyc29y", "cursor");

        cases.forEach((query, field) -> {
            StudioHttp.Response response = get("/api/admin/notifications?" + query, owner);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.json().path("errors").findValuesAsString("field")).as(query).containsExactly(field);
        });
    }

    @Test
    void masksShortAndOddRecipientsWithoutRevealingThem() {
        assertThat(AdminNotificationsController.mask("m@example.com")).isEqualTo("m***@example.com");
        assertThat(AdminNotificationsController.mask("+971501234567")).isEqualTo("+97150***4567");
        assertThat(AdminNotificationsController.mask("+1234567")).isEqualTo("+***4567");
        assertThat(AdminNotificationsController.mask("abc")).isEqualTo("a***");
        assertThat(AdminNotificationsController.mask("")).isEqualTo("***");
    }

    private StudioHttp.Response get(String path, String token) {
        return http.json("GET", SERENITY, path, token, null);
    }

    private static JsonNode ok(StudioHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode page) {
        return values(page, "id");
    }

    private static List<String> statuses(JsonNode page) {
        return values(page, "status");
    }

    private static List<String> customers(JsonNode page) {
        return values(page, "customerId");
    }

    private static List<String> values(JsonNode page, String field) {
        List<String> values = new ArrayList<>();
        page.path("items").forEach(item -> values.add(item.path(field).asString()));
        return values;
    }

    private UUID newCustomer() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenant_serenity.customers (id, first_name, last_name, email) VALUES (?, 'Outbox', 'Subject', ?)")
                .params(id, "outbox-" + id + "@example.com").update();
        return id;
    }

    /** A message as delivery would have left it: sent ones carry a plugin, provider id and sent time. */
    private UUID message(UUID customer, String kind, String recipient, String status, Instant createdAt, @Nullable String lastError) {
        UUID id = UUID.randomUUID();
        boolean isSent = status.equals("SENT");
        jdbc.sql("""
                INSERT INTO tenant_serenity.outbound_messages (id, event, customer_id, kind, recipient, subject, body, html, locale, status,
                                                               attempts, plugin_id, provider_message_id, last_error, created_at, sent_at)
                VALUES (?, 'test.event', ?, ?, ?, ?, 'Your secret-login-link is here', '<p>secret-login-link</p>', 'en', ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, customer, kind, recipient, "Subject for " + kind, status, status.equals("PENDING") ? 0 : 1,
                        status.equals("PENDING") ? null : "notify-dev-inbox", isSent ? "prov-" + id : null, lastError,
                        Timestamp.from(createdAt), isSent ? Timestamp.from(createdAt.plusSeconds(5)) : null)
                .update();
        return id;
    }
}
