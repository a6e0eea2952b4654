package dev.portico.booking;

import static dev.portico.booking.BookingFixtures.VINYASA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.security.AccessTokens;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Add-to-calendar files and private feeds that follow every change of a booking. */
@DemoStudiosTest
class CalendarIntegrationTests {

    static final String SERENITY = "serenity.localhost";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens tokens;

    StudioHttp http;
    BookingFixtures fixtures;

    @BeforeEach
    void setUp() {
        http = new StudioHttp(port);
        fixtures = new BookingFixtures(jdbc, tokens);
    }

    @Test
    void aBookingDownloadsAsAValidCalendarEvent() throws Exception {
        String token = fixtures.token("serenity", BookingFixtures.MAYA_SERENITY);
        StudioHttp.Response ics = http.json("GET", SERENITY, "/api/client-portal/appointments/" + BookingFixtures.MAYA_SOON + "/ics", token, null);

        assertThat(ics.status()).isEqualTo(200);
        assertThat(ics.contentType()).startsWith("text/calendar");
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
        assertThat(calendar.validate().hasErrors()).isFalse();
        VEvent event = (VEvent) calendar.getComponents("VEVENT").getFirst();
        Instant start = jdbc.sql("SELECT starts_at FROM tenant_serenity.appointments WHERE id = ?").param(BookingFixtures.MAYA_SOON)
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(value(event, "UID")).isEqualTo(BookingFixtures.MAYA_SOON + "@serenity.portico");
        assertThat(value(event, "DTSTART")).isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(start));
        assertThat(value(event, "SUMMARY")).contains(" with ");
        assertThat(value(event, "LOCATION")).contains("Jumeirah");
        String stranger = fixtures.token("serenity", fixtures.customerWithCredits(1));
        assertThat(http.json("GET", SERENITY, "/api/client-portal/appointments/" + BookingFixtures.MAYA_SOON + "/ics", stranger, null).status())
                .isEqualTo(404);
    }

    @Test
    void theFeedFollowsCancellationsAndMovesAndCanBeRotatedAndRevoked() throws Exception {
        UUID customer = fixtures.customerWithCredits(3);
        String token = fixtures.token("serenity", customer);
        BookingFixtures.Session first = fixtures.vinyasaAfter(Duration.ofDays(2));
        BookingFixtures.Session second = fixtures.vinyasaAfter(Duration.ofDays(5));
        String kept = book(token, first.startsAt());
        String cancelled = book(token, second.startsAt());
        http.json("POST", SERENITY, "/api/client-portal/appointments/" + cancelled + "/cancel", token, "{}");

        StudioHttp.Response created = http.json("POST", SERENITY, "/api/client-portal/calendar-feed", token, null);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("webcalUrl").asString()).startsWith("webcal://serenity.localhost:8080/api/calendar/");
        String path = java.net.URI.create(created.json().path("url").asString()).getPath();

        Calendar feed = new CalendarBuilder().build(new StringReader(http.get(SERENITY, path).body()));
        assertThat(feed.validate().hasErrors()).isFalse();
        List<VEvent> events = feed.getComponents("VEVENT").stream().map(VEvent.class::cast).toList();
        assertThat(events).extracting(e -> value(e, "UID"))
                .containsExactlyInAnyOrder(kept + "@serenity.portico", cancelled + "@serenity.portico");
        VEvent gone = events.stream().filter(e -> value(e, "UID").startsWith(cancelled)).findFirst().orElseThrow();
        assertThat(value(gone, "STATUS")).isEqualTo("CANCELLED");
        assertThat(value(gone, "SEQUENCE")).isEqualTo("1");
        assertThat(http.get("ironworks.localhost", path).status()).as("another studio's host").isEqualTo(404);

        StudioHttp.Response rotated = http.json("POST", SERENITY, "/api/client-portal/calendar-feed", token, null);
        String newPath = java.net.URI.create(rotated.json().path("url").asString()).getPath();
        assertThat(http.get(SERENITY, path).status()).as("the old URL").isEqualTo(404);
        assertThat(http.get(SERENITY, newPath).status()).isEqualTo(200);

        assertThat(http.json("DELETE", SERENITY, "/api/client-portal/calendar-feed", token, null).status()).isEqualTo(204);
        assertThat(http.get(SERENITY, newPath).status()).isEqualTo(404);
        assertThat(http.get(SERENITY, "/api/calendar/garbage.ics").status()).isEqualTo(404);
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).orElseThrow().getValue();
    }

    private String book(String token, Instant startsAt) {
        StudioHttp.Response response = http.json("POST", SERENITY, "/api/client-portal/appointments", token,
                "{\"serviceId\":\"" + VINYASA + "\",\"startsAt\":\"" + startsAt.atZone(ZoneId.of("Asia/Dubai")).toOffsetDateTime()
                        + "\",\"payWith\":\"credits\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asString();
    }
}
