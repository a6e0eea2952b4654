package dev.portico.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.portico.audit.Actor;
import dev.portico.plugins.TenantPlugins;
import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StripeWebhooks;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Payments at serenity with pay-stripe enabled against a local stand-in for api.stripe.com: the real plugin and
 * the real stripe-java make every call; webhooks are signed here with the studio's secret, as Stripe signs them.
 */
@DemoStudiosTest
class PaymentsIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String WEBHOOK_SECRET = "whsec_portico_test";
    static final String STRIPE_VERSION = "2026-07-29.dahlia";
    static final UUID TEN_CLASS_PACK = UUID.fromString("5e000005-0000-4000-8000-000000000003");
    static final UUID MAYA = UUID.fromString("5e000010-0000-4000-8000-000000000001");
    static final UUID VINYASA = UUID.fromString("5e000003-0000-4000-8000-000000000001");

    @LocalServerPort
    int port;

    @Autowired
    TenantPlugins plugins;

    @Autowired
    TenantRegistry registry;

    @Autowired
    AccessTokens tokens;

    @Autowired
    JdbcClient jdbc;

    WireMockServer stripe;
    StudioHttp http;

    @BeforeEach
    void enableStripe() {
        stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
        http = new StudioHttp(port);
        TenantContext.runAs(registry.findBySlug("serenity").orElseThrow(), () -> plugins.configure("pay-stripe", true, Map.of(
                "secretKey", "sk_test_portico", "webhookSecret", WEBHOOK_SECRET, "mode", "payment_intent",
                "apiBaseUrl", "http://127.0.0.1:" + stripe.port()), Actor.system("test")));
    }

    @AfterEach
    void disableStripe() {
        TenantContext.runAs(registry.findBySlug("serenity").orElseThrow(),
                () -> plugins.configure("pay-stripe", false, Map.of(), Actor.system("test")));
        stripe.stop();
    }

    @Test
    void aPackageIsCreditedOnlyWhenStripeConfirmsAndOnlyOnce() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(json(200, intent("pi_pack_1", 95000, "requires_payment_method", null))));
        long packagesBefore = packages(MAYA);

        StudioHttp.Response started = http.json("POST", SERENITY, "/api/client-portal/packages/purchase", maya(),
                "{\"productId\":\"" + TEN_CLASS_PACK + "\"}");

        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String paymentId = started.json().path("paymentId").asString();
        assertThat(started.json().path("clientSecret").asString()).startsWith("pi_pack_1_secret");
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("portico-" + paymentId))
                .withHeader("Authorization", equalTo("Bearer sk_test_portico")));
        assertThat(packages(MAYA)).as("nothing before the provider confirms").isEqualTo(packagesBefore);

        String succeeded = event("evt_pack_ok", "payment_intent.succeeded", intent("pi_pack_1", 95000, "succeeded", paymentId));
        assertThat(webhook(succeeded).json().path("status").asString()).isEqualTo("processed");
        assertThat(webhook(succeeded).json().path("status").asString()).isEqualTo("duplicate");
        String lateFailure = event("evt_pack_late", "payment_intent.payment_failed", intent("pi_pack_1", 95000, "requires_payment_method", paymentId));
        assertThat(webhook(lateFailure).status()).isEqualTo(200);

        assertThat(packages(MAYA)).isEqualTo(packagesBefore + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE action = 'payment.succeeded' AND target_id = ?")
                .param(paymentId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM tenant_serenity.payments WHERE id = ?").param(UUID.fromString(paymentId))
                .query(String.class).single()).isEqualTo("SUCCEEDED");
        assertThat(jdbc.sql("SELECT credits_remaining FROM tenant_serenity.customer_packages WHERE payment_id = ?")
                .param(UUID.fromString(paymentId)).query(Integer.class).single()).isEqualTo(10);
        assertThat(http.json("GET", SERENITY, "/api/client-portal/receipts", maya(), null).json().path("items").toString())
                .contains(paymentId, "\"amount\":95000", "\"currency\":\"AED\"");
        String stranger = token(newCustomer());
        assertThat(http.json("GET", SERENITY, "/api/client-portal/receipts", stranger, null).json().path("items")).isEmpty();
    }

    @Test
    void payPerVisitHoldsThePlaceUntilPaidThenConfirms() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(json(200, intent("pi_visit_1", 12000, "requires_payment_method", null))));
        UUID customer = newCustomer();
        Session session = nextVinyasa(Duration.ofDays(3));

        StudioHttp.Response booked = book(token(customer), session.startsAt());

        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        assertThat(booked.json().path("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(booked.json().path("payment").path("status").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(booked(session.id())).as("the place is held").isEqualTo(session.booked() + 1);
        String paymentId = booked.json().path("checkout").path("paymentId").asString();

        webhook(event("evt_visit_ok", "payment_intent.succeeded", intent("pi_visit_1", 12000, "succeeded", paymentId)));

        String appointment = booked.json().path("id").asString();
        assertThat(status(appointment)).isEqualTo("BOOKED");
        assertThat(booked(session.id())).isEqualTo(session.booked() + 1);
    }

    @Test
    void aDeclinedCardLeavesNoBookingAndNoPlaceHeld() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(json(402,
                "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\",\"message\":\"Your card was declined.\"}}")));
        UUID customer = newCustomer();
        Session session = nextVinyasa(Duration.ofDays(4));

        StudioHttp.Response declined = book(token(customer), session.startsAt());

        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.json().path("code").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(declined.json().path("detail").asString()).contains("declined");
        assertThat(booked(session.id())).isEqualTo(session.booked());
        assertThat(jdbc.sql("SELECT status FROM tenant_serenity.appointments WHERE customer_id = ?").param(customer)
                .query(String.class).list()).containsOnly("CANCELLED");
        assertThat(jdbc.sql("SELECT status FROM tenant_serenity.payments WHERE customer_id = ?").param(customer)
                .query(String.class).single()).isEqualTo("FAILED");
    }

    @Test
    void aFailedPaymentReleasesTheHeldPlace() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(json(200, intent("pi_visit_2", 12000, "requires_payment_method", null))));
        Session session = nextVinyasa(Duration.ofDays(5));
        StudioHttp.Response booked = book(token(newCustomer()), session.startsAt());
        String paymentId = booked.json().path("checkout").path("paymentId").asString();

        webhook(event("evt_visit_fail", "payment_intent.payment_failed", intent("pi_visit_2", 12000, "requires_payment_method", paymentId)));

        assertThat(status(booked.json().path("id").asString())).isEqualTo("CANCELLED");
        assertThat(booked(session.id())).isEqualTo(session.booked());
    }

    @Test
    void cancellingAPaidVisitInTheWindowRefundsThroughStripeOnce() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(json(200, intent("pi_visit_3", 12000, "requires_payment_method", null))));
        stripe.stubFor(post("/v1/refunds").willReturn(json(200, """
                {"id": "re_visit_3", "object": "refund", "amount": 12000, "created": 1767225600, "currency": "aed",
                 "metadata": {}, "payment_intent": "pi_visit_3", "reason": "requested_by_customer", "status": "succeeded"}
                """)));
        UUID customer = newCustomer();
        StudioHttp.Response booked = book(token(customer), nextVinyasa(Duration.ofDays(6)).startsAt());
        String paymentId = booked.json().path("checkout").path("paymentId").asString();
        webhook(event("evt_visit3_ok", "payment_intent.succeeded", intent("pi_visit_3", 12000, "succeeded", paymentId)));

        StudioHttp.Response cancelled = http.json("POST", SERENITY, "/api/client-portal/appointments/" + booked.json().path("id").asString()
                + "/cancel", token(customer), "{}");

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("creditOutcome").asString()).isEqualTo("REFUNDED");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT status || '/' || refund_status FROM tenant_serenity.payments WHERE id = ?").param(UUID.fromString(paymentId))
                .query(String.class).single()).isEqualTo("REFUNDED/REFUNDED"));
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("portico-refund-" + paymentId)));
        assertThat(jdbc.sql("SELECT action FROM tenant_serenity.audit_logs WHERE target_id = ? ORDER BY id").param(paymentId)
                .query(String.class).list()).containsSubsequence("payment.succeeded", "payment.refund_requested", "payment.refunded");
    }

    @Test
    void whenStripeFailsMidCallTheWebhookStillSettlesItExactlyOnce() {
        // Stripe took the request but our call failed (a 500 after the charge, or a crash before we stored the answer).
        stripe.stubFor(post("/v1/payment_intents").willReturn(json(500, "{\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}")));
        UUID customer = newCustomer();
        Session session = nextVinyasa(Duration.ofDays(7));

        StudioHttp.Response failed = book(token(customer), session.startsAt());

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().path("code").asString()).isEqualTo("PAYMENT_PROVIDER_UNAVAILABLE");
        UUID paymentId = jdbc.sql("SELECT id FROM tenant_serenity.payments WHERE customer_id = ?").param(customer).query(UUID.class).single();
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents")).withHeader("Idempotency-Key", equalTo("portico-" + paymentId)));
        assertThat(jdbc.sql("SELECT count(*) FROM platform.scheduled_tasks WHERE task_name = 'release-unpaid-hold'")
                .query(Long.class).single()).as("the hold's release survives a restart").isPositive();

        String confirmed = event("evt_late_ok", "payment_intent.succeeded", intent("pi_visit_4", 12000, "succeeded", paymentId.toString()));
        webhook(confirmed);
        webhook(confirmed);

        assertThat(jdbc.sql("SELECT status FROM tenant_serenity.appointments WHERE customer_id = ?").param(customer)
                .query(String.class).single()).isEqualTo("BOOKED");
        assertThat(booked(session.id())).isEqualTo(session.booked() + 1);
    }

    @Test
    void aRefundThatNeedsApprovalWaitsForTheOwner() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(json(200, intent("pi_visit_5", 12000, "requires_payment_method", null))));
        stripe.stubFor(post("/v1/refunds").willReturn(json(200, """
                {"id": "re_visit_5", "object": "refund", "amount": 12000, "created": 1767225600, "currency": "aed",
                 "metadata": {}, "payment_intent": "pi_visit_5", "reason": "requested_by_customer", "status": "succeeded"}
                """)));
        configure("serenity", "policy-standard", Map.of("refundApproval", "manual"));
        try {
            UUID customer = newCustomer();
            StudioHttp.Response booked = book(token(customer), nextVinyasa(Duration.ofDays(8)).startsAt());
            String paymentId = booked.json().path("checkout").path("paymentId").asString();
            webhook(event("evt_visit5_ok", "payment_intent.succeeded", intent("pi_visit_5", 12000, "succeeded", paymentId)));

            StudioHttp.Response cancelled = http.json("POST", SERENITY, "/api/client-portal/appointments/"
                    + booked.json().path("id").asString() + "/cancel", token(customer), "{}");
            assertThat(cancelled.json().path("creditOutcome").asString()).isEqualTo("MANUAL_REVIEW");
            stripe.verify(0, postRequestedFor(urlEqualTo("/v1/refunds")));

            String owner = http.adminToken(SERENITY, "owner@serenity.example", "serenity-demo");
            String desk = http.adminToken(SERENITY, "desk@serenity.example", "serenity-demo");
            assertThat(http.json("GET", SERENITY, "/api/admin/payments/pending-refunds", owner, null).body()).contains(paymentId);
            assertThat(http.json("GET", SERENITY, "/api/admin/payments/pending-refunds", desk, null).body()).contains(paymentId);
            assertThat(http.json("POST", SERENITY, "/api/admin/payments/" + paymentId + "/refund", desk, null).status()).isEqualTo(403);
            assertThat(http.json("POST", SERENITY, "/api/admin/payments/" + paymentId + "/refund", owner, null).status()).isEqualTo(200);
            assertThat(http.json("POST", SERENITY, "/api/admin/payments/" + paymentId + "/refund", owner, null).status()).isEqualTo(409);

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.sql(
                    "SELECT refund_status FROM tenant_serenity.payments WHERE id = ?").param(UUID.fromString(paymentId))
                    .query(String.class).single()).isEqualTo("REFUNDED"));
            stripe.verify(1, postRequestedFor(urlEqualTo("/v1/refunds")));
        } finally {
            configure("serenity", "policy-standard", Map.of());
        }
    }

    @Test
    void aLateCancelFeeIsChargedWhereThePolicySaysSo() {
        UUID hiit = UUID.fromString("1c000003-0000-4000-8000-000000000002");
        UUID coach = jdbc.sql("SELECT staff_id FROM tenant_ironworks.class_sessions WHERE service_id = ? LIMIT 1").param(hiit).query(UUID.class).single();
        UUID location = jdbc.sql("SELECT id FROM tenant_ironworks.locations LIMIT 1").query(UUID.class).single();
        Instant soon = Instant.now().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        UUID sessionId = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenant_ironworks.class_sessions (id, service_id, staff_id, location_id, starts_at, ends_at, capacity) VALUES (?, ?, ?, ?, ?, ?, 10)")
                .params(sessionId, hiit, coach, location, Timestamp.from(soon), Timestamp.from(soon.plus(Duration.ofMinutes(45)))).update();
        UUID customer = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenant_ironworks.customers (id, first_name, last_name, email, timezone) VALUES (?, 'Late', 'Canceller', ?, 'Europe/London')")
                .params(customer, "late-" + customer + "@example.com").update();
        UUID pack = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenant_ironworks.customer_packages (id, customer_id, name, credits_total, credits_remaining, purchased_at, expires_at) "
                + "VALUES (?, ?, 'Pass', 2, 2, now(), now() + interval '30 days')").params(pack, customer).update();
        jdbc.sql("INSERT INTO tenant_ironworks.credit_ledger (customer_package_id, customer_id, delta, reason, actor) VALUES (?, ?, 2, 'GRANT', 'test')")
                .params(pack, customer).update();
        String token = tokens.issue(Audience.CUSTOMER, "ironworks", customer.toString(), Duration.ofMinutes(15), Map.of("role", "CUSTOMER")).value();
        stripe.stubFor(post("/v1/payment_intents").willReturn(json(200, intent("pi_fee_1", 1500, "requires_payment_method", null))));
        configure("ironworks", "pay-stripe", Map.of("secretKey", "sk_test_portico", "webhookSecret", WEBHOOK_SECRET,
                "mode", "payment_intent", "apiBaseUrl", "http://127.0.0.1:" + stripe.port()));
        configure("ironworks", "policy-standard", Map.of("lateCancelFeeMinor", "1500", "lateCancelFeeCurrency", "GBP"));
        try {
            StudioHttp.Response booked = http.json("POST", "ironworks.localhost", "/api/client-portal/appointments", token,
                    "{\"serviceId\":\"" + hiit + "\",\"startsAt\":\"" + soon.atZone(ZoneId.of("Europe/London")).toOffsetDateTime()
                            + "\",\"payWith\":\"credits\"}");
            assertThat(booked.status()).as(booked.body()).isEqualTo(201);

            StudioHttp.Response late = http.json("POST", "ironworks.localhost", "/api/client-portal/appointments/"
                    + booked.json().path("id").asString() + "/cancel", token, "{}");

            assertThat(late.status()).as(late.body()).isEqualTo(200);
            assertThat(late.json().path("creditOutcome").asString()).isEqualTo("FORFEITED");
            assertThat(late.json().path("fee").path("amount").asLong()).isEqualTo(1500);
            assertThat(late.json().path("feeCheckout").path("clientSecret").asString()).startsWith("pi_fee_1_secret");
            assertThat(jdbc.sql("SELECT purpose || ':' || amount_minor || ':' || currency FROM tenant_ironworks.payments WHERE customer_id = ?")
                    .param(customer).query(String.class).single()).isEqualTo("LATE_CANCEL_FEE:1500:GBP");
        } finally {
            configure("ironworks", "policy-standard", Map.of());
            configure("ironworks", "pay-stripe", Map.of(), false);
        }
    }

    @Test
    void forgedWebhooksAndUnknownProvidersAreRefused() {
        String body = event("evt_forged", "payment_intent.succeeded", intent("pi_x", 100, "succeeded", UUID.randomUUID().toString()));
        StudioHttp.Response forged = http.post(SERENITY, "/api/webhooks/payments/pay-stripe", body,
                "Stripe-Signature", "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64));
        StudioHttp.Response unknown = http.post(SERENITY, "/api/webhooks/payments/pay-nowhere", body, "Stripe-Signature", signature(body));
        StudioHttp.Response otherStudio = http.post("ironworks.localhost", "/api/webhooks/payments/pay-stripe", body, "Stripe-Signature", signature(body));

        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().path("code").asString()).isEqualTo("WEBHOOK_REJECTED");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(otherStudio.status()).isEqualTo(404);
    }

    @Test
    void aStudioWithoutAPaymentProviderSaysSoClearly() {
        String sam = tokens.issue(Audience.CUSTOMER, "ironworks", "1c000010-0000-4000-8000-000000000001", Duration.ofMinutes(5),
                Map.of("role", "CUSTOMER")).value();

        StudioHttp.Response products = http.json("GET", "ironworks.localhost", "/api/client-portal/package-products", sam, null);
        StudioHttp.Response purchase = http.json("POST", "ironworks.localhost", "/api/client-portal/packages/purchase", sam,
                "{\"productId\":\"" + products.json().path("items").get(0).path("id").asString() + "\"}");

        assertThat(products.json().path("purchasable").asBoolean()).isFalse();
        assertThat(purchase.status()).isEqualTo(409);
        assertThat(purchase.json().path("code").asString()).isEqualTo("PLUGIN_UNAVAILABLE");
        assertThat(purchase.json().path("detail").asString()).contains("does not take payments online");
    }

    // --- helpers ---

    private void configure(String studio, String plugin, Map<String, String> settings) {
        configure(studio, plugin, settings, true);
    }

    private void configure(String studio, String plugin, Map<String, String> settings, boolean enabled) {
        TenantContext.runAs(registry.findBySlug(studio).orElseThrow(), () -> plugins.configure(plugin, enabled, settings, Actor.system("test")));
    }

    record Session(UUID id, Instant startsAt, int booked) {}

    private Session nextVinyasa(Duration after) {
        return jdbc.sql("""
                SELECT id, starts_at, booked_count FROM tenant_serenity.class_sessions
                 WHERE service_id = ? AND status = 'SCHEDULED' AND starts_at > ? AND booked_count < capacity ORDER BY starts_at LIMIT 1
                """).params(VINYASA, Timestamp.from(Instant.now().plus(after)))
                .query((rs, n) -> new Session(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getInt(3))).single();
    }

    private StudioHttp.Response book(String token, Instant startsAt) {
        return http.json("POST", SERENITY, "/api/client-portal/appointments", token, "{\"serviceId\":\"" + VINYASA + "\",\"startsAt\":\""
                + startsAt.atZone(ZoneId.of("Asia/Dubai")).toOffsetDateTime() + "\",\"payWith\":\"pay_per_visit\"}");
    }

    private StudioHttp.Response webhook(String body) {
        StudioHttp.Response response = http.post(SERENITY, "/api/webhooks/payments/pay-stripe", body, "Stripe-Signature", signature(body));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String signature(String body) {
        return StripeWebhooks.signature(WEBHOOK_SECRET, body);
    }

    private static String event(String id, String type, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "%s", "created": %d, "data": {"object": %s},
                 "livemode": false, "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null}, "type": "%s"}
                """.formatted(id, STRIPE_VERSION, Instant.now().getEpochSecond(), object.strip(), type);
    }

    private static String intent(String id, long amount, String status, String paymentId) {
        return """
                {"id": "%1$s", "object": "payment_intent", "amount": %2$d, "amount_received": %3$d, "client_secret": "%1$s_secret_abc",
                 "created": 1767225600, "currency": "aed", "description": "Portico", "latest_charge": null, "livemode": false,
                 "metadata": %4$s, "payment_method_types": ["card"], "status": "%5$s"}
                """.formatted(id, amount, "succeeded".equals(status) ? amount : 0,
                paymentId == null ? "{}" : "{\"paymentId\": \"" + paymentId + "\", \"tenant\": \"serenity\"}", status);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withHeader("Request-Id", "req_test").withBody(body);
    }

    private String maya() {
        return token(MAYA);
    }

    private String token(UUID customer) {
        return tokens.issue(Audience.CUSTOMER, "serenity", customer.toString(), Duration.ofMinutes(15), Map.of("role", "CUSTOMER")).value();
    }

    private UUID newCustomer() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenant_serenity.customers (id, first_name, last_name, email) VALUES (?, 'Pay', 'Tester', ?)")
                .params(id, "pay-" + id + "@example.com").update();
        return id;
    }

    private long packages(UUID customer) {
        return jdbc.sql("SELECT count(*) FROM tenant_serenity.customer_packages WHERE customer_id = ?").param(customer).query(Long.class).single();
    }

    private int booked(UUID session) {
        return jdbc.sql("SELECT booked_count FROM tenant_serenity.class_sessions WHERE id = ?").param(session).query(Integer.class).single();
    }

    private String status(String appointment) {
        return jdbc.sql("SELECT status FROM tenant_serenity.appointments WHERE id = ?").param(UUID.fromString(appointment)).query(String.class).single();
    }
}
