package dev.portico.customers;

import static dev.portico.customers.CustomerAdminIntegrationTests.fields;
import static dev.portico.customers.CustomerAdminIntegrationTests.phone;
import static dev.portico.customers.CustomerAdminIntegrationTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.auth.PortalSessions;
import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * Merging a duplicate customer into the record the studio keeps, over real HTTP: everything the duplicate had (a
 * package with its ledger, a booking, a payment, messages, audit rows, sessions, preferences, a calendar feed) ends
 * up with the survivor or is gone, checked against every column of the studio's schema that names a customer.
 */
@DemoStudiosTest
class CustomerMergeIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens tokens;

    @Autowired
    PortalSessions sessions;

    @Autowired
    TenantRegistry tenants;

    StudioHttp http;
    String desk;

    @BeforeEach
    void logIn() {
        http = new StudioHttp(port);
        desk = http.adminToken(SERENITY, "desk@serenity.example", "serenity-demo");
    }

    @Test
    void theDuplicateLeavesNothingBehind() {
        String survivorEmail = unique("keep") + "@example.com";
        UUID survivor = create("Rania", "Khalil", survivorEmail, null);
        String duplicatePhone = phone();
        String duplicateEmail = unique("dup") + "@example.com";
        UUID duplicate = create("Rania", "Kalil", duplicateEmail, duplicatePhone);
        UUID mergedEarlier = create("R.", "Kalil", unique("older") + "@example.com", null);
        assertThat(http.json("POST", SERENITY, "/api/admin/customers/" + duplicate + "/merge", desk,
                "{\"duplicateId\":\"" + mergedEarlier + "\"}").status()).isEqualTo(200);

        // Everything a customer can have, on the duplicate.
        UUID pack = grant(duplicate, 5);
        UUID session = bookableSession();
        UUID appointment = book(duplicate, pack, session);
        jdbc.sql("INSERT INTO tenant_serenity.payments (customer_id, provider, idempotency_key, purpose, amount_minor, currency, description) "
                        + "VALUES (?, 'pay-stripe', ?, 'PACKAGE_PURCHASE', 45000, 'AED', '10-class pack')")
                .params(duplicate, UUID.randomUUID().toString()).update();
        jdbc.sql("INSERT INTO tenant_serenity.outbound_messages (event, customer_id, kind, recipient, subject, body, locale, status, sent_at) "
                        + "VALUES ('booking.confirmed', ?, 'EMAIL', ?, 'Booked', 'See you', 'en', 'SENT', now())")
                .params(duplicate, duplicateEmail).update();
        jdbc.sql("INSERT INTO tenant_serenity.customer_notification_preferences (customer_id, sms_opt_in) VALUES (?, false)")
                .param(duplicate).update();
        jdbc.sql("INSERT INTO tenant_serenity.calendar_feeds (customer_id, token_hash, created_at) VALUES (?, ?, now())")
                .params(duplicate, randomBytes()).update();
        jdbc.sql("INSERT INTO tenant_serenity.customer_portal_tokens (customer_id, token_hash, channel, expires_at) "
                        + "VALUES (?, ?, 'EMAIL', now() + interval '10 minutes')")
                .params(duplicate, randomBytes()).update();
        PortalSessions.Issued login = TenantContext.callAs(tenants.findBySlug("serenity").orElseThrow(),
                () -> sessions.start(duplicate, "127.0.0.1", "test"));
        String access = tokens.issue(Audience.CUSTOMER, "serenity", duplicate.toString(), Duration.ofMinutes(15), Map.of("role", "CUSTOMER")).value();
        Map<String, Long> before = references(duplicate);
        assertThat(before).containsKeys("customers", "appointments", "credit_ledger", "customer_packages", "payments", "outbound_messages",
                "audit_logs", "customer_sessions", "customer_portal_tokens", "customer_notification_preferences", "calendar_feeds");
        assertThat(before.values()).allMatch(count -> count > 0);

        StudioHttp.Response merged = http.json("POST", SERENITY, "/api/admin/customers/" + survivor + "/merge", desk,
                "{\"duplicateId\":\"" + duplicate + "\"}");

        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(references(duplicate)).as("rows still pointing at the duplicate").allSatisfy((table, count) -> assertThat(count).as(table).isZero());
        JsonNode body = merged.json();
        assertThat(body.path("email").asString()).isEqualTo(survivorEmail);
        assertThat(body.path("phone").asString()).as("filled from the duplicate").isEqualTo(duplicatePhone);
        assertThat(body.path("upcomingAppointments").asLong()).isEqualTo(1);
        assertThat(body.path("packages").get(0).path("id").asString()).isEqualTo(pack.toString());
        assertThat(body.path("packages").get(0).path("creditsRemaining").asInt()).isEqualTo(4);
        assertThat(body.path("preferences").path("smsOptIn").asBoolean()).as("the duplicate's preferences, the survivor had none").isFalse();

        assertThat(jdbc.sql("SELECT status || ' ' || merged_into || ' ' || coalesce(phone, '-') || ' ' || email FROM tenant_serenity.customers WHERE id = ?")
                .param(duplicate).query(String.class).single()).isEqualTo("MERGED " + survivor + " - " + duplicateEmail);
        assertThat(jdbc.sql("SELECT merged_into FROM tenant_serenity.customers WHERE id = ?").param(mergedEarlier).query(UUID.class).single())
                .isEqualTo(survivor);
        assertThat(jdbc.sql("SELECT customer_id FROM tenant_serenity.appointments WHERE id = ?").param(appointment).query(UUID.class).single())
                .isEqualTo(survivor);
        assertThat(jdbc.sql("SELECT sum(delta) = (SELECT credits_remaining FROM tenant_serenity.customer_packages WHERE id = ?) "
                        + "FROM tenant_serenity.credit_ledger WHERE customer_package_id = ? AND customer_id = ?")
                .params(pack, pack, survivor).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.customer_sessions WHERE customer_id = ? AND revoke_reason = 'ADMIN'")
                .param(survivor).query(Long.class).single()).isEqualTo(1);
        JsonNode audit = new tools.jackson.databind.json.JsonMapper().readTree(jdbc.sql("SELECT cast(details AS text) FROM tenant_serenity.audit_logs "
                + "WHERE customer_id = ? AND action = 'customer.merged' AND target_id = ?").params(survivor, survivor.toString()).query(String.class).single());
        assertThat(audit.path("duplicateId").asString()).isEqualTo(duplicate.toString());
        assertThat(audit.path("moved").path("appointments").asInt()).isEqualTo(1);
        assertThat(audit.path("filledFromDuplicate").path("phone").asString()).isEqualTo(duplicatePhone);

        // The duplicate can no longer do anything.
        assertThat(http.post(SERENITY, "/api/client-portal/auth/refresh", null,
                "Cookie", "__Host-portalRefreshToken=" + login.refreshToken(), "X-Requested-With", "portal").status()).isEqualTo(401);
        assertThat(http.json("GET", SERENITY, "/api/client-portal/me", access, null).status()).isEqualTo(401);
        StudioHttp.Response again = http.json("POST", SERENITY, "/api/admin/customers/" + survivor + "/merge", desk,
                "{\"duplicateId\":\"" + duplicate + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("CUSTOMER_MERGED");
        StudioHttp.Response edit = http.json("PUT", SERENITY, "/api/admin/customers/" + duplicate, desk,
                "{\"firstName\":\"X\",\"email\":\"" + duplicateEmail + "\",\"timezone\":\"Asia/Dubai\",\"locale\":\"en\",\"version\":1}");
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.json().path("code").asString()).isEqualTo("CUSTOMER_MERGED");
        assertThat(listed("?query=" + duplicateEmail)).isZero();
        assertThat(listed("?query=" + duplicateEmail + "&status=MERGED")).isEqualTo(1);
    }

    @Test
    void bothBookedIntoOneClassIsAConflictAndNothingMoves() {
        UUID survivor = create("Omar", "Farouk", unique("both") + "@example.com", null);
        UUID duplicate = create("Omar", "Farouq", unique("both") + "@example.com", null);
        UUID session = bookableSession();
        book(survivor, grant(survivor, 2), session);
        book(duplicate, grant(duplicate, 2), session);

        StudioHttp.Response merged = http.json("POST", SERENITY, "/api/admin/customers/" + survivor + "/merge", desk,
                "{\"duplicateId\":\"" + duplicate + "\"}");

        assertThat(merged.status()).isEqualTo(409);
        assertThat(merged.json().path("code").asString()).isEqualTo("MERGE_CONFLICT");
        assertThat(merged.json().path("detail").asString()).contains("Cancel one of the bookings");
        assertThat(references(duplicate).get("appointments")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM tenant_serenity.customers WHERE id = ?").param(duplicate).query(String.class).single())
                .isEqualTo("ACTIVE");
    }

    @Test
    void mergingIntoItselfOrAcrossStudiosIsRefused() {
        UUID customer = create("Self", "Same", unique("self") + "@example.com", null);
        UUID sam = jdbc.sql("SELECT id FROM tenant_ironworks.customers WHERE email = 'sam@example.com'").query(UUID.class).single();

        StudioHttp.Response self = http.json("POST", SERENITY, "/api/admin/customers/" + customer + "/merge", desk,
                "{\"duplicateId\":\"" + customer + "\"}");
        assertThat(self.status()).isEqualTo(400);
        assertThat(fields(self)).containsExactly("duplicateId");
        assertThat(http.json("POST", SERENITY, "/api/admin/customers/" + customer + "/merge", desk, "{}").status()).isEqualTo(400);

        StudioHttp.Response across = http.json("POST", SERENITY, "/api/admin/customers/" + customer + "/merge", desk,
                "{\"duplicateId\":\"" + sam + "\"}");
        assertThat(across.status()).isEqualTo(404);
        assertThat(across.json().path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(http.json("POST", SERENITY, "/api/admin/customers/" + sam + "/merge", desk,
                "{\"duplicateId\":\"" + customer + "\"}").status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT status FROM tenant_ironworks.customers WHERE id = ?").param(sam).query(String.class).single())
                .isEqualTo("ACTIVE");
    }

    /**
     * For every column in the studio's schema that holds a customer's id (named customer_id, or a foreign key to
     * customers, such as {@code customers.merged_into}), how many rows hold this one.
     */
    private Map<String, Long> references(UUID customer) {
        List<String[]> columns = jdbc.sql("""
                SELECT table_name, column_name FROM information_schema.columns
                 WHERE table_schema = 'tenant_serenity' AND column_name = 'customer_id'
                UNION
                SELECT cl.relname, a.attname FROM pg_constraint c
                  JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
                 WHERE n.nspname = 'tenant_serenity' AND c.contype = 'f'
                   AND c.confrelid = 'tenant_serenity.customers'::regclass AND cardinality(c.conkey) = 1
                """).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        assertThat(columns).hasSizeGreaterThanOrEqualTo(10);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String[] column : columns) {
            counts.merge(column[0], jdbc.sql("SELECT count(*) FROM tenant_serenity." + column[0] + " WHERE " + column[1] + " = ?")
                    .param(customer).query(Long.class).single(), Long::sum);
        }
        return counts;
    }

    private UUID create(String firstName, String lastName, String email, String phone) {
        StudioHttp.Response created = http.json("POST", SERENITY, "/api/admin/customers", desk, "{\"firstName\":\"" + firstName
                + "\",\"lastName\":\"" + lastName + "\",\"email\":\"" + email + "\"" + (phone == null ? "" : ",\"phone\":\"" + phone + "\"") + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().path("id").asString());
    }

    private UUID grant(UUID customer, int credits) {
        UUID product = jdbc.sql("SELECT id FROM tenant_serenity.package_products ORDER BY name LIMIT 1").query(UUID.class).single();
        StudioHttp.Response granted = http.json("POST", SERENITY, "/api/admin/customers/" + customer + "/packages", desk,
                "{\"packageProductId\":\"" + product + "\",\"credits\":" + credits + ",\"reason\":\"test\"}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        return UUID.fromString(granted.json().path("id").asString());
    }

    /** A class far ahead with seats left, which other tests do not count on. */
    private UUID bookableSession() {
        return jdbc.sql("SELECT id FROM tenant_serenity.class_sessions WHERE status = 'SCHEDULED' AND starts_at > now() + interval '20 days' "
                + "AND booked_count + 2 <= capacity ORDER BY starts_at DESC, id LIMIT 1").query(UUID.class).single();
    }

    /** Books as the booking feature does: a seat, a credit from the package, the ledger entry. */
    private UUID book(UUID customer, UUID pack, UUID session) {
        UUID appointment = jdbc.sql("""
                INSERT INTO tenant_serenity.appointments (customer_id, service_id, staff_id, location_id, class_session_id, starts_at, ends_at,
                       payment_kind, customer_package_id, cancel_window_minutes, reschedule_window_minutes, late_cancel_policy, max_reschedules)
                SELECT ?, service_id, staff_id, location_id, id, starts_at, ends_at, 'CREDIT', ?, 720, 720, 'FORFEIT', 2
                  FROM tenant_serenity.class_sessions WHERE id = ?
                RETURNING id
                """).params(customer, pack, session).query(UUID.class).single();
        jdbc.sql("UPDATE tenant_serenity.class_sessions SET booked_count = booked_count + 1 WHERE id = ?").param(session).update();
        jdbc.sql("UPDATE tenant_serenity.customer_packages SET credits_remaining = credits_remaining - 1 WHERE id = ?").param(pack).update();
        jdbc.sql("INSERT INTO tenant_serenity.credit_ledger (customer_package_id, customer_id, delta, reason, appointment_id, actor) "
                + "VALUES (?, ?, -1, 'BOOKING', ?, 'test')").params(pack, customer, appointment).update();
        return appointment;
    }

    private long listed(String query) {
        return http.json("GET", SERENITY, "/api/admin/customers" + query, desk, null).json().path("items").size();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
