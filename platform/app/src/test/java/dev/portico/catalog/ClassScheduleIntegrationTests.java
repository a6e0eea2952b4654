package dev.portico.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The class schedule over real HTTP: rules generate sessions in the studio's local time across daylight saving
 * without duplicates, rule edits spare booked sessions, and a cancelled session gives every booked customer
 * their credit back and a message.
 */
@DemoStudiosTest
class ClassScheduleIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String IRONWORKS = "ironworks.localhost";
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId DUBAI = ZoneId.of("Asia/Dubai");
    static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens tokens;

    @Autowired
    TenantRegistry registry;

    @Autowired
    ClassSchedule schedule;

    StudioHttp http;

    @BeforeEach
    void setUp() {
        http = new StudioHttp(port);
    }

    record Catalog(String host, String token, String service, String staff, String location) {}

    @Test
    void aRuleGeneratesTheNextFourWeeksAtItsLocalTime() {
        Catalog london = catalog(IRONWORKS, "ironworks");
        LocalDate today = LocalDate.now(LONDON);

        StudioHttp.Response created = rule(london, "[2, 4]", "18:00", today.toString(), null, null);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String rule = created.json().path("rule").path("id").asString();
        List<Instant> expected = new ArrayList<>();
        for (LocalDate day = today; !day.isAfter(today.plusDays(28)); day = day.plusDays(1)) {
            Instant start = day.atTime(18, 0).atZone(LONDON).toInstant();
            if ((day.getDayOfWeek() == DayOfWeek.TUESDAY || day.getDayOfWeek() == DayOfWeek.THURSDAY) && start.isAfter(Instant.now())) {
                expected.add(start);
            }
        }
        assertThat(created.json().path("sessions").path("created").asInt()).isEqualTo(expected.size());
        assertThat(starts("ironworks", rule)).containsExactlyElementsOf(expected);
        JsonNode listed = http.json("GET", IRONWORKS, "/api/admin/schedule/sessions?ruleId=" + rule + "&limit=200", london.token(), null).json();
        assertThat(listed.path("items").findValuesAsString("startsAt")).allMatch(start -> start.contains("T18:00:00"));
        assertThat(listed.path("items").findValues("booked")).extracting(JsonNode::asInt).containsOnly(0);
        assertThat(listed.path("items").get(0).path("serviceName").asString()).startsWith("Schedule test");
        assertThat(created.json().path("rule").path("generatedUntil").asString()).isEqualTo(today.plusDays(28).toString());
    }

    @Test
    void generationKeepsLocalTimeAcrossTheClocksChangingAndNeverDuplicates() {
        Catalog london = catalog(IRONWORKS, "ironworks");
        // British Summer Time starts on Sunday 28 March 2027: 18:00 is 18:00 UTC before, 17:00 UTC after.
        StudioHttp.Response created = rule(london, "[1, 2, 3, 4, 5, 6, 7]", "18:00", "2027-03-22", "2027-04-04", 6);
        String rule = created.json().path("rule").path("id").asString();
        assertThat(created.json().path("sessions").path("created").asInt()).isZero();

        int first = TenantContext.callAs(registry.findBySlug("ironworks").orElseThrow(),
                () -> schedule.topUp(Instant.parse("2027-03-15T12:00:00Z")));
        int second = TenantContext.callAs(registry.findBySlug("ironworks").orElseThrow(),
                () -> schedule.topUp(Instant.parse("2027-03-15T12:00:00Z")));

        assertThat(first).isGreaterThanOrEqualTo(14);
        assertThat(second).isZero();
        List<Instant> starts = starts("ironworks", rule);
        assertThat(starts).hasSize(14).doesNotHaveDuplicates();
        assertThat(starts).extracting(start -> start.atZone(LONDON).toLocalTime()).containsOnly(LocalTime.of(18, 0));
        assertThat(starts.getFirst()).isEqualTo(Instant.parse("2027-03-22T18:00:00Z"));
        assertThat(starts.get(5)).isEqualTo(Instant.parse("2027-03-27T18:00:00Z"));
        assertThat(starts.get(6)).isEqualTo(Instant.parse("2027-03-28T17:00:00Z"));
        assertThat(starts.getLast()).isEqualTo(Instant.parse("2027-04-04T17:00:00Z"));
        assertThat(jdbc.sql("SELECT DISTINCT capacity FROM tenant_ironworks.class_sessions WHERE rule_id = ?").param(UUID.fromString(rule))
                .query(Integer.class).list()).containsExactly(6);

        // Even when asked to start over, an existing session is never made twice.
        jdbc.sql("UPDATE tenant_ironworks.class_schedule_rules SET generated_until = NULL WHERE id = ?").param(UUID.fromString(rule)).update();
        int again = TenantContext.callAs(registry.findBySlug("ironworks").orElseThrow(),
                () -> schedule.topUp(Instant.parse("2027-03-15T12:00:00Z")));
        assertThat(again).isZero();
        assertThat(starts("ironworks", rule)).hasSize(14);
    }

    @Test
    void theTopUpIsADurableDailyJob() {
        assertThat(jdbc.sql("SELECT execution_time FROM platform.scheduled_tasks WHERE task_name = 'class-schedule-top-up'")
                .query(Timestamp.class).list()).singleElement()
                .satisfies(next -> assertThat(next.toInstant()).isBetween(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1))));
    }

    @Test
    void editingARuleMovesOnlyTheSessionsNobodyBooked() {
        Catalog studio = catalog(SERENITY, "serenity");
        LocalDate start = LocalDate.now(DUBAI).plusDays(2);
        StudioHttp.Response created = rule(studio, "[1, 2, 3, 4, 5, 6, 7]", "10:00", start.toString(), start.plusDays(6).toString(), null);
        String rule = created.json().path("rule").path("id").asString();
        List<Instant> before = starts("serenity", rule);
        assertThat(before).hasSize(7);
        Person booked = customer(2);
        book(booked, studio.service(), before.get(3));

        StudioHttp.Response moved = http.json("PUT", SERENITY, "/api/admin/schedule/" + rule, studio.token(), """
                {"serviceId": "%s", "staffId": "%s", "locationId": "%s", "weekdays": [1, 2, 3, 4, 5, 6, 7], "startTime": "11:30",
                 "from": "%s", "until": "%s", "version": %d}
                """.formatted(studio.service(), studio.staff(), studio.location(), start, start.plusDays(6),
                created.json().path("rule").path("version").asLong()));
        StudioHttp.Response stale = http.json("PUT", SERENITY, "/api/admin/schedule/" + rule, studio.token(), """
                {"serviceId": "%s", "staffId": "%s", "locationId": "%s", "weekdays": [1], "startTime": "07:00", "from": "%s", "version": %d}
                """.formatted(studio.service(), studio.staff(), studio.location(), start, created.json().path("rule").path("version").asLong()));

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().path("sessions").path("created").asInt()).isEqualTo(7);
        assertThat(moved.json().path("sessions").path("removed").asInt()).isEqualTo(6);
        assertThat(moved.json().path("sessions").path("keptWithBookings").asInt()).isEqualTo(1);
        List<Instant> after = starts("serenity", rule);
        assertThat(after).hasSize(8).contains(before.get(3));
        assertThat(after.stream().filter(s -> !s.equals(before.get(3))))
                .extracting(s -> s.atZone(DUBAI).toLocalTime()).containsOnly(LocalTime.of(11, 30));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("code").asString()).isEqualTo("VERSION_CONFLICT");
        assertThat(jdbc.sql("SELECT details::text FROM tenant_serenity.audit_logs WHERE action = 'schedule_rule.updated' AND target_id = ?")
                .param(rule).query(String.class).single()).contains("startTime", "10:00", "11:30", "keptWithBookings");
    }

    @Test
    void aSessionsCapacityNeverDropsBelowItsBookingsAndItsTimeStaysWhileBooked() {
        Catalog studio = catalog(SERENITY, "serenity");
        LocalDate day = LocalDate.now(DUBAI).plusDays(3);
        String rule = rule(studio, "[" + day.getDayOfWeek().getValue() + "]", "08:00", day.toString(), day.toString(), 5)
                .json().path("rule").path("id").asString();
        UUID session = sessionOf("serenity", rule);
        book(customer(1), studio.service(), starts("serenity", rule).getFirst());
        book(customer(1), studio.service(), starts("serenity", rule).getFirst());
        long version = sessionVersion(session);
        String newStaff = createStaff(studio);

        StudioHttp.Response belowBooked = patch(studio, session, "{\"capacity\": 1, \"version\": " + version + "}");
        StudioHttp.Response moveBooked = patch(studio, session,
                "{\"startsAt\": \"" + day.atTime(9, 0).atZone(DUBAI).toOffsetDateTime() + "\", \"version\": " + version + "}");
        StudioHttp.Response substitute = patch(studio, session, "{\"staffId\": \"" + newStaff + "\", \"capacity\": 2, \"version\": " + version + "}");
        StudioHttp.Response stale = patch(studio, session, "{\"capacity\": 4, \"version\": " + version + "}");

        assertThat(belowBooked.status()).isEqualTo(409);
        assertThat(belowBooked.json().path("code").asString()).isEqualTo("CAPACITY_BELOW_BOOKED");
        assertThat(moveBooked.status()).isEqualTo(409);
        assertThat(moveBooked.json().path("code").asString()).isEqualTo("SESSION_HAS_BOOKINGS");
        assertThat(substitute.status()).as(substitute.body()).isEqualTo(200);
        assertThat(substitute.json().path("capacity").asInt()).isEqualTo(2);
        assertThat(substitute.json().path("booked").asInt()).isEqualTo(2);
        assertThat(substitute.json().path("staffId").asString()).isEqualTo(newStaff);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("code").asString()).isEqualTo("VERSION_CONFLICT");
        // The bookings follow the substitute instructor.
        assertThat(jdbc.sql("SELECT DISTINCT staff_id FROM tenant_serenity.appointments WHERE class_session_id = ?").param(session)
                .query(UUID.class).list()).containsExactly(UUID.fromString(newStaff));
    }

    @Test
    void cancellingASessionReturnsEveryCreditMarksTheBookingsAndTellsEachCustomer() {
        Catalog studio = catalog(SERENITY, "serenity");
        LocalDate day = LocalDate.now(DUBAI).plusDays(4);
        String rule = rule(studio, "[" + day.getDayOfWeek().getValue() + "]", "19:00", day.toString(), day.toString(), null)
                .json().path("rule").path("id").asString();
        UUID session = sessionOf("serenity", rule);
        Instant startsAt = starts("serenity", rule).getFirst();
        Person nora = customer(3);
        Person rami = customer(1);
        String noraBooking = book(nora, studio.service(), startsAt);
        String ramiBooking = book(rami, studio.service(), startsAt);
        assertThat(credits(rami)).isZero();
        String desk = http.adminToken(SERENITY, "desk@serenity.example", "serenity-demo");

        StudioHttp.Response refused = http.json("POST", SERENITY, "/api/admin/schedule/sessions/" + session + "/cancel", desk, "{}");
        StudioHttp.Response cancelled = http.json("POST", SERENITY, "/api/admin/schedule/sessions/" + session + "/cancel", studio.token(),
                "{\"reason\": \"Our instructor is unwell.\"}");
        StudioHttp.Response twice = http.json("POST", SERENITY, "/api/admin/schedule/sessions/" + session + "/cancel", studio.token(), "{}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().path("booked").asInt()).isZero();
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("code").asString()).isEqualTo("SESSION_ALREADY_CANCELLED");
        for (Person person : List.of(nora, rami)) {
            assertThat(jdbc.sql("SELECT status FROM tenant_serenity.appointments WHERE customer_id = ?").param(person.id())
                    .query(String.class).single()).isEqualTo("CANCELLED");
            assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.credit_ledger WHERE customer_id = ? AND reason = 'CANCEL_REFUND' "
                    + "AND delta = 1 AND actor LIKE 'admin:%'").param(person.id()).query(Long.class).single()).isEqualTo(1);
            JsonNode message = await().atMost(Duration.ofSeconds(20)).until(() -> classCancelled(person), m -> !m.isMissingNode());
            assertThat(message.path("body").asString()).contains("Schedule test", "Our instructor is unwell.", "returned to you in full");
            assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.outbound_messages WHERE customer_id = ? AND event = 'session.cancelled'")
                    .param(person.id()).query(Long.class).single()).isEqualTo(1);
        }
        assertThat(credits(nora)).isEqualTo(3);
        assertThat(credits(rami)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT cancel_reason FROM tenant_serenity.appointments WHERE id = ?").param(UUID.fromString(noraBooking))
                .query(String.class).single()).isEqualTo("Our instructor is unwell.");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE action = 'appointment.cancelled_by_studio' "
                + "AND target_id IN (?, ?)").params(noraBooking, ramiBooking).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT details::text FROM tenant_serenity.audit_logs WHERE action = 'class_session.cancelled' AND target_id = ?")
                .param(session.toString()).query(String.class).single()).contains("\"booked\": 2", "Our instructor is unwell.");
    }

    @Test
    void aPaidVisitInACancelledSessionIsRefundedThroughThePaymentsRefund() {
        Catalog studio = catalog(SERENITY, "serenity");
        LocalDate day = LocalDate.now(DUBAI).plusDays(5);
        String rule = rule(studio, "[" + day.getDayOfWeek().getValue() + "]", "06:30", day.toString(), day.toString(), null)
                .json().path("rule").path("id").asString();
        UUID session = sessionOf("serenity", rule);
        Instant startsAt = starts("serenity", rule).getFirst();
        Person payer = customer(1);
        UUID appointment = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO tenant_serenity.appointments (id, customer_id, service_id, staff_id, location_id, class_session_id, starts_at,
                       ends_at, status, payment_kind, cancel_window_minutes, reschedule_window_minutes, late_cancel_policy, max_reschedules)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED', 'PAYMENT', 0, 0, 'DENY', 0)
                """).params(appointment, payer.id(), UUID.fromString(studio.service()), UUID.fromString(studio.staff()),
                UUID.fromString(studio.location()), session, Timestamp.from(startsAt), Timestamp.from(startsAt.plus(Duration.ofHours(1)))).update();
        jdbc.sql("""
                INSERT INTO tenant_serenity.payments (id, customer_id, provider, idempotency_key, purpose, amount_minor, currency, status,
                       description, appointment_id)
                VALUES (?, ?, 'pay-stripe', ?, 'PAY_PER_VISIT', 8000, 'AED', 'SUCCEEDED', 'Schedule test class', ?)
                """).params(payment, payer.id(), "test-" + payment, appointment).update();
        jdbc.sql("UPDATE tenant_serenity.class_sessions SET booked_count = 1 WHERE id = ?").param(session).update();

        StudioHttp.Response cancelled = http.json("POST", SERENITY, "/api/admin/schedule/sessions/" + session + "/cancel", studio.token(), null);

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT refund_status FROM tenant_serenity.payments WHERE id = ?").param(payment).query(String.class).single())
                .isIn("REQUESTED", "REFUNDED");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE action = 'payment.refund_requested' AND target_id = ?")
                .param(payment.toString()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM tenant_serenity.appointments WHERE id = ?").param(appointment).query(String.class).single())
                .isEqualTo("CANCELLED");
    }

    @Test
    void ruleInputIsValidatedAndConfinedToTheStudio() {
        Catalog studio = catalog(SERENITY, "serenity");
        UUID ironworksService = jdbc.sql("SELECT id FROM tenant_ironworks.services WHERE kind = 'CLASS' LIMIT 1").query(UUID.class).single();
        UUID privateSession = UUID.fromString("5e000003-0000-4000-8000-000000000005");
        UUID ironworksSession = jdbc.sql("SELECT id FROM tenant_ironworks.class_sessions LIMIT 1").query(UUID.class).single();

        StudioHttp.Response shape = http.json("POST", SERENITY, "/api/admin/schedule", studio.token(),
                "{\"weekdays\": [0, 8], \"startTime\": \"25:00\", \"from\": \"tomorrow\", \"capacity\": 0}");
        StudioHttp.Response meaning = http.json("POST", SERENITY, "/api/admin/schedule", studio.token(), """
                {"serviceId": "%s", "staffId": "%s", "locationId": "%s", "weekdays": [1], "startTime": "10:00",
                 "from": "2027-02-10", "until": "2027-02-01"}
                """.formatted(privateSession, UUID.randomUUID(), studio.location()));
        StudioHttp.Response otherStudiosService = http.json("POST", SERENITY, "/api/admin/schedule", studio.token(), """
                {"serviceId": "%s", "staffId": "%s", "locationId": "%s", "weekdays": [1], "startTime": "10:00", "from": "2027-02-10"}
                """.formatted(ironworksService, studio.staff(), studio.location()));
        StudioHttp.Response otherStudiosSession = http.json("GET", SERENITY, "/api/admin/schedule/sessions/" + ironworksSession,
                studio.token(), null);
        StudioHttp.Response otherHost = http.json("GET", IRONWORKS, "/api/admin/schedule/sessions", studio.token(), null);

        assertThat(shape.status()).isEqualTo(400);
        assertThat(shape.json().path("errors").findValuesAsString("field"))
                .contains("serviceId", "staffId", "locationId", "weekdays[0]", "weekdays[1]", "startTime", "from", "capacity");
        assertThat(meaning.status()).isEqualTo(400);
        assertThat(meaning.json().path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("until", "serviceId", "staffId");
        assertThat(otherStudiosService.status()).isEqualTo(400);
        assertThat(otherStudiosService.json().path("errors").findValuesAsString("field")).containsExactly("serviceId");
        assertThat(otherStudiosSession.status()).isEqualTo(404);
        assertThat(otherHost.status()).isEqualTo(401);
    }

    // --- helpers ---

    record Person(UUID id, String email, String token, UUID pack) {}

    /** A class service, an instructor and a location of our own in a studio, created through the API. */
    private Catalog catalog(String host, String slug) {
        String token = http.adminToken(host, "owner@" + slug + ".example", slug + "-demo");
        int n = NAMES.incrementAndGet();
        String location = http.json("POST", host, "/api/admin/locations", token, "{\"name\": \"Schedule test room " + n + "\"}")
                .json().path("id").asString();
        String staff = http.json("POST", host, "/api/admin/staff", token, "{\"firstName\": \"Coach\", \"lastName\": \"" + n + "\"}")
                .json().path("id").asString();
        StudioHttp.Response service = http.json("POST", host, "/api/admin/services", token, """
                {"name": "Schedule test %d", "kind": "CLASS", "durationMinutes": 50, "capacity": 8, "staffIds": ["%s"]}
                """.formatted(n, staff));
        assertThat(service.status()).as(service.body()).isEqualTo(201);
        return new Catalog(host, token, service.json().path("id").asString(), staff, location);
    }

    private String createStaff(Catalog studio) {
        return http.json("POST", studio.host(), "/api/admin/staff", studio.token(), "{\"firstName\": \"Substitute\"}").json().path("id").asString();
    }

    private StudioHttp.Response rule(Catalog c, String weekdays, String time, String from, String until, Integer capacity) {
        return http.json("POST", c.host(), "/api/admin/schedule", c.token(), """
                {"serviceId": "%s", "staffId": "%s", "locationId": "%s", "weekdays": %s, "startTime": "%s", "from": "%s",
                 "until": %s, "capacity": %s}
                """.formatted(c.service(), c.staff(), c.location(), weekdays, time, from, until == null ? "null" : "\"" + until + "\"",
                capacity == null ? "null" : capacity.toString()));
    }

    private StudioHttp.Response patch(Catalog c, UUID session, String body) {
        return http.json("PATCH", c.host(), "/api/admin/schedule/sessions/" + session, c.token(), body);
    }

    private List<Instant> starts(String slug, String rule) {
        return jdbc.sql("SELECT starts_at FROM tenant_" + slug + ".class_sessions WHERE rule_id = ? AND status = 'SCHEDULED' ORDER BY starts_at")
                .param(UUID.fromString(rule)).query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
    }

    private UUID sessionOf(String slug, String rule) {
        return jdbc.sql("SELECT id FROM tenant_" + slug + ".class_sessions WHERE rule_id = ? ORDER BY starts_at LIMIT 1")
                .param(UUID.fromString(rule)).query(UUID.class).single();
    }

    private long sessionVersion(UUID session) {
        return jdbc.sql("SELECT version FROM tenant_serenity.class_sessions WHERE id = ?").param(session).query(Long.class).single();
    }

    /** A serenity customer with a package of {@code credits}, who reads email. */
    private Person customer(int credits) {
        UUID id = UUID.randomUUID();
        String email = "schedule-" + id + "@example.com";
        jdbc.sql("INSERT INTO tenant_serenity.customers (id, first_name, last_name, email, timezone) VALUES (?, 'Nora', 'Test', ?, 'Asia/Dubai')")
                .params(id, email).update();
        jdbc.sql("INSERT INTO tenant_serenity.customer_notification_preferences (customer_id, email_opt_in, sms_opt_in) VALUES (?, true, false)")
                .param(id).update();
        UUID pack = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenant_serenity.customer_packages (id, customer_id, name, credits_total, credits_remaining, purchased_at, expires_at) "
                + "VALUES (?, ?, 'Test pack', ?, ?, now(), now() + interval '60 days')").params(pack, id, credits, credits).update();
        jdbc.sql("INSERT INTO tenant_serenity.credit_ledger (customer_package_id, customer_id, delta, reason, actor) VALUES (?, ?, ?, 'GRANT', 'test')")
                .params(pack, id, credits).update();
        String token = tokens.issue(Audience.CUSTOMER, "serenity", id.toString(), Duration.ofMinutes(15), Map.of("role", "CUSTOMER")).value();
        return new Person(id, email, token, pack);
    }

    private String book(Person person, String service, Instant start) {
        StudioHttp.Response response = http.json("POST", SERENITY, "/api/client-portal/appointments", person.token(),
                "{\"serviceId\":\"" + service + "\",\"startsAt\":\"" + ZonedDateTime.ofInstant(start, ZoneId.of("UTC")).toOffsetDateTime()
                        + "\",\"payWith\":\"credits\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    private int credits(Person person) {
        return jdbc.sql("SELECT credits_remaining FROM tenant_serenity.customer_packages WHERE id = ?").param(person.pack()).query(Integer.class).single();
    }

    private JsonNode classCancelled(Person person) {
        for (JsonNode message : http.get(SERENITY, "/api/dev/inbox?to=" + person.email()).json().path("items")) {
            if (message.path("subject").asString().startsWith("Class cancelled")) {
                return message;
            }
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }
}
