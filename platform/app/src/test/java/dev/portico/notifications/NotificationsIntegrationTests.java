package dev.portico.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** What customers are told, where, in which language, and that it arrives once. */
@DemoStudiosTest
@TestPropertySource(properties = {"portico.notifications.first-retry=1s", "portico.jobs.polling-interval=1s"})
class NotificationsIntegrationTests {

    static final UUID VINYASA = UUID.fromString("5e000003-0000-4000-8000-000000000001");
    static final UUID HIIT = UUID.fromString("1c000003-0000-4000-8000-000000000002");
    static final AtomicInteger PHONES = new AtomicInteger(1000);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens tokens;

    @Autowired
    TenantRegistry registry;

    @Autowired
    CustomerNotifications notifications;

    StudioHttp http;

    @BeforeEach
    void setUp() {
        http = new StudioHttp(port);
    }

    record Person(UUID id, String email, String phone, String token, String host, String schema) {}

    @Test
    void aCancellationReachesEveryOptedInChannelWithTheDetailsInLocalTime() {
        Person maya = customer("serenity", "en", 5);
        Instant start = nextSession("serenity", VINYASA, Duration.ofDays(3));
        String id = book(maya, VINYASA, start);

        http.json("POST", maya.host(), "/api/client-portal/appointments/" + id + "/cancel", maya.token(), "{}");

        JsonNode email = await().atMost(Duration.ofSeconds(15)).until(() -> newest(maya, maya.email(), "Cancelled"), n -> !n.isMissingNode());
        JsonNode sms = await().atMost(Duration.ofSeconds(15)).until(() -> newest(maya, maya.phone(), "ancel"), n -> !n.isMissingNode());
        String localTime = MessageTemplates.formatDateTime(start, ZoneId.of("Asia/Dubai"), java.util.Locale.ENGLISH);
        assertThat(email.path("body").asString()).contains("Vinyasa Flow", localTime, " with ");
        assertThat(sms.path("body").asString()).contains("Vinyasa Flow", " with ");
        assertThat(email.path("channel").asString()).isEqualTo("email");
        assertThat(sms.path("channel").asString()).isEqualTo("sms");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.outbound_messages WHERE customer_id = ? AND event = 'booking.cancelled'")
                .param(maya.id()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void afterTurningEmailOffOnlyTheSmsArrives() {
        Person person = customer("serenity", "en", 5);
        jdbc.sql("UPDATE tenant_serenity.customer_notification_preferences SET email_opt_in = false WHERE customer_id = ?").param(person.id()).update();
        String id = book(person, VINYASA, nextSession("serenity", VINYASA, Duration.ofDays(4)));

        http.json("POST", person.host(), "/api/client-portal/appointments/" + id + "/cancel", person.token(), "{}");

        await().atMost(Duration.ofSeconds(15)).until(() -> !newest(person, person.phone(), "").isMissingNode());
        assertThat(jdbc.sql("SELECT kind FROM tenant_serenity.outbound_messages WHERE customer_id = ? AND event = 'booking.cancelled'")
                .param(person.id()).query(String.class).list()).containsExactly("SMS");
    }

    @Test
    void aCustomerWhoReadsArabicGetsArabic() {
        Person person = customer("ironworks", "ar", 5);
        String id = book(person, HIIT, nextSession("ironworks", HIIT, Duration.ofDays(3)));

        http.json("POST", person.host(), "/api/client-portal/appointments/" + id + "/cancel", person.token(), "{}");

        JsonNode email = await().atMost(Duration.ofSeconds(15)).until(() -> newest(person, person.email(), ""), n -> !n.isMissingNode());
        assertThat(email.path("body").asString()).containsPattern("\\p{IsArabic}").contains("HIIT");
    }

    @Test
    void creditsLowIsSentOnceWhenThePackageReachesTheThreshold() {
        Person person = customer("serenity", "en", 3);
        book(person, VINYASA, nextSession("serenity", VINYASA, Duration.ofDays(2)));
        book(person, VINYASA, nextSession("serenity", VINYASA, Duration.ofDays(5)));

        assertThat(events(person, "credits.low")).isEqualTo(2);
    }

    @Test
    void expiringCreditsAreMentionedOncePerPackage() {
        Person person = customer("serenity", "en", 4);
        jdbc.sql("UPDATE tenant_serenity.customer_packages SET expires_at = now() + interval '3 days' WHERE customer_id = ?").param(person.id()).update();

        TenantContext.runAs(registry.findBySlug("serenity").orElseThrow(), () -> {
            notifications.expiringSoon();
            notifications.expiringSoon();
        });

        assertThat(events(person, "credits.expiring")).isEqualTo(2);
    }

    @Test
    void aReminderFollowsItsBookingWhenItMoves() {
        Person person = customer("serenity", "en", 5);
        Instant first = nextSession("serenity", VINYASA, Duration.ofDays(3));
        String id = book(person, VINYASA, first);
        assertThat(reminders(id)).containsExactly(first.minus(Duration.ofHours(24)));

        Instant second = nextSession("serenity", VINYASA, Duration.between(Instant.now(), first).plusHours(1));
        StudioHttp.Response moved = http.json("POST", person.host(), "/api/client-portal/appointments/" + id + "/reschedule", person.token(),
                "{\"startsAt\":\"" + second.atZone(ZoneId.of("Asia/Dubai")).toOffsetDateTime() + "\"}");

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(reminders(id)).containsExactly(second.minus(Duration.ofHours(24)));
        http.json("POST", person.host(), "/api/client-portal/appointments/" + id + "/cancel", person.token(), "{}");
        assertThat(reminders(id)).isEmpty();
    }

    @Test
    void aLoginIsAnnounced() {
        Person person = customer("serenity", "en", 1);
        TenantContext.runAs(registry.findBySlug("serenity").orElseThrow(), () -> notifications.on(
                new dev.portico.customers.CustomerLoggedIn("serenity", person.id(), "127.0.0.1", "test")));

        assertThat(events(person, "auth.login_succeeded")).isEqualTo(2);
    }

    // --- helpers ---

    private Person customer(String studio, String locale, int credits) {
        String schema = "tenant_" + studio;
        UUID id = UUID.randomUUID();
        String email = "notify-" + id + "@example.com";
        String phone = "+9715" + String.format("%08d", PHONES.incrementAndGet() + (int) (System.nanoTime() % 1000) * 10_000);
        jdbc.sql("INSERT INTO " + schema + ".customers (id, first_name, last_name, email, phone, timezone, locale) VALUES (?, 'Nora', 'Test', ?, ?, ?, ?)")
                .params(id, email, phone, studio.equals("serenity") ? "Asia/Dubai" : "Europe/London", locale).update();
        jdbc.sql("INSERT INTO " + schema + ".customer_notification_preferences (customer_id, email_opt_in, sms_opt_in, whatsapp_opt_in) VALUES (?, true, true, false)")
                .param(id).update();
        UUID pack = UUID.randomUUID();
        jdbc.sql("INSERT INTO " + schema + ".customer_packages (id, customer_id, name, credits_total, credits_remaining, purchased_at, expires_at) "
                + "VALUES (?, ?, 'Test pack', ?, ?, now(), now() + interval '60 days')").params(pack, id, credits, credits).update();
        jdbc.sql("INSERT INTO " + schema + ".credit_ledger (customer_package_id, customer_id, delta, reason, actor) VALUES (?, ?, ?, 'GRANT', 'test')")
                .params(pack, id, credits).update();
        String token = tokens.issue(Audience.CUSTOMER, studio, id.toString(), Duration.ofMinutes(15), Map.of("role", "CUSTOMER")).value();
        return new Person(id, email, phone, token, studio + ".localhost", schema);
    }

    private Instant nextSession(String studio, UUID service, Duration after) {
        return jdbc.sql("SELECT starts_at FROM tenant_" + studio + ".class_sessions WHERE service_id = ? AND status = 'SCHEDULED' "
                        + "AND starts_at > ? AND booked_count < capacity ORDER BY starts_at LIMIT 1")
                .params(service, Timestamp.from(Instant.now().plus(after))).query(Timestamp.class).single().toInstant();
    }

    private String book(Person person, UUID service, Instant start) {
        StudioHttp.Response response = http.json("POST", person.host(), "/api/client-portal/appointments", person.token(),
                "{\"serviceId\":\"" + service + "\",\"startsAt\":\"" + start.atZone(ZoneId.of("UTC")).toOffsetDateTime() + "\",\"payWith\":\"credits\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    private JsonNode newest(Person person, String to, String subjectContains) {
        for (JsonNode message : http.get(person.host(), "/api/dev/inbox?to=" + to.replace("+", "%2B")).json().path("items")) {
            if (message.path("subject").asString().contains(subjectContains) || message.path("body").asString().contains(subjectContains)) {
                return message;
            }
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }

    private long events(Person person, String event) {
        return jdbc.sql("SELECT count(*) FROM " + person.schema() + ".outbound_messages WHERE customer_id = ? AND event = ?")
                .params(person.id(), event).query(Long.class).single();
    }

    private java.util.List<Instant> reminders(String appointmentId) {
        return jdbc.sql("SELECT execution_time FROM platform.scheduled_tasks WHERE task_name = 'appointment-reminder' AND task_instance LIKE ?")
                .param("%" + appointmentId + "%").query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
    }
}
