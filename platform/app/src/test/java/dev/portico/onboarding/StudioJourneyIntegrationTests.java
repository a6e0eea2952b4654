package dev.portico.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The "done": a new studio is onboarded, configured (catalog, schedule, plugins, brand) and taking its
 * customers' logins and bookings through the APIs alone, without a restart or a file.
 */
@DemoStudiosTest
@TestPropertySource(properties = "portico.platform.operator-key=" + StudioJourneyIntegrationTests.KEY)
class StudioJourneyIntegrationTests {

    static final String KEY = "op-journey-5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b";
    private static final String HOST = "lotus.localhost";
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

    @LocalServerPort
    int port;

    @Test
    void aNewStudioIsOnboardedConfiguredAndTakesItsFirstBookingThroughTheApisOnly() {
        StudioHttp http = new StudioHttp(port);

        // The operator onboards the studio with its first owner.
        StudioHttp.Response onboarded = http.json("POST", "localhost", "/api/platform/tenants", KEY, """
                {"slug": "lotus", "name": "Lotus Yoga", "currency": "AED", "timezone": "Asia/Dubai",
                 "loginChannels": ["email"], "owner": {"email": "owner@lotus.example", "password": "lotus-owner-passphrase"}}""");
        assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
        String owner = http.adminToken(HOST, "owner@lotus.example", "lotus-owner-passphrase");

        // The owner builds the catalog and the timetable.
        String location = created(http.json("POST", HOST, "/api/admin/locations", owner, """
                {"name": "Lotus Studio — Marina"}"""));
        String teacher = created(http.json("POST", HOST, "/api/admin/staff", owner, """
                {"firstName": "Nadia", "lastName": "Aziz"}"""));
        String hatha = created(http.json("POST", HOST, "/api/admin/services", owner, """
                {"name": "Hatha Yoga", "kind": "CLASS", "durationMinutes": 60, "capacity": 12, "priceMinor": 9000,
                 "minNoticeMinutes": 0, "maxAdvanceDays": 28, "onlineBookable": true, "staffIds": ["%s"]}""".formatted(teacher)));
        StudioHttp.Response rule = http.json("POST", HOST, "/api/admin/schedule", owner, """
                {"serviceId": "%s", "staffId": "%s", "locationId": "%s", "weekdays": [1, 2, 3, 4, 5, 6, 7],
                 "startTime": "07:30", "from": "%s"}""".formatted(hatha, teacher, location,
                LocalDate.now(ZoneId.of("Asia/Dubai")).plusDays(1)));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(rule.json().path("sessions").path("created").asInt()).isGreaterThanOrEqualTo(20);

        // A channel for login links, and the studio's colours.
        assertThat(http.json("PUT", HOST, "/api/admin/plugins/notify-dev-inbox", owner, """
                {"enabled": true, "settings": {}}""").status()).isEqualTo(200);
        long brandingVersion = http.json("GET", HOST, "/api/admin/branding", owner, null).json().path("version").asLong();
        assertThat(http.json("PUT", HOST, "/api/admin/branding", owner, """
                {"pack": "calm", "tokens": {"color-primary": "#6b4c9a"}, "logoUrl": null, "version": %d}""".formatted(brandingVersion))
                .status()).isEqualTo(200);
        assertThat(http.get(HOST, "/portal/theme.css").body()).contains("--color-primary: #6b4c9a;");
        assertThat(http.get(HOST, "/portal/").status()).isEqualTo(200);

        // The front desk's work: a customer with a class pack.
        String product = created(http.json("POST", HOST, "/api/admin/package-products", owner, """
                {"name": "5 Classes", "credits": 5, "validityDays": 60, "priceMinor": 40000, "serviceIds": ["%s"]}""".formatted(hatha)));
        String rita = created(http.json("POST", HOST, "/api/admin/customers", owner, """
                {"firstName": "Rita", "lastName": "Haddad", "email": "rita@example.com"}"""));
        assertThat(http.json("POST", HOST, "/api/admin/customers/" + rita + "/packages", owner, """
                {"packageProductId": "%s", "reason": "Welcome pack"}""".formatted(product)).status()).isEqualTo(201);

        // Rita logs in with a link and books the first class with a credit.
        assertThat(http.post(HOST, "/api/client-portal/auth/request-link", "{\"email\":\"rita@example.com\"}").status()).isEqualTo(202);
        String token = await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode items = http.get(HOST, "/api/dev/inbox?to=rita@example.com").json().path("items");
            for (JsonNode message : items) {
                Matcher link = TOKEN.matcher(message.path("link").asString(""));
                if (link.find()) {
                    return link.group(1);
                }
            }
            return null;
        }, java.util.Objects::nonNull);
        StudioHttp.Response session = http.post(HOST, "/api/client-portal/auth/verify", "{\"token\":\"" + token + "\"}");
        assertThat(session.status()).isEqualTo(200);
        String customer = session.json().path("accessToken").asString();

        JsonNode slot = http.json("GET", HOST, "/api/client-portal/availability?serviceId=" + hatha, customer, null)
                .json().path("items").get(0);
        StudioHttp.Response booked = http.json("POST", HOST, "/api/client-portal/appointments", customer, """
                {"serviceId": "%s", "startsAt": "%s", "payWith": "credits"}""".formatted(hatha, slot.path("startsAt").asString()));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        assertThat(booked.json().path("staff").path("name").asString()).contains("Nadia");
        assertThat(http.json("GET", HOST, "/api/client-portal/packages", customer, null).json()
                .path("items").get(0).path("creditsRemaining").asInt()).isEqualTo(4);
    }

    private static String created(StudioHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asString();
    }
}
