package dev.portico.booking;

import static dev.portico.booking.BookingFixtures.IRONWORKS_HIIT;
import static dev.portico.booking.BookingFixtures.MAYA_IN_SIX_DAYS;
import static dev.portico.booking.BookingFixtures.MAYA_IN_TWO_DAYS;
import static dev.portico.booking.BookingFixtures.MAYA_PACK;
import static dev.portico.booking.BookingFixtures.MAYA_SERENITY;
import static dev.portico.booking.BookingFixtures.MAYA_SOON;
import static dev.portico.booking.BookingFixtures.PRIVATE_SESSION;
import static dev.portico.booking.BookingFixtures.SAM_HIIT_SOON;
import static dev.portico.booking.BookingFixtures.SAM_IRONWORKS;
import static dev.portico.booking.BookingFixtures.VINYASA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.security.AccessTokens;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.MutableClock;
import dev.portico.support.StudioHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Booking, cancelling and rescheduling over HTTP against the demo studios, with the clock ours to move. */
@DemoStudiosTest
@Import(MutableClock.Config.class)
class BookingIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String IRONWORKS = "ironworks.localhost";
    static final ZoneId DUBAI = ZoneId.of("Asia/Dubai");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens tokens;

    @Autowired
    MutableClock clock;

    StudioHttp http;
    BookingFixtures fixtures;
    String maya;

    @BeforeEach
    void setUp() {
        http = new StudioHttp(port);
        fixtures = new BookingFixtures(jdbc, tokens);
        maya = fixtures.token("serenity", MAYA_SERENITY);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void mayasDay() {
        // Her upcoming list says what each action would do, before she does it.
        JsonNode upcoming = get(SERENITY, "/api/client-portal/appointments?status=upcoming", maya).json().path("items");
        JsonNode soon = find(upcoming, MAYA_SOON);
        JsonNode nextWeek = find(upcoming, MAYA_IN_SIX_DAYS);
        assertThat(soon.path("actions").path("cancel").path("allowed").asBoolean()).isFalse();
        assertThat(soon.path("actions").path("cancel").path("message").asString())
                .isEqualTo("Contact the studio to cancel within 12 hours of the class.");
        assertThat(nextWeek.path("actions").path("cancel").path("allowed").asBoolean()).isTrue();
        assertThat(nextWeek.path("actions").path("cancel").path("creditOutcome").asString()).isEqualTo("REFUNDED");
        assertThat(nextWeek.path("startsAt").asString()).endsWith("+04:00");
        int credits = fixtures.credits(MAYA_PACK);

        // She cancels next week's class and gets the credit back.
        StudioHttp.Response cancelled = post(SERENITY, "/api/client-portal/appointments/" + MAYA_IN_SIX_DAYS + "/cancel", maya, "{\"reason\":\"travel\"}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("creditOutcome").asString()).isEqualTo("REFUNDED");
        assertThat(cancelled.json().path("appointment").path("status").asString()).isEqualTo("CANCELLED");
        assertThat(fixtures.credits(MAYA_PACK)).isEqualTo(credits + 1);

        // She is refused, with the sentence, for the class in three hours.
        StudioHttp.Response refused = post(SERENITY, "/api/client-portal/appointments/" + MAYA_SOON + "/cancel", maya, "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("code").asString()).isEqualTo("CANCEL_WINDOW_PASSED");
        assertThat(refused.json().path("detail").asString()).isEqualTo("Contact the studio to cancel within 12 hours of the class.");

        // She moves another class to a free slot of the same service; the credit stays where it was.
        JsonNode twoDays = get(SERENITY, "/api/client-portal/appointments/" + MAYA_IN_TWO_DAYS, maya).json();
        JsonNode options = get(SERENITY, "/api/client-portal/availability?appointmentId=" + MAYA_IN_TWO_DAYS
                + "&from=" + enc(OffsetDateTime.now(DUBAI).plusDays(3)) + "&to=" + enc(OffsetDateTime.now(DUBAI).plusDays(10)), maya).json().path("items");
        assertThat(options).isNotEmpty();
        assertThat(options).allSatisfy(slot -> assertThat(slot.path("staff").path("id").asString())
                .isEqualTo(twoDays.path("staff").path("id").asString()));
        String newStart = options.get(0).path("startsAt").asString();
        StudioHttp.Response moved = post(SERENITY, "/api/client-portal/appointments/" + MAYA_IN_TWO_DAYS + "/reschedule", maya,
                "{\"startsAt\":\"" + newStart + "\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(OffsetDateTime.parse(moved.json().path("startsAt").asString()).toInstant()).isEqualTo(OffsetDateTime.parse(newStart).toInstant());
        assertThat(moved.json().path("rescheduleCount").asInt()).isEqualTo(1);
        assertThat(fixtures.credits(MAYA_PACK)).isEqualTo(credits + 1);

        // She books a new class with a credit.
        BookingFixtures.Session session = fixtures.vinyasaAfter(Duration.ofDays(8));
        StudioHttp.Response booked = book(SERENITY, maya, VINYASA, session.startsAt(), "credits");
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        assertThat(booked.json().path("payment").path("kind").asString()).isEqualTo("CREDIT");
        assertThat(booked.json().path("payment").path("packageId").asString()).isEqualTo(MAYA_PACK.toString());
        assertThat(fixtures.credits(MAYA_PACK)).isEqualTo(credits);
        assertThat(fixtures.booked(session.id())).isEqualTo(session.booked() + 1);

        // And sees every movement in her package's ledger.
        JsonNode pack = find(get(SERENITY, "/api/client-portal/packages", maya).json().path("items"), MAYA_PACK);
        assertThat(pack.path("creditsRemaining").asInt()).isEqualTo(credits);
        List<String> movements = new ArrayList<>();
        pack.path("ledger").forEach(entry -> movements.add(entry.path("reason").asString() + ":" + entry.path("appointmentId").asString("")));
        assertThat(movements).contains("CANCEL_REFUND:" + MAYA_IN_SIX_DAYS, "BOOKING:" + booked.json().path("id").asString());
        assertThat(fixtures.ledgerSum(MAYA_PACK)).isEqualTo(fixtures.credits(MAYA_PACK));
    }

    @Test
    void cancellingTwiceGivesTheCreditBackOnce() throws Exception {
        UUID customer = fixtures.customerWithCredits(3);
        String token = fixtures.token("serenity", customer);
        BookingFixtures.Session session = fixtures.vinyasaAfter(Duration.ofDays(2));
        String id = book(SERENITY, token, VINYASA, session.startsAt(), "credits").json().path("id").asString();
        UUID pack = packageOf(customer);

        List<Integer> statuses = race(6, () -> post(SERENITY, "/api/client-portal/appointments/" + id + "/cancel", token, "{}").status());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(5);
        assertThat(fixtures.credits(pack)).isEqualTo(3);
        assertThat(fixtures.ledgerSum(pack)).isEqualTo(3);
        assertThat(fixtures.booked(session.id())).isEqualTo(session.booked());
    }

    @Test
    void theLastPlaceGoesToExactlyOneOfManyRacingCustomers() throws Exception {
        BookingFixtures.Session session = fixtures.vinyasaAfter(Duration.ofDays(9));
        jdbc.sql("UPDATE tenant_serenity.class_sessions SET capacity = booked_count + 1 WHERE id = ?").param(session.id()).update();
        List<String> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(fixtures.token("serenity", fixtures.customerWithCredits(2)));
        }
        List<Callable<Integer>> attempts = racers.stream()
                .<Callable<Integer>>map(token -> () -> book(SERENITY, token, VINYASA, session.startsAt(), "credits").status()).toList();

        List<Integer> statuses = race(attempts);

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        int booked = fixtures.booked(session.id());
        assertThat(booked).isEqualTo(jdbc.sql("SELECT capacity FROM tenant_serenity.class_sessions WHERE id = ?")
                .param(session.id()).query(Integer.class).single());
    }

    @Test
    void theLastCreditPaysForExactlyOneOfTwoRacingBookings() throws Exception {
        UUID customer = fixtures.customerWithCredits(1);
        String token = fixtures.token("serenity", customer);
        BookingFixtures.Session first = fixtures.vinyasaAfter(Duration.ofDays(3));
        BookingFixtures.Session second = fixtures.vinyasaAfter(Duration.between(Instant.now(), first.startsAt()).plusMinutes(1));
        UUID pack = packageOf(customer);

        List<Integer> statuses = race(List.of(
                () -> book(SERENITY, token, VINYASA, first.startsAt(), "credits").status(),
                () -> book(SERENITY, token, VINYASA, second.startsAt(), "credits").status()));

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertThat(fixtures.credits(pack)).isZero();
        assertThat(fixtures.ledgerSum(pack)).isZero();
        StudioHttp.Response third = book(SERENITY, token, VINYASA, fixtures.vinyasaAfter(Duration.ofDays(12)).startsAt(), "credits");
        assertThat(third.json().path("code").asString()).isEqualTo("NO_CREDITS");
    }

    @Test
    void termsAreFrozenWhenBookingAndWindowsHoldToTheSecond() {
        UUID customer = fixtures.customerWithCredits(2);
        String token = fixtures.token("serenity", customer);
        BookingFixtures.Session session = fixtures.vinyasaAfter(Duration.ofDays(4));
        String id = book(SERENITY, token, VINYASA, session.startsAt(), "credits").json().path("id").asString();
        // The studio then lengthens this service's window to 48 hours; the booking keeps its 12.
        jdbc.sql("UPDATE tenant_serenity.services SET cancel_window_minutes = 2880 WHERE id = ?").param(VINYASA).update();
        try {
            clock.advance(Duration.between(clock.instant(), session.startsAt()).minus(Duration.ofHours(12)).minusSeconds(1));
            // Tokens are checked against the moved clock too: take a fresh one "now".
            JsonNode outside = get(SERENITY, "/api/client-portal/appointments/" + id, fixtures.token("serenity", customer)).json();
            assertThat(outside.path("actions").path("cancel").path("allowed").asBoolean()).isTrue();

            clock.advance(Duration.ofSeconds(2));
            StudioHttp.Response inside = post(SERENITY, "/api/client-portal/appointments/" + id + "/cancel",
                    fixtures.token("serenity", customer), "{}");
            assertThat(inside.status()).isEqualTo(409);
            assertThat(inside.json().path("detail").asString()).contains("12 hours");
        } finally {
            jdbc.sql("UPDATE tenant_serenity.services SET cancel_window_minutes = NULL WHERE id = ?").param(VINYASA).update();
        }
    }

    @Test
    void aLateCancelAtIronworksForfeitsTheCredit() {
        String sam = fixtures.token("ironworks", SAM_IRONWORKS);
        UUID pack = jdbc.sql("SELECT customer_package_id FROM tenant_ironworks.appointments WHERE id = ?").param(SAM_HIIT_SOON)
                .query(UUID.class).single();
        int before = jdbc.sql("SELECT credits_remaining FROM tenant_ironworks.customer_packages WHERE id = ?").param(pack).query(Integer.class).single();

        StudioHttp.Response late = post(IRONWORKS, "/api/client-portal/appointments/" + SAM_HIIT_SOON + "/cancel", sam, "{}");

        assertThat(late.status()).isEqualTo(200);
        assertThat(late.json().path("creditOutcome").asString()).isEqualTo("FORFEITED");
        assertThat(late.json().path("appointment").path("status").asString()).isEqualTo("LATE_CANCELLED");
        assertThat(jdbc.sql("SELECT credits_remaining FROM tenant_ironworks.customer_packages WHERE id = ?").param(pack)
                .query(Integer.class).single()).isEqualTo(before);
    }

    @Test
    void aBookingMovesOnlyAsOftenAsThePolicyAllows() {
        String sam = fixtures.token("ironworks", SAM_IRONWORKS);
        JsonNode slots = get(IRONWORKS, "/api/client-portal/availability?serviceId=" + IRONWORKS_HIIT + "&from="
                + enc(OffsetDateTime.now().plusDays(2)) + "&to=" + enc(OffsetDateTime.now().plusDays(9)), sam).json().path("items");
        String id = book(IRONWORKS, sam, IRONWORKS_HIIT, OffsetDateTime.parse(slots.get(0).path("startsAt").asString()).toInstant(), "credits")
                .json().path("id").asString();

        StudioHttp.Response once = post(IRONWORKS, "/api/client-portal/appointments/" + id + "/reschedule", sam,
                "{\"startsAt\":\"" + slots.get(1).path("startsAt").asString() + "\"}");
        StudioHttp.Response twice = post(IRONWORKS, "/api/client-portal/appointments/" + id + "/reschedule", sam,
                "{\"startsAt\":\"" + slots.get(2).path("startsAt").asString() + "\"}");

        assertThat(once.status()).as(once.body()).isEqualTo(200);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("code").asString()).isEqualTo("RESCHEDULE_LIMIT_REACHED");
    }

    @Test
    void appointmentServicesAreBookedFromWorkingHours() {
        UUID customer = fixtures.customerWithCredits(1);
        String token = fixtures.token("serenity", customer);
        JsonNode slots = get(SERENITY, "/api/client-portal/availability?serviceId=" + PRIVATE_SESSION, token).json().path("items");
        assertThat(slots).isNotEmpty();
        String start = slots.get(0).path("startsAt").asString();

        StudioHttp.Response booked = book(SERENITY, token, PRIVATE_SESSION, OffsetDateTime.parse(start).toInstant(), "pay_per_visit");
        StudioHttp.Response again = book(SERENITY, fixtures.token("serenity", fixtures.customerWithCredits(1)), PRIVATE_SESSION,
                OffsetDateTime.parse(start).toInstant(), "pay_per_visit");

        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        assertThat(booked.json().path("payment").path("status").asString()).isEqualTo("DUE_AT_STUDIO");
        assertThat(again.status()).isEqualTo(409);
        JsonNode after = get(SERENITY, "/api/client-portal/availability?serviceId=" + PRIVATE_SESSION + "&staffId="
                + booked.json().path("staff").path("id").asString(), token).json().path("items");
        assertThat(after.toString()).doesNotContain("\"startsAt\":\"" + start + "\"");
    }

    @Test
    void otherCustomersAndOtherStudiosObjectsAreNotFound() {
        String stranger = fixtures.token("serenity", fixtures.customerWithCredits(1));

        assertThat(get(SERENITY, "/api/client-portal/appointments/" + MAYA_IN_TWO_DAYS, stranger).status()).isEqualTo(404);
        assertThat(post(SERENITY, "/api/client-portal/appointments/" + MAYA_IN_TWO_DAYS + "/cancel", stranger, "{}").status()).isEqualTo(404);
        assertThat(post(SERENITY, "/api/client-portal/appointments/" + MAYA_IN_TWO_DAYS + "/reschedule", stranger,
                "{\"startsAt\":\"2030-01-01T10:00:00+04:00\"}").status()).isEqualTo(404);
        assertThat(book(SERENITY, stranger, IRONWORKS_HIIT, Instant.now().plus(Duration.ofDays(2)), "credits").status()).isEqualTo(404);
        assertThat(get(SERENITY, "/api/client-portal/availability?serviceId=" + IRONWORKS_HIIT, stranger).status()).isEqualTo(404);
        assertThat(get(SERENITY, "/api/client-portal/appointments/" + UUID.randomUUID(), stranger).status()).isEqualTo(404);
        assertThat(get(SERENITY, "/api/client-portal/appointments/" + SAM_HIIT_SOON, stranger).status()).isEqualTo(404);
    }

    @Test
    void badInputNamesTheField() {
        String maya = fixtures.token("serenity", fixtures.customerWithCredits(1));
        BookingFixtures.Session session = fixtures.vinyasaAfter(Duration.ofDays(2));
        assertThat(field(book(SERENITY, maya, VINYASA, Instant.now().minus(Duration.ofHours(1)), "credits"))).isEqualTo("startsAt");
        assertThat(field(book(SERENITY, maya, VINYASA, session.startsAt().plusSeconds(7 * 60), "credits"))).isEqualTo("startsAt");
        assertThat(field(book(SERENITY, maya, VINYASA, session.startsAt(), "barter"))).isEqualTo("payWith");
        assertThat(field(post(SERENITY, "/api/client-portal/appointments", maya,
                "{\"serviceId\":\"" + VINYASA + "\",\"startsAt\":\"tomorrow\",\"payWith\":\"credits\"}"))).isEqualTo("startsAt");
        assertThat(field(post(SERENITY, "/api/client-portal/appointments", maya,
                "{\"serviceId\":\"not-a-uuid\",\"startsAt\":\"2030-01-01T10:00:00Z\",\"payWith\":\"credits\"}"))).isIn("serviceId", "");
        assertThat(field(get(SERENITY, "/api/client-portal/availability?serviceId=" + VINYASA
                + "&from=2030-01-10T00:00:00Z&to=2030-01-01T00:00:00Z", maya))).isEqualTo("to");
        assertThat(field(get(SERENITY, "/api/client-portal/availability?serviceId=" + VINYASA
                + "&from=2030-01-01T00:00:00Z&to=2030-03-01T00:00:00Z", maya))).isEqualTo("to");
        assertThat(field(get(SERENITY, "/api/client-portal/availability", maya))).isEqualTo("serviceId");
        assertThat(field(get(SERENITY, "/api/client-portal/availability?serviceId=banana", maya))).isEqualTo("serviceId");
        assertThat(field(get(SERENITY, "/api/client-portal/appointments?status=someday", maya))).isEqualTo("status");
        jdbc.sql("UPDATE tenant_serenity.services SET online_bookable = false, pay_per_visit_allowed = false WHERE id = ?").param(VINYASA).update();
        try {
            assertThat(field(book(SERENITY, maya, VINYASA, session.startsAt(), "credits"))).isEqualTo("serviceId");
            jdbc.sql("UPDATE tenant_serenity.services SET online_bookable = true WHERE id = ?").param(VINYASA).update();
            assertThat(field(book(SERENITY, maya, VINYASA, session.startsAt(), "pay_per_visit"))).isEqualTo("payWith");
        } finally {
            jdbc.sql("UPDATE tenant_serenity.services SET online_bookable = true, pay_per_visit_allowed = true WHERE id = ?").param(VINYASA).update();
        }
    }

    @Test
    void withNoPolicyRuleEnabledTheStudiosWindowsStillApply() {
        UUID ironworks = jdbc.sql("SELECT id FROM platform.tenants WHERE slug = 'serenity'").query(UUID.class).single();
        jdbc.sql("UPDATE platform.tenant_plugins SET enabled = false WHERE tenant_id = ? AND plugin_id = 'policy-standard'").param(ironworks).update();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                StudioHttp.Response refused = post(SERENITY, "/api/client-portal/appointments/" + MAYA_SOON + "/cancel", maya, "{}");
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.json().path("detail").asString()).isEqualTo("Contact the studio to cancel within 12 hours of the class.");
            });
        } finally {
            jdbc.sql("UPDATE platform.tenant_plugins SET enabled = true WHERE tenant_id = ? AND plugin_id = 'policy-standard'").param(ironworks).update();
        }
    }

    @Test
    void pastAppointmentsArePagedNewestFirst() {
        JsonNode first = get(SERENITY, "/api/client-portal/appointments?status=past&limit=3", maya).json();
        JsonNode second = get(SERENITY, "/api/client-portal/appointments?status=past&limit=3&cursor=" + first.path("nextCursor").asString(), maya).json();

        assertThat(first.path("items")).hasSize(3);
        assertThat(second.path("items")).isNotEmpty();
        List<Instant> starts = new ArrayList<>();
        first.path("items").forEach(i -> starts.add(OffsetDateTime.parse(i.path("startsAt").asString()).toInstant()));
        second.path("items").forEach(i -> starts.add(OffsetDateTime.parse(i.path("startsAt").asString()).toInstant()));
        assertThat(starts).isSortedAccordingTo(java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();
        assertThat(first.path("items").get(0).path("actions").path("cancel").path("allowed").asBoolean()).isFalse();
        assertThat(field(get(SERENITY, "/api/client-portal/appointments?status=past&cursor=%25%25", maya))).isEqualTo("cursor");
    }

    @Test
    void anExpiredPackageIsNeverUsed() {
        UUID customer = fixtures.customerWithCredits(5);
        jdbc.sql("UPDATE tenant_serenity.customer_packages SET purchased_at = now() - interval '90 days', expires_at = now() - interval '1 minute' WHERE customer_id = ?")
                .param(customer).update();

        StudioHttp.Response response = book(SERENITY, fixtures.token("serenity", customer), VINYASA,
                fixtures.vinyasaAfter(Duration.ofDays(2)).startsAt(), "credits");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().path("code").asString()).isEqualTo("NO_CREDITS");
        assertThat(get(SERENITY, "/api/client-portal/packages", fixtures.token("serenity", customer)).json()
                .path("items").get(0).path("status").asString()).isEqualTo("EXPIRED");
    }

    @Test
    void everyPackagesBalanceEqualsItsLedger() {
        for (String schema : List.of("tenant_serenity", "tenant_ironworks")) {
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM %s.customer_packages p
                     WHERE p.credits_remaining <> (SELECT coalesce(sum(delta), 0) FROM %1$s.credit_ledger l WHERE l.customer_package_id = p.id)
                    """.formatted(schema)).query(Long.class).single()).as(schema).isZero();
        }
    }

    private UUID packageOf(UUID customer) {
        return jdbc.sql("SELECT id FROM tenant_serenity.customer_packages WHERE customer_id = ?").param(customer).query(UUID.class).single();
    }

    private StudioHttp.Response book(String host, String token, UUID service, Instant startsAt, String payWith) {
        return post(host, "/api/client-portal/appointments", token,
                "{\"serviceId\":\"" + service + "\",\"startsAt\":\"" + startsAt.atZone(DUBAI).toOffsetDateTime() + "\",\"payWith\":\"" + payWith + "\"}");
    }

    private StudioHttp.Response get(String host, String path, String token) {
        return http.json("GET", host, path, token, null);
    }

    private StudioHttp.Response post(String host, String path, String token, String body) {
        return http.json("POST", host, path, token, body);
    }

    private static String enc(OffsetDateTime time) {
        return java.net.URLEncoder.encode(time.withNano(0).toString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JsonNode find(JsonNode items, UUID id) {
        for (JsonNode item : items) {
            if (item.path("id").asString().equals(id.toString())) {
                return item;
            }
        }
        throw new AssertionError(id + " not in " + items);
    }

    private static String field(StudioHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().path("errors").path(0).path("field").asString("");
    }

    private static List<Integer> race(int times, Callable<Integer> attempt) throws Exception {
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            attempts.add(attempt);
        }
        return race(attempts);
    }

    private static List<Integer> race(List<Callable<Integer>> attempts) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts.size())) {
            for (Callable<Integer> attempt : attempts) {
                results.add(pool.submit(() -> {
                    start.await();
                    return attempt.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        }
    }
}
