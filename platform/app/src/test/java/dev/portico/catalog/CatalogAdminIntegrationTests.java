package dev.portico.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The catalog's admin API over real HTTP: locations, staff with working hours and time off, and services, each
 * validated, version-guarded, audited, owner-only for changes and confined to the admin's own studio.
 */
@DemoStudiosTest
class CatalogAdminIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String IRONWORKS = "ironworks.localhost";

    @LocalServerPort
    int port;

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
    void aLocationIsCreatedReadChangedAndDeactivatedWithEveryChangeAudited() {
        StudioHttp.Response created = http.json("POST", SERENITY, "/api/admin/locations", owner,
                "{\"name\": \"  Marina Studio \", \"address\": \"Dubai Marina\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.json().path("name").asString()).isEqualTo("Marina Studio");
        assertThat(created.json().path("timezone").asString()).isEqualTo("Asia/Dubai");
        assertThat(created.json().path("active").asBoolean()).isTrue();
        long version = created.json().path("version").asLong();

        StudioHttp.Response updated = http.json("PUT", SERENITY, "/api/admin/locations/" + id, owner,
                "{\"name\": \"Marina Studio\", \"address\": \"Marina Walk, Dubai\", \"version\": " + version + "}");
        StudioHttp.Response stale = http.json("PUT", SERENITY, "/api/admin/locations/" + id, owner,
                "{\"name\": \"Overwritten\", \"version\": " + version + "}");
        StudioHttp.Response read = http.json("GET", SERENITY, "/api/admin/locations/" + id, owner, null);
        StudioHttp.Response deactivated = http.json("POST", SERENITY, "/api/admin/locations/" + id + "/deactivate", owner, null);

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("version").asLong()).isEqualTo(version + 1);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("code").asString()).isEqualTo("VERSION_CONFLICT");
        assertThat(stale.json().path("detail").asString()).isEqualTo("This location was changed by someone else. Reload it and try again.");
        assertThat(read.json().path("address").asString()).isEqualTo("Marina Walk, Dubai");
        assertThat(deactivated.json().path("active").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT active FROM tenant_serenity.locations WHERE id = ?").param(UUID.fromString(id))
                .query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("SELECT action FROM tenant_serenity.audit_logs WHERE target_type = 'location' AND target_id = ? ORDER BY id")
                .param(id).query(String.class).list()).containsExactly("location.created", "location.updated", "location.deactivated");
        String diff = jdbc.sql("SELECT details::text FROM tenant_serenity.audit_logs WHERE action = 'location.updated' AND target_id = ?")
                .param(id).query(String.class).single();
        assertThat(diff).contains("\"address\"", "Dubai Marina", "Marina Walk, Dubai").doesNotContain("\"name\"", "\"timezone\"");
    }

    @Test
    void badInputIsAnsweredWithEachFieldNamed() {
        StudioHttp.Response location = http.json("POST", SERENITY, "/api/admin/locations", owner,
                "{\"name\": \" \", \"timezone\": \"Mars/Olympus\"}");
        StudioHttp.Response zone = http.json("POST", SERENITY, "/api/admin/locations", owner,
                "{\"name\": \"Somewhere\", \"timezone\": \"Mars/Olympus\"}");
        StudioHttp.Response service = http.json("POST", SERENITY, "/api/admin/services", owner,
                "{\"name\": \"\", \"kind\": \"YOGA\", \"durationMinutes\": 0, \"color\": \"red\", \"priceMinor\": -1}");
        StudioHttp.Response rules = http.json("POST", SERENITY, "/api/admin/services", owner,
                "{\"name\": \"Private\", \"kind\": \"APPOINTMENT\", \"durationMinutes\": 60, \"capacity\": 4, "
                        + "\"payPerVisitAllowed\": true, \"currency\": \"USD\", \"staffIds\": [\"" + UUID.randomUUID() + "\"]}");
        StudioHttp.Response noVersion = http.json("PUT", SERENITY, "/api/admin/services/5e000003-0000-4000-8000-000000000001", owner,
                "{\"name\": \"Vinyasa Flow\", \"kind\": \"CLASS\", \"durationMinutes\": 60}");

        assertThat(location.status()).isEqualTo(400);
        assertThat(fields(location)).contains("name");
        assertThat(zone.status()).isEqualTo(400);
        assertThat(fields(zone)).containsExactly("timezone");
        assertThat(service.status()).isEqualTo(400);
        assertThat(service.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(service)).contains("name", "kind", "durationMinutes", "color", "priceMinor");
        assertThat(rules.status()).isEqualTo(400);
        assertThat(fields(rules)).contains("capacity", "priceMinor", "currency", "staffIds");
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(fields(noVersion)).containsExactly("version");
    }

    @Test
    void aServiceCarriesItsRulesPriceAndStaffAndCannotSwitchKindOnceUsed() {
        String staff = createStaff("Nadia", "Karim");
        StudioHttp.Response created = http.json("POST", SERENITY, "/api/admin/services", owner, """
                {"name": "Sound Bath", "description": "Gongs and bowls.", "kind": "CLASS", "durationMinutes": 45, "capacity": 12,
                 "priceMinor": 9000, "currency": "AED", "bufferAfterMinutes": 15, "minNoticeMinutes": 60, "maxAdvanceDays": 21,
                 "cancelWindowMinutes": 720, "onlineBookable": true, "payPerVisitAllowed": true, "color": "#336699",
                 "staffIds": ["%s"]}
                """.formatted(staff));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode service = created.json();
        String id = service.path("id").asString();
        assertThat(service.path("currency").asString()).isEqualTo("AED");
        assertThat(service.path("priceMinor").asLong()).isEqualTo(9000);
        assertThat(service.path("cancelWindowMinutes").asInt()).isEqualTo(720);
        assertThat(service.hasNonNull("rescheduleWindowMinutes")).isFalse();
        assertThat(service.path("staffIds").toString()).contains(staff);

        StudioHttp.Response kindOfUsedService = http.json("PUT", SERENITY, "/api/admin/services/5e000003-0000-4000-8000-000000000003", owner,
                "{\"name\": \"Yin Yoga\", \"kind\": \"APPOINTMENT\", \"durationMinutes\": 75, \"version\": " + version("services",
                        "5e000003-0000-4000-8000-000000000003") + "}");
        StudioHttp.Response repriced = http.json("PUT", SERENITY, "/api/admin/services/" + id, owner, """
                {"name": "Sound Bath", "kind": "CLASS", "durationMinutes": 45, "capacity": 10, "priceMinor": 9500, "staffIds": [],
                 "version": %d}
                """.formatted(service.path("version").asLong()));
        StudioHttp.Response deactivated = http.json("POST", SERENITY, "/api/admin/services/" + id + "/deactivate", owner, null);
        StudioHttp.Response classes = http.json("GET", SERENITY, "/api/admin/services?kind=CLASS&active=true&limit=200", owner, null);

        assertThat(kindOfUsedService.status()).isEqualTo(409);
        assertThat(kindOfUsedService.json().path("code").asString()).isEqualTo("SERVICE_KIND_IN_USE");
        assertThat(repriced.status()).as(repriced.body()).isEqualTo(200);
        assertThat(repriced.json().path("priceMinor").asLong()).isEqualTo(9500);
        assertThat(repriced.json().path("staffIds").size()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.service_staff WHERE service_id = ?").param(UUID.fromString(id))
                .query(Long.class).single()).isZero();
        assertThat(deactivated.json().path("active").asBoolean()).isFalse();
        assertThat(classes.json().path("items").findValuesAsString("id")).doesNotContain(id).contains("5e000003-0000-4000-8000-000000000001");
        assertThat(classes.json().path("items").findValuesAsString("kind")).containsOnly("CLASS");
        String diff = jdbc.sql("SELECT details::text FROM tenant_serenity.audit_logs WHERE action = 'service.updated' AND target_id = ?")
                .param(id).query(String.class).single();
        assertThat(diff).contains("priceMinor", "9000", "9500", "capacity", "staffIds").doesNotContain("durationMinutes");
    }

    @Test
    void workingHoursAreReplacedAsAWeekAndRefusedWhenTheyOverlapOrRunBackwards() {
        String staff = createStaff("Omar", "Saleh");
        String location = "5e000001-0000-4000-8000-000000000001";
        long version = http.json("GET", SERENITY, "/api/admin/staff/" + staff + "/working-hours", owner, null).json().path("version").asLong();

        StudioHttp.Response overlapping = http.json("PUT", SERENITY, "/api/admin/staff/" + staff + "/working-hours", owner, """
                {"version": %d, "hours": [
                  {"weekday": 1, "start": "09:00", "end": "13:00", "locationId": "%s"},
                  {"weekday": 1, "start": "12:00", "end": "15:00", "locationId": "%s"},
                  {"weekday": 2, "start": "15:00", "end": "09:00", "locationId": "%s"},
                  {"weekday": 8, "start": "9am", "end": "10:00", "locationId": "%s"}]}
                """.formatted(version, location, location, location, location));
        StudioHttp.Response backwards = http.json("PUT", SERENITY, "/api/admin/staff/" + staff + "/working-hours", owner, """
                {"version": %d, "hours": [
                  {"weekday": 1, "start": "09:00", "end": "13:00", "locationId": "%s"},
                  {"weekday": 1, "start": "12:00", "end": "15:00", "locationId": "%s"},
                  {"weekday": 2, "start": "15:00", "end": "09:00", "locationId": "%s"},
                  {"weekday": 3, "start": "10:00", "end": "11:00", "locationId": "%s"}]}
                """.formatted(version, location, location, location, UUID.randomUUID()));
        StudioHttp.Response week = http.json("PUT", SERENITY, "/api/admin/staff/" + staff + "/working-hours", owner, """
                {"version": %d, "hours": [
                  {"weekday": 3, "start": "14:00", "end": "18:00", "locationId": "%s"},
                  {"weekday": 1, "start": "09:00", "end": "12:00", "locationId": "%s"},
                  {"weekday": 1, "start": "12:00", "end": "15:30", "locationId": "%s"}]}
                """.formatted(version, location, location, location));
        StudioHttp.Response stale = http.json("PUT", SERENITY, "/api/admin/staff/" + staff + "/working-hours", owner,
                "{\"version\": " + version + ", \"hours\": []}");
        StudioHttp.Response read = http.json("GET", SERENITY, "/api/admin/staff/" + staff + "/working-hours", owner, null);

        assertThat(overlapping.status()).isEqualTo(400);
        assertThat(fields(overlapping)).contains("hours[3].weekday", "hours[3].start");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(fields(backwards)).containsExactlyInAnyOrder("hours[1]", "hours[2].end", "hours[3].locationId");
        assertThat(week.status()).as(week.body()).isEqualTo(200);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("code").asString()).isEqualTo("VERSION_CONFLICT");
        assertThat(read.json().path("items").findValuesAsString("start")).containsExactly("09:00", "12:00", "14:00");
        assertThat(read.json().path("items").findValuesAsString("end")).containsExactly("12:00", "15:30", "18:00");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.staff_working_hours WHERE staff_id = ?").param(UUID.fromString(staff))
                .query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE action = 'staff.working_hours_changed' AND target_id = ?")
                .param(staff).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void timeOffIsAddedListedAndRemoved() {
        String staff = createStaff("Lina", "Haddad");

        StudioHttp.Response backwards = http.json("POST", SERENITY, "/api/admin/staff/" + staff + "/time-off", owner,
                "{\"startsAt\": \"2027-01-10T09:00:00+04:00\", \"endsAt\": \"2027-01-09T09:00:00+04:00\"}");
        StudioHttp.Response added = http.json("POST", SERENITY, "/api/admin/staff/" + staff + "/time-off", owner,
                "{\"startsAt\": \"2027-01-10T09:00:00+04:00\", \"endsAt\": \"2027-01-17T09:00:00+04:00\", \"reason\": \"Retreat\"}");
        String timeOff = added.json().path("id").asString();
        StudioHttp.Response listed = http.json("GET", SERENITY, "/api/admin/staff/" + staff + "/time-off", owner, null);
        StudioHttp.Response removed = http.json("DELETE", SERENITY, "/api/admin/staff/" + staff + "/time-off/" + timeOff, owner, null);
        StudioHttp.Response again = http.json("DELETE", SERENITY, "/api/admin/staff/" + staff + "/time-off/" + timeOff, owner, null);

        assertThat(backwards.status()).isEqualTo(400);
        assertThat(fields(backwards)).containsExactly("endsAt");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().path("startsAt").asString()).isEqualTo("2027-01-10T09:00:00+04:00");
        assertThat(listed.json().path("items").findValuesAsString("reason")).containsExactly("Retreat");
        assertThat(removed.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.staff_time_off WHERE staff_id = ?").param(UUID.fromString(staff))
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT action FROM tenant_serenity.audit_logs WHERE target_type = 'staff' AND target_id = ? ORDER BY id")
                .param(staff).query(String.class).list()).containsExactly("staff.created", "staff.time_off_added", "staff.time_off_removed");
    }

    @Test
    void listsArePagedByCursorWithoutRepeatsOrGaps() {
        for (int i = 0; i < 3; i++) {
            createStaff("Pager" + i, "Test");
        }
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            StudioHttp.Response page = http.json("GET", SERENITY, "/api/admin/staff?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    owner, null);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().path("items").size()).isLessThanOrEqualTo(2);
            seen.addAll(page.json().path("items").findValuesAsString("id"));
            cursor = page.json().hasNonNull("nextCursor") ? page.json().path("nextCursor").asString() : null;
            pages++;
        } while (cursor != null && pages < 100);

        assertThat(seen).doesNotHaveDuplicates()
                .hasSize(jdbc.sql("SELECT count(*) FROM tenant_serenity.staff").query(Integer.class).single());
        assertThat(http.json("GET", SERENITY, "/api/admin/staff?limit=500&cursor=nope", owner, null).status()).isEqualTo(400);
    }

    @Test
    void frontDeskReadsTheCatalogButMayNotChangeIt() {
        String desk = http.adminToken(SERENITY, "desk@serenity.example", "serenity-demo");

        StudioHttp.Response reads = http.json("GET", SERENITY, "/api/admin/services", desk, null);
        StudioHttp.Response location = http.json("POST", SERENITY, "/api/admin/locations", desk, "{\"name\": \"Desk's studio\"}");
        StudioHttp.Response staff = http.json("POST", SERENITY, "/api/admin/staff", desk, "{\"firstName\": \"Desk\"}");
        StudioHttp.Response service = http.json("POST", SERENITY, "/api/admin/services/5e000003-0000-4000-8000-000000000001/deactivate",
                desk, null);

        assertThat(reads.status()).isEqualTo(200);
        for (StudioHttp.Response refused : List.of(location, staff, service)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().path("code").asString()).isEqualTo("FORBIDDEN");
        }
        assertThat(jdbc.sql("SELECT active FROM tenant_serenity.services WHERE id = '5e000003-0000-4000-8000-000000000001'")
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void oneStudiosAdminCannotReachAnothersCatalog() {
        UUID ironworksLocation = jdbc.sql("SELECT id FROM tenant_ironworks.locations LIMIT 1").query(UUID.class).single();
        UUID ironworksStaff = jdbc.sql("SELECT id FROM tenant_ironworks.staff LIMIT 1").query(UUID.class).single();

        StudioHttp.Response otherHost = http.json("GET", IRONWORKS, "/api/admin/locations", owner, null);
        StudioHttp.Response otherId = http.json("GET", SERENITY, "/api/admin/locations/" + ironworksLocation, owner, null);
        StudioHttp.Response otherStaff = http.json("PUT", SERENITY, "/api/admin/staff/" + ironworksStaff, owner,
                "{\"firstName\": \"Hijacked\", \"version\": 0}");

        assertThat(otherHost.status()).isEqualTo(401);
        assertThat(otherId.status()).isEqualTo(404);
        assertThat(otherId.json().path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(otherStaff.status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_ironworks.staff WHERE first_name = 'Hijacked'").query(Long.class).single()).isZero();
    }

    private String createStaff(String first, String last) {
        StudioHttp.Response created = http.json("POST", SERENITY, "/api/admin/staff", owner,
                "{\"firstName\": \"" + first + "\", \"lastName\": \"" + last + "\", \"email\": \"" + first + "@Serenity.example\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("displayName").asString()).isEqualTo(first + " " + last);
        assertThat(created.json().path("email").asString()).isEqualTo(first.toLowerCase() + "@serenity.example");
        return created.json().path("id").asString();
    }

    private long version(String table, String id) {
        return jdbc.sql("SELECT version FROM tenant_serenity." + table + " WHERE id = ?").param(UUID.fromString(id)).query(Long.class).single();
    }

    private static List<String> fields(StudioHttp.Response response) {
        return response.json().path("errors").findValuesAsString("field");
    }
}
