package dev.portico.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.portico.audit.Actor;
import dev.portico.plugins.TenantPlugins;
import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.MutableClock;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The providers behind the plugins fail: the channel provider is down and then slow, the payment provider is down.
 * The real plugins (notify-webhook, pay-stripe with stripe-java) talk to local stub servers; time is moved on the
 * app's clock, which the job runner follows, so retries and the hold's expiry come in seconds.
 *
 * <p>Runs in the same Spring context as {@code BookingIntegrationTests} (demo studios, the mutable clock).
 */
@DemoStudiosTest
@Import(MutableClock.Config.class)
@ExtendWith(HardeningSummary.class)
class ProviderFaultsIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final ZoneId DUBAI = ZoneId.of("Asia/Dubai");
    static final UUID VINYASA = UUID.fromString("5e000003-0000-4000-8000-000000000001");

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
    WireMockServer provider;

    @BeforeEach
    void setUp() {
        http = new StudioHttp(port);
        provider = new WireMockServer(options().dynamicPort());
        provider.start();
        clock.reset();
    }

    @AfterEach
    void tearDown() {
        provider.stop();
        clock.reset();
    }

    /**
     * The studio's message provider answers 500, then takes longer than the channel's timeout, then recovers: the
     * booking succeeds at once regardless, and its confirmation is retried and delivered exactly once, every attempt
     * under the same idempotency key.
     */
    @Test
    void aChannelProviderDownThenSlowDelaysTheConfirmationButNeverTheBookingAndNeverDuplicatesIt() {
        provider.stubFor(post("/hook").inScenario("provider").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("slow"));
        provider.stubFor(post("/hook").inScenario("provider").whenScenarioStateIs("slow")
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)).willSetStateTo("up"));
        provider.stubFor(post("/hook").inScenario("provider").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withHeader("X-Request-Id", "delivered-once")));
        configure("notify-dev-inbox", false, Map.of());
        configure("notify-webhook", true, Map.of("url", "http://127.0.0.1:" + provider.port() + "/hook",
                "signingSecret", "whsec-faults", "timeout", "PT1S"));
        try {
            UUID customer = customerWithCredits(2);
            Instant asked = Instant.now();
            StudioHttp.Response booked = http.json("POST", SERENITY, "/api/client-portal/appointments", token(customer),
                    "{\"serviceId\":\"" + VINYASA + "\",\"startsAt\":\"" + vinyasaAfter(Duration.ofDays(6)).atZone(DUBAI).toOffsetDateTime()
                            + "\",\"payWith\":\"credits\"}");

            assertThat(booked.status()).as(booked.body()).isEqualTo(201);
            assertThat(Duration.between(asked, Instant.now())).as("the booking does not wait for the provider").isLessThan(Duration.ofSeconds(5));
            HardeningSummary.fault("channel provider answers 500");
            UUID message = jdbc.sql("SELECT id FROM tenant_serenity.outbound_messages WHERE customer_id = ? AND event = 'booking.confirmed'")
                    .param(customer).query(UUID.class).single();

            await().atMost(Duration.ofSeconds(15)).until(() -> state(message).equals("RETRYING/1"));
            // The next attempt is due on the job runner's clock, 15 seconds on (first retry), then 30 (back-off).
            clock.advance(Duration.ofSeconds(20));
            HardeningSummary.fault("channel provider slower than the channel's timeout");
            await().atMost(Duration.ofSeconds(20)).until(() -> state(message).equals("RETRYING/2"));
            assertThat(jdbc.sql("SELECT last_error FROM tenant_serenity.outbound_messages WHERE id = ?").param(message)
                    .query(String.class).single()).contains("did not answer within");
            clock.advance(Duration.ofSeconds(40));
            await().atMost(Duration.ofSeconds(20)).until(() -> state(message).equals("SENT/3"));

            // Nothing more is sent, whatever the runner does next.
            clock.advance(Duration.ofMinutes(10));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> provider.countRequestsMatching(postRequestedFor(urlEqualTo("/hook")).build()).getCount() == 3);
            provider.verify(3, postRequestedFor(urlEqualTo("/hook")).withHeader("X-Portico-Event-Id", equalTo(message.toString())));
            long confirmations = jdbc.sql("SELECT count(*) FROM tenant_serenity.outbound_messages WHERE customer_id = ? AND event = 'booking.confirmed'")
                    .param(customer).query(Long.class).single();
            assertThat(confirmations).isEqualTo(1);
            assertThat(jdbc.sql("SELECT provider_message_id FROM tenant_serenity.outbound_messages WHERE id = ?").param(message)
                    .query(String.class).single()).isEqualTo("delivered-once");
            assertThat(jdbc.sql("SELECT status FROM tenant_serenity.appointments WHERE id = ?")
                    .param(UUID.fromString(booked.json().path("id").asString())).query(String.class).single()).isEqualTo("BOOKED");
            HardeningSummary.invariant("channel outage: booking stands, confirmation sent once under one key");
            if (confirmations != 1) {
                HardeningSummary.duplicate("booking confirmation queued " + confirmations + " times");
            }
        } finally {
            configure("notify-webhook", false, Map.of());
            configure("notify-dev-inbox", true, Map.of());
        }
    }

    /**
     * The payment provider cannot be reached when a customer books a pay-per-visit class: a clean 503 problem, the
     * place held only for the hold's 15 minutes, then released and the payment marked failed; nothing is booked.
     */
    @Test
    void aPaymentProviderDownAnswersCleanlyAndTheHeldPlaceIsReleased() {
        // A provider that is not there at all: connections are refused.
        int nobody = provider.port();
        provider.stop();
        configure("pay-stripe", true, Map.of("secretKey", "sk_test_portico", "webhookSecret", "whsec_faults", "mode", "payment_intent",
                "apiBaseUrl", "http://127.0.0.1:" + nobody));
        try {
            UUID customer = customerWithCredits(0);
            Instant startsAt = vinyasaAfter(Duration.ofDays(7));
            UUID session = jdbc.sql("SELECT id FROM tenant_serenity.class_sessions WHERE service_id = ? AND starts_at = ?")
                    .params(VINYASA, Timestamp.from(startsAt)).query(UUID.class).single();
            int before = booked(session);

            StudioHttp.Response answer = http.json("POST", SERENITY, "/api/client-portal/appointments", token(customer),
                    "{\"serviceId\":\"" + VINYASA + "\",\"startsAt\":\"" + startsAt.atZone(DUBAI).toOffsetDateTime() + "\",\"payWith\":\"pay_per_visit\"}");
            HardeningSummary.fault("payment provider unreachable");

            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asString()).isEqualTo("PAYMENT_PROVIDER_UNAVAILABLE");
            assertThat(answer.body()).doesNotContain("Exception", "at dev.portico", "127.0.0.1");
            assertThat(appointmentStatus(customer)).isEqualTo("PENDING_PAYMENT");
            assertThat(booked(session)).as("the place is held while the hold lasts").isEqualTo(before + 1);

            clock.advance(Duration.ofMinutes(16));

            await().atMost(Duration.ofSeconds(20)).until(() -> appointmentStatus(customer).equals("CANCELLED"));
            assertThat(booked(session)).as("the place is given back").isEqualTo(before);
            assertThat(jdbc.sql("SELECT status FROM tenant_serenity.payments WHERE customer_id = ?").param(customer)
                    .query(String.class).single()).isEqualTo("FAILED");
            assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE action = 'appointment.hold_released' AND customer_id = ?")
                    .param(customer).query(Long.class).single()).isEqualTo(1);
            HardeningSummary.invariant("payment outage: clean 503, hold released, nothing booked");
        } finally {
            configure("pay-stripe", false, Map.of());
        }
    }

    // --- helpers ---

    private String state(UUID message) {
        return jdbc.sql("SELECT status || '/' || attempts FROM tenant_serenity.outbound_messages WHERE id = ?").param(message)
                .query(String.class).single();
    }

    private String appointmentStatus(UUID customer) {
        return jdbc.sql("SELECT status FROM tenant_serenity.appointments WHERE customer_id = ?").param(customer).query(String.class).single();
    }

    private void configure(String plugin, boolean enabled, Map<String, String> settings) {
        TenantContext.runAs(registry.findBySlug("serenity").orElseThrow(),
                () -> plugins.configure(plugin, enabled, settings, Actor.system("test")));
    }

    private String token(UUID customer) {
        return tokens.issue(Audience.CUSTOMER, "serenity", customer.toString(), Duration.ofMinutes(15), Map.of("role", "CUSTOMER")).value();
    }

    private UUID customerWithCredits(int credits) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenant_serenity.customers (id, first_name, last_name, email, timezone) VALUES (?, 'Fault', 'Tester', ?, 'Asia/Dubai')")
                .params(id, "fault-" + id + "@example.com").update();
        if (credits > 0) {
            UUID pack = UUID.randomUUID();
            jdbc.sql("""
                    INSERT INTO tenant_serenity.customer_packages (id, customer_id, name, credits_total, credits_remaining, purchased_at, expires_at)
                    VALUES (?, ?, 'Fault pack', ?, ?, now(), now() + interval '60 days')
                    """).params(pack, id, credits, credits).update();
            jdbc.sql("INSERT INTO tenant_serenity.credit_ledger (customer_package_id, customer_id, delta, reason, actor) VALUES (?, ?, ?, 'GRANT', 'test')")
                    .params(pack, id, credits).update();
        }
        return id;
    }

    private Instant vinyasaAfter(Duration after) {
        return jdbc.sql("""
                SELECT starts_at FROM tenant_serenity.class_sessions
                 WHERE service_id = ? AND status = 'SCHEDULED' AND starts_at > ? AND booked_count < capacity ORDER BY starts_at LIMIT 1
                """).params(VINYASA, Timestamp.from(Instant.now().plus(after))).query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
    }

    private int booked(UUID session) {
        return jdbc.sql("SELECT booked_count FROM tenant_serenity.class_sessions WHERE id = ?").param(session).query(Integer.class).single();
    }
}
