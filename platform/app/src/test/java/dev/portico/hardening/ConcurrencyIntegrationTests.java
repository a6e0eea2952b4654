package dev.portico.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import dev.portico.support.MutableClock;
import dev.portico.support.StripeWebhooks;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bursts of identical or competing requests, released together over real HTTP against serenity: the last place,
 * the last credit, the same cancel, the same reschedule, the same payment webhook and the same refund approval.
 * After each burst the database itself is asked whether the invariants still hold: no class over capacity and every
 * class's count equal to its live bookings, every package's balance equal to its ledger and never negative, one
 * refund, one grant.
 *
 * <p>Runs in the same Spring context as {@code BookingIntegrationTests} (demo studios, the mutable clock). With
 * {@code -Dportico.soak=true} the crowds are four times larger.
 */
@DemoStudiosTest
@Import(MutableClock.Config.class)
@ExtendWith(HardeningSummary.class)
class ConcurrencyIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final ZoneId DUBAI = ZoneId.of("Asia/Dubai");
    static final UUID VINYASA = UUID.fromString("5e000003-0000-4000-8000-000000000001");
    static final UUID TEN_CLASS_PACK = UUID.fromString("5e000005-0000-4000-8000-000000000003");
    static final String WEBHOOK_SECRET = "whsec_portico_concurrency";
    /** {@code -Dportico.soak=true} makes every burst bigger; the normal build keeps them quick. */
    static final boolean SOAK = Boolean.getBoolean("portico.soak");
    static final int CROWD = SOAK ? 96 : 24;
    static final int REPEATS = SOAK ? 40 : 10;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens tokens;

    @Autowired
    TenantPlugins plugins;

    @Autowired
    TenantRegistry registry;

    @Autowired
    MutableClock clock;

    StudioHttp http;

    @BeforeEach
    void setUp() {
        http = new StudioHttp(port);
        clock.reset();
    }

    @AfterEach
    void invariantsHoldEverywhere() {
        assertStudioInvariants();
    }

    /** Two dozen customers go for the one place left in a class: one gets it, the others a clean 409. */
    @Test
    void theLastPlaceGoesToExactlyOneOfACrowd() throws Exception {
        Session session = vinyasaAfter(Duration.ofDays(10));
        jdbc.sql("UPDATE tenant_serenity.class_sessions SET capacity = booked_count + 1 WHERE id = ?").param(session.id()).update();
        List<String> crowd = new ArrayList<>();
        for (int i = 0; i < CROWD; i++) {
            crowd.add(token(customerWithCredits(2)));
        }

        List<StudioHttp.Response> answers = race(crowd.stream()
                .<Callable<StudioHttp.Response>>map(token -> () -> book(token, session.startsAt())).toList());

        assertThat(statuses(answers)).filteredOn(s -> s == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 201).hasSize(CROWD - 1).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asString()).isEqualTo("SLOT_UNAVAILABLE");
        });
        assertThat(booked(session.id())).isEqualTo(capacity(session.id()));
        assertThat(liveBookings(session.id())).as("bookings in the class").isEqualTo(capacity(session.id()));
        HardeningSummary.invariant("capacity: one place, " + CROWD + " customers");
        if (liveBookings(session.id()) > capacity(session.id())) {
            HardeningSummary.duplicate("oversold class " + session.id());
        }
    }

    /** One credit, ten different classes booked with it at once: one booking, the balance never below zero. */
    @Test
    void theLastCreditPaysForExactlyOneOfManyClasses() throws Exception {
        UUID customer = customerWithCredits(1);
        String token = token(customer);
        UUID pack = packageOf(customer);
        List<Session> sessions = jdbc.sql("""
                SELECT id, starts_at, staff_id FROM tenant_serenity.class_sessions
                 WHERE service_id = ? AND status = 'SCHEDULED' AND starts_at > ? AND booked_count < capacity ORDER BY starts_at LIMIT ?
                """).params(VINYASA, Timestamp.from(Instant.now().plus(Duration.ofDays(2))), REPEATS)
                .query((rs, n) -> new Session(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getObject(3, UUID.class)))
                .list();
        assertThat(sessions).as("classes to book").hasSizeGreaterThan(1);

        List<StudioHttp.Response> answers = race(sessions.stream()
                .<Callable<StudioHttp.Response>>map(session -> () -> book(token, session.startsAt())).toList());

        assertThat(statuses(answers)).filteredOn(s -> s == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 201).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.json().path("code").asString()).isEqualTo("NO_CREDITS");
        });
        assertThat(credits(pack)).isZero();
        assertThat(ledgerSum(pack)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.appointments WHERE customer_id = ? AND status = 'BOOKED'")
                .param(customer).query(Long.class).single()).isEqualTo(1);
        HardeningSummary.invariant("credits: one credit, " + sessions.size() + " classes");
    }

    /** The same cancel ten times at once: one cancellation, one credit back in the ledger. */
    @Test
    void theSameCancelSentManyTimesCancelsAndRefundsOnce() throws Exception {
        UUID customer = customerWithCredits(3);
        String token = token(customer);
        UUID pack = packageOf(customer);
        Session session = vinyasaAfter(Duration.ofDays(3));
        String id = book(token, session.startsAt()).json().path("id").asString();
        int bookedBefore = booked(session.id());

        List<StudioHttp.Response> answers = race(REPEATS,
                () -> http.json("POST", SERENITY, "/api/client-portal/appointments/" + id + "/cancel", token, "{}"));

        assertThat(statuses(answers)).filteredOn(s -> s == 200).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 200).hasSize(REPEATS - 1)
                .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(409));
        long refunds = jdbc.sql("SELECT count(*) FROM tenant_serenity.credit_ledger WHERE appointment_id = ? AND reason = 'CANCEL_REFUND'")
                .param(UUID.fromString(id)).query(Long.class).single();
        assertThat(refunds).as("credit refunds").isEqualTo(1);
        assertThat(credits(pack)).isEqualTo(3);
        assertThat(ledgerSum(pack)).isEqualTo(3);
        assertThat(booked(session.id())).isEqualTo(bookedBefore - 1);
        HardeningSummary.invariant("cancel: one refund of " + REPEATS + " cancels");
        if (refunds > 1) {
            HardeningSummary.duplicate("credit refunded " + refunds + " times for appointment " + id);
        }
    }

    /** The same reschedule ten times at once: one move, one place taken in the new class and one given back. */
    @Test
    void theSameRescheduleSentManyTimesMovesOnce() throws Exception {
        UUID customer = customerWithCredits(2);
        String token = token(customer);
        Session from = vinyasaAfter(Duration.ofDays(4));
        Session to = jdbc.sql("""
                SELECT id, starts_at, staff_id FROM tenant_serenity.class_sessions
                 WHERE service_id = ? AND staff_id = ? AND status = 'SCHEDULED' AND starts_at > ? AND booked_count < capacity
                 ORDER BY starts_at LIMIT 1
                """).params(VINYASA, from.staffId(), Timestamp.from(from.startsAt()))
                .query((rs, n) -> new Session(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getObject(3, UUID.class)))
                .single();
        String id = book(token, from.startsAt()).json().path("id").asString();
        int fromBooked = booked(from.id());
        int toBooked = booked(to.id());

        List<StudioHttp.Response> answers = race(REPEATS, () -> http.json("POST", SERENITY,
                "/api/client-portal/appointments/" + id + "/reschedule", token,
                "{\"startsAt\":\"" + to.startsAt().atZone(DUBAI).toOffsetDateTime() + "\"}"));

        assertThat(statuses(answers)).filteredOn(s -> s == 200).hasSize(1);
        // The losers find the booking already where they asked to move it (400 naming startsAt) or the class changed under them (409).
        assertThat(answers).filteredOn(a -> a.status() != 200).hasSize(REPEATS - 1).allSatisfy(answer -> {
            assertThat(answer.status()).isIn(400, 409);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        });
        assertThat(jdbc.sql("SELECT reschedule_count FROM tenant_serenity.appointments WHERE id = ?").param(UUID.fromString(id))
                .query(Integer.class).single()).as("moves").isEqualTo(1);
        assertThat(booked(from.id())).isEqualTo(fromBooked - 1);
        assertThat(booked(to.id())).isEqualTo(toBooked + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE action = 'appointment.rescheduled' AND target_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(1);
        HardeningSummary.invariant("reschedule: one move of " + REPEATS);
    }

    /**
     * Stripe delivers the same "payment succeeded" event ten times at once: the payment changes state once,
     * the package is granted once, one receipt.
     */
    @Test
    void theSameWebhookDeliveredManyTimesGrantsOnce() throws Exception {
        WireMockServer stripe = enableStripe();
        try {
            stripe.stubFor(post("/v1/payment_intents").willReturn(stripeJson(200, intent("pi_burst_1", 95000, "requires_payment_method", null))));
            UUID customer = newCustomer();
            StudioHttp.Response started = http.json("POST", SERENITY, "/api/client-portal/packages/purchase", token(customer),
                    "{\"productId\":\"" + TEN_CLASS_PACK + "\"}");
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            String paymentId = started.json().path("paymentId").asString();
            String event = event("evt_burst_" + UUID.randomUUID(), "payment_intent.succeeded",
                    intent("pi_burst_1", 95000, "succeeded", paymentId));

            List<StudioHttp.Response> answers = race(REPEATS, () -> http.post(SERENITY, "/api/webhooks/payments/pay-stripe", event,
                    "Stripe-Signature", signature(event)));

            assertThat(statuses(answers)).containsOnly(200);
            assertThat(answers).extracting(a -> a.json().path("status").asString())
                    .containsOnlyOnce("processed").containsOnly("processed", "duplicate");
            long grants = jdbc.sql("SELECT count(*) FROM tenant_serenity.customer_packages WHERE payment_id = ?")
                    .param(UUID.fromString(paymentId)).query(Long.class).single();
            assertThat(grants).as("packages granted").isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE action = 'payment.succeeded' AND target_id = ?")
                    .param(paymentId).query(Long.class).single()).as("state changes").isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.payment_events WHERE provider_event_id = (cast(? AS jsonb) ->> 'id')")
                    .param(event).query(Long.class).single()).isEqualTo(1);
            assertThat(http.json("GET", SERENITY, "/api/client-portal/receipts", token(customer), null).json().path("items"))
                    .as("receipts").hasSize(1);
            UUID pack = jdbc.sql("SELECT id FROM tenant_serenity.customer_packages WHERE payment_id = ?")
                    .param(UUID.fromString(paymentId)).query(UUID.class).single();
            assertThat(credits(pack)).isEqualTo(10).isEqualTo(ledgerSum(pack));
            HardeningSummary.invariant("webhook: one grant of " + REPEATS + " deliveries");
            if (grants > 1) {
                HardeningSummary.duplicate("package granted " + grants + " times for payment " + paymentId);
            }
        } finally {
            disableStripe(stripe);
        }
    }

    /** The owner approves the same waiting refund ten times at once: one approval, one refund at Stripe. */
    @Test
    void aRefundApprovedManyTimesAtOnceRefundsOnce() throws Exception {
        WireMockServer stripe = enableStripe();
        configure("policy-standard", true, Map.of("refundApproval", "manual"));
        try {
            stripe.stubFor(post("/v1/payment_intents").willReturn(stripeJson(200, intent("pi_burst_2", 12000, "requires_payment_method", null))));
            stripe.stubFor(post("/v1/refunds").willReturn(stripeJson(200, """
                    {"id": "re_burst_2", "object": "refund", "amount": 12000, "created": 1767225600, "currency": "aed",
                     "metadata": {}, "payment_intent": "pi_burst_2", "reason": "requested_by_customer", "status": "succeeded"}
                    """)));
            UUID customer = newCustomer();
            StudioHttp.Response booked = http.json("POST", SERENITY, "/api/client-portal/appointments", token(customer),
                    "{\"serviceId\":\"" + VINYASA + "\",\"startsAt\":\"" + vinyasaAfter(Duration.ofDays(5)).startsAt().atZone(DUBAI).toOffsetDateTime()
                            + "\",\"payWith\":\"pay_per_visit\"}");
            assertThat(booked.status()).as(booked.body()).isEqualTo(201);
            String paymentId = booked.json().path("checkout").path("paymentId").asString();
            String paid = event("evt_burst_paid_" + UUID.randomUUID(), "payment_intent.succeeded", intent("pi_burst_2", 12000, "succeeded", paymentId));
            assertThat(http.post(SERENITY, "/api/webhooks/payments/pay-stripe", paid, "Stripe-Signature", signature(paid)).status()).isEqualTo(200);
            StudioHttp.Response cancelled = http.json("POST", SERENITY, "/api/client-portal/appointments/"
                    + booked.json().path("id").asString() + "/cancel", token(customer), "{}");
            assertThat(cancelled.json().path("creditOutcome").asString()).isEqualTo("MANUAL_REVIEW");
            String owner = http.adminToken(SERENITY, "owner@serenity.example", "serenity-demo");

            List<StudioHttp.Response> answers = race(REPEATS,
                    () -> http.json("POST", SERENITY, "/api/admin/payments/" + paymentId + "/refund", owner, null));

            assertThat(statuses(answers)).filteredOn(s -> s == 200).hasSize(1);
            assertThat(answers).filteredOn(a -> a.status() != 200).hasSize(REPEATS - 1).allSatisfy(answer -> {
                assertThat(answer.status()).isEqualTo(409);
                assertThat(answer.json().path("code").asString()).isEqualTo("NO_REFUND_PENDING");
            });
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                    "SELECT status || '/' || refund_status FROM tenant_serenity.payments WHERE id = ?").param(UUID.fromString(paymentId))
                    .query(String.class).single()).isEqualTo("REFUNDED/REFUNDED"));
            // Give a second refund every chance to happen: none does.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> stripe.countRequestsMatching(postRequestedFor(urlEqualTo("/v1/refunds")).build()).getCount() == 1);
            for (String action : List.of("admin.refund_approved", "payment.refund_requested", "payment.refunded")) {
                assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE action = ? AND target_id = ?")
                        .params(action, paymentId).query(Long.class).single()).as(action).isEqualTo(1);
            }
            HardeningSummary.invariant("refund: one refund of " + REPEATS + " approvals");
        } finally {
            configure("policy-standard", true, Map.of());
            disableStripe(stripe);
        }
    }

    // --- invariants ---

    /**
     * What must hold in serenity's schema whatever ran before: no class over capacity or below zero, each class's count
     * equal to its live bookings, each package's balance equal to its ledger and never negative.
     */
    void assertStudioInvariants() {
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.class_sessions WHERE booked_count > capacity OR booked_count < 0")
                .query(Long.class).single()).as("classes over capacity or below zero").isZero();
        HardeningSummary.invariant("capacity: no class over capacity (SQL)");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM tenant_serenity.class_sessions s
                 WHERE s.booked_count <> (SELECT count(*) FROM tenant_serenity.appointments a
                                           WHERE a.class_session_id = s.id AND a.status IN ('BOOKED', 'PENDING_PAYMENT'))
                   AND EXISTS (SELECT 1 FROM tenant_serenity.appointments a WHERE a.class_session_id = s.id AND a.customer_id IN
                               (SELECT id FROM tenant_serenity.customers WHERE email LIKE 'burst-%'))
                """).query(Long.class).single()).as("classes whose count differs from their live bookings").isZero();
        HardeningSummary.invariant("capacity: count equals live bookings (SQL)");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.customer_packages WHERE credits_remaining < 0")
                .query(Long.class).single()).as("negative balances").isZero();
        HardeningSummary.invariant("credits: never negative (SQL)");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM tenant_serenity.customer_packages p
                 WHERE p.credits_remaining <> (SELECT coalesce(sum(delta), 0) FROM tenant_serenity.credit_ledger l WHERE l.customer_package_id = p.id)
                """).query(Long.class).single()).as("packages whose balance is not their ledger's sum").isZero();
        HardeningSummary.invariant("credits: balance equals ledger sum (SQL)");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM (SELECT appointment_id FROM tenant_serenity.credit_ledger
                 WHERE reason = 'CANCEL_REFUND' GROUP BY appointment_id HAVING count(*) > 1) twice
                """).query(Long.class).single()).as("appointments refunded twice").isZero();
        HardeningSummary.invariant("credits: one refund per appointment (SQL)");
    }

    // --- helpers ---

    record Session(UUID id, Instant startsAt, UUID staffId) {}

    private static List<StudioHttp.Response> race(int times, Callable<StudioHttp.Response> attempt) throws Exception {
        List<Callable<StudioHttp.Response>> attempts = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            attempts.add(attempt);
        }
        return race(attempts);
    }

    /** Starts every attempt on its own virtual thread, releases them together, and returns every answer. */
    private static List<StudioHttp.Response> race(List<Callable<StudioHttp.Response>> attempts) throws Exception {
        CountDownLatch ready = new CountDownLatch(attempts.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<StudioHttp.Response>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Callable<StudioHttp.Response> attempt : attempts) {
                results.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return attempt.call();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).as("all racers ready").isTrue();
            go.countDown();
            List<StudioHttp.Response> answers = new ArrayList<>();
            for (Future<StudioHttp.Response> result : results) {
                answers.add(result.get(60, TimeUnit.SECONDS));
            }
            answers.forEach(answer -> {
                assertThat(answer.status()).as("no server error: " + answer.body()).isLessThan(500);
                assertThat(answer.body()).doesNotContain("Exception", "at dev.portico");
            });
            return answers;
        }
    }

    private static List<Integer> statuses(List<StudioHttp.Response> answers) {
        return answers.stream().map(StudioHttp.Response::status).toList();
    }

    private StudioHttp.Response book(String token, Instant startsAt) {
        return http.json("POST", SERENITY, "/api/client-portal/appointments", token, "{\"serviceId\":\"" + VINYASA + "\",\"startsAt\":\""
                + startsAt.atZone(DUBAI).toOffsetDateTime() + "\",\"payWith\":\"credits\"}");
    }

    private String token(UUID customer) {
        return tokens.issue(Audience.CUSTOMER, "serenity", customer.toString(), Duration.ofMinutes(15), Map.of("role", "CUSTOMER")).value();
    }

    private UUID newCustomer() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenant_serenity.customers (id, first_name, last_name, email, timezone) VALUES (?, 'Burst', 'Tester', ?, 'Asia/Dubai')")
                .params(id, "burst-" + id + "@example.com").update();
        return id;
    }

    /** A new customer holding a fresh package of {@code credits}, granted through the ledger. */
    private UUID customerWithCredits(int credits) {
        UUID id = newCustomer();
        UUID pack = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO tenant_serenity.customer_packages (id, customer_id, name, credits_total, credits_remaining, purchased_at, expires_at)
                VALUES (?, ?, 'Burst pack', ?, ?, now(), now() + interval '60 days')
                """).params(pack, id, credits, credits).update();
        jdbc.sql("INSERT INTO tenant_serenity.credit_ledger (customer_package_id, customer_id, delta, reason, actor) VALUES (?, ?, ?, 'GRANT', 'test')")
                .params(pack, id, credits).update();
        return id;
    }

    private UUID packageOf(UUID customer) {
        return jdbc.sql("SELECT id FROM tenant_serenity.customer_packages WHERE customer_id = ?").param(customer).query(UUID.class).single();
    }

    private Session vinyasaAfter(Duration after) {
        return jdbc.sql("""
                SELECT id, starts_at, staff_id FROM tenant_serenity.class_sessions
                 WHERE service_id = ? AND status = 'SCHEDULED' AND starts_at > ? AND booked_count < capacity
                 ORDER BY starts_at LIMIT 1
                """).params(VINYASA, Timestamp.from(Instant.now().plus(after)))
                .query((rs, n) -> new Session(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getObject(3, UUID.class)))
                .single();
    }

    private int booked(UUID session) {
        return jdbc.sql("SELECT booked_count FROM tenant_serenity.class_sessions WHERE id = ?").param(session).query(Integer.class).single();
    }

    private int capacity(UUID session) {
        return jdbc.sql("SELECT capacity FROM tenant_serenity.class_sessions WHERE id = ?").param(session).query(Integer.class).single();
    }

    private long liveBookings(UUID session) {
        return jdbc.sql("SELECT count(*) FROM tenant_serenity.appointments WHERE class_session_id = ? AND status IN ('BOOKED', 'PENDING_PAYMENT')")
                .param(session).query(Long.class).single();
    }

    private int credits(UUID pack) {
        return jdbc.sql("SELECT credits_remaining FROM tenant_serenity.customer_packages WHERE id = ?").param(pack).query(Integer.class).single();
    }

    private int ledgerSum(UUID pack) {
        return jdbc.sql("SELECT coalesce(sum(delta), 0) FROM tenant_serenity.credit_ledger WHERE customer_package_id = ?")
                .param(pack).query(Integer.class).single();
    }

    private WireMockServer enableStripe() {
        WireMockServer stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
        configure("pay-stripe", true, Map.of("secretKey", "sk_test_portico", "webhookSecret", WEBHOOK_SECRET, "mode", "payment_intent",
                "apiBaseUrl", "http://127.0.0.1:" + stripe.port()));
        return stripe;
    }

    private void disableStripe(WireMockServer stripe) {
        configure("pay-stripe", false, Map.of());
        stripe.stop();
    }

    private void configure(String plugin, boolean enabled, Map<String, String> settings) {
        TenantContext.runAs(registry.findBySlug("serenity").orElseThrow(),
                () -> plugins.configure(plugin, enabled, settings, Actor.system("test")));
    }

    static String signature(String body) {
        return StripeWebhooks.signature(WEBHOOK_SECRET, body);
    }

    static String event(String id, String type, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "2026-07-29.dahlia", "created": %d, "data": {"object": %s},
                 "livemode": false, "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null}, "type": "%s"}
                """.formatted(id, Instant.now().getEpochSecond(), object.strip(), type);
    }

    static String intent(String id, long amount, String status, String paymentId) {
        return """
                {"id": "%1$s", "object": "payment_intent", "amount": %2$d, "amount_received": %3$d, "client_secret": "%1$s_secret_abc",
                 "created": 1767225600, "currency": "aed", "description": "Portico", "latest_charge": null, "livemode": false,
                 "metadata": %4$s, "payment_method_types": ["card"], "status": "%5$s"}
                """.formatted(id, amount, "succeeded".equals(status) ? amount : 0,
                paymentId == null ? "{}" : "{\"paymentId\": \"" + paymentId + "\", \"tenant\": \"serenity\"}", status);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder stripeJson(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withHeader("Request-Id", "req_test").withBody(body);
    }
}
