package dev.portico.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.auth.PortalSessions;
import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.time.Duration;
import java.util.ArrayList;
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
 * The studio's customer records through the admin API over real HTTP: search and keyset paging, create and edit with
 * field errors, uniqueness and stale versions, deactivation that ends the customer's sessions everywhere, and
 * studios that never see each other's customers. Every test works on customers it creates.
 */
@DemoStudiosTest
class CustomerAdminIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String IRONWORKS = "ironworks.localhost";

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
    String owner;
    String desk;

    @BeforeEach
    void logIn() {
        http = new StudioHttp(port);
        owner = http.adminToken(SERENITY, "owner@serenity.example", "serenity-demo");
        desk = http.adminToken(SERENITY, "desk@serenity.example", "serenity-demo");
    }

    @Test
    void frontDeskCreatesACustomerAndTheChangeIsAudited() {
        String email = unique("new") + "@example.com";
        StudioHttp.Response created = http.json("POST", SERENITY, "/api/admin/customers", desk,
                "{\"firstName\":\" Noor \",\"lastName\":\"Haddad\",\"email\":\"" + email.toUpperCase() + "\",\"phone\":\"" + phone() + "\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode body = created.json();
        UUID id = UUID.fromString(body.path("id").asString());
        assertThat(body.path("firstName").asString()).isEqualTo("Noor");
        assertThat(body.path("email").asString()).isEqualTo(email);
        assertThat(body.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(body.path("memberNumber").asString()).matches("\\d{6,}");
        assertThat(body.path("timezone").asString()).isEqualTo("Asia/Dubai");
        assertThat(body.path("version").asLong()).isZero();
        assertThat(body.path("preferences").path("emailOptIn").asBoolean()).isTrue();
        assertThat(body.path("packages").isArray()).isTrue();
        assertThat(body.path("upcomingAppointments").asLong()).isZero();
        assertThat(jdbc.sql("SELECT email FROM tenant_serenity.customers WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo(email);
        assertThat(jdbc.sql("SELECT actor_type || ' ' || action || ' ' || (details->>'firstName') FROM tenant_serenity.audit_logs "
                        + "WHERE customer_id = ? AND action = 'customer.created'").param(id).query(String.class).single())
                .isEqualTo("ADMIN customer.created Noor");

        StudioHttp.Response read = http.json("GET", SERENITY, "/api/admin/customers/" + id, desk, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("lastName").asString()).isEqualTo("Haddad");
    }

    @Test
    void badInputIsRefusedFieldByField() {
        StudioHttp.Response noContact = http.json("POST", SERENITY, "/api/admin/customers", owner, "{\"firstName\":\"Nobody\"}");
        assertThat(noContact.status()).isEqualTo(400);
        assertThat(noContact.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(noContact)).contains("email", "phone");

        StudioHttp.Response malformed = http.json("POST", SERENITY, "/api/admin/customers", owner,
                "{\"firstName\":\"\",\"email\":\"not-an-email\",\"phone\":\"050 123\",\"timezone\":\"Mars/Olympus\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(fields(malformed)).contains("firstName", "email", "phone", "timezone");

        StudioHttp.Response badLocale = http.json("POST", SERENITY, "/api/admin/customers", owner,
                "{\"firstName\":\"Nobody\",\"email\":\"" + unique("loc") + "@example.com\",\"locale\":\"fr\"}");
        assertThat(badLocale.status()).isEqualTo(400);
        assertThat(fields(badLocale)).containsExactly("locale");
    }

    @Test
    void anEmailOrPhoneAnotherCustomerHasIsAConflictNamingTheField() {
        String email = unique("taken") + "@example.com";
        String phone = phone();
        assertThat(create("Taken", "One", email, phone).status()).isEqualTo(201);

        StudioHttp.Response sameEmail = create("Other", "Two", email.toUpperCase(), null);
        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.json().path("code").asString()).isEqualTo("CUSTOMER_EXISTS");
        assertThat(fields(sameEmail)).containsExactly("email");

        StudioHttp.Response samePhone = create("Other", "Three", null, phone);
        assertThat(samePhone.status()).isEqualTo(409);
        assertThat(fields(samePhone)).containsExactly("phone");
    }

    @Test
    void editsAreSavedAgainstTheVersionReadAndAStaleOneIsRefused() {
        JsonNode customer = create("Lina", "Saleh", unique("edit") + "@example.com", null).json();
        String id = customer.path("id").asString();

        StudioHttp.Response edited = http.json("PUT", SERENITY, "/api/admin/customers/" + id, desk,
                update("Lina", "Saleh-Khoury", customer.path("email").asString(), null, 0));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("lastName").asString()).isEqualTo("Saleh-Khoury");
        assertThat(edited.json().path("version").asLong()).isEqualTo(1);

        StudioHttp.Response stale = http.json("PUT", SERENITY, "/api/admin/customers/" + id, owner,
                update("Lina", "Somebody Else", customer.path("email").asString(), null, 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("code").asString()).isEqualTo("VERSION_CONFLICT");
        assertThat(stale.json().path("detail").asString()).isEqualTo("This customer was changed by someone else. Reload it and try again.");
        assertThat(jdbc.sql("SELECT last_name FROM tenant_serenity.customers WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single()).isEqualTo("Saleh-Khoury");

        JsonNode diff = new tools.jackson.databind.json.JsonMapper().readTree(jdbc.sql(
                        "SELECT cast(details AS text) FROM tenant_serenity.audit_logs WHERE target_id = ? AND action = 'customer.updated'")
                .param(id).query(String.class).single());
        assertThat(diff.propertyNames()).containsExactly("lastName");
        assertThat(diff.path("lastName").path("old").asString()).isEqualTo("Saleh");

        StudioHttp.Response noVersion = http.json("PUT", SERENITY, "/api/admin/customers/" + id, owner,
                "{\"firstName\":\"Lina\",\"email\":\"" + customer.path("email").asString() + "\",\"timezone\":\"Asia/Dubai\",\"locale\":\"en\"}");
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(fields(noVersion)).containsExactly("version");
    }

    @Test
    void searchMatchesNameEmailPhoneAndMemberNumberAndPagesByName() {
        String tag = unique("Zq").replace("-", "");
        List<String> ids = new ArrayList<>();
        for (String first : List.of("Carla", "Adam", "Bea")) {
            ids.add(create(first, tag, first.toLowerCase() + "." + tag.toLowerCase() + "@example.com", null).json().path("id").asString());
        }
        String phone = phone();
        JsonNode withPhone = create("Dina", tag + "x", null, phone).json();

        StudioHttp.Response first = list("?query=" + tag + "&limit=2");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(names(first)).containsExactly("Adam", "Bea");
        assertThat(first.json().path("items").get(0).path("version").isNumber()).isTrue();
        assertThat(first.json().path("items").get(0).path("createdAt").asString()).endsWith("+04:00");
        String cursor = first.json().path("nextCursor").asString();
        StudioHttp.Response second = list("?query=" + tag + "&limit=2&cursor=" + cursor);
        assertThat(names(second)).containsExactly("Carla", "Dina");
        assertThat(second.json().hasNonNull("nextCursor")).isFalse();

        assertThat(names(list("?query=bea." + tag.toLowerCase() + "%40example"))).containsExactly("Bea");
        assertThat(names(list("?query=" + phone.substring(4)))).contains("Dina");
        assertThat(names(list("?query=" + withPhone.path("memberNumber").asString()))).contains("Dina");
        assertThat(names(list("?query=adam%20" + tag))).containsExactly("Adam");

        http.json("POST", SERENITY, "/api/admin/customers/" + ids.get(0) + "/deactivate", desk, "{\"reason\":\"moved away\"}");
        assertThat(names(list("?query=" + tag + "&status=INACTIVE"))).containsExactly("Carla");
        assertThat(names(list("?query=" + tag + "&status=ACTIVE"))).containsExactly("Adam", "Bea", "Dina");

        StudioHttp.Response bad = list("?status=GONE&limit=500&cursor=nonsense");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad)).containsExactlyInAnyOrder("status", "limit", "cursor");
    }

    @Test
    void deactivatingEndsTheCustomersSessionsButKeepsTheirBookings() {
        String email = unique("leaving") + "@example.com";
        UUID id = UUID.fromString(create("Leaving", "Soon", email, null).json().path("id").asString());
        var serenity = tenants.findBySlug("serenity").orElseThrow();
        PortalSessions.Issued session = TenantContext.callAs(serenity, () -> sessions.start(id, "127.0.0.1", "test"));
        String access = tokens.issue(Audience.CUSTOMER, "serenity", id.toString(), Duration.ofMinutes(15), Map.of("role", "CUSTOMER")).value();
        assertThat(http.json("GET", SERENITY, "/api/client-portal/me", access, null).status()).isEqualTo(200);
        StudioHttp.Response feed = http.json("POST", SERENITY, "/api/client-portal/calendar-feed", access, null);
        assertThat(feed.status()).isEqualTo(201);
        String feedPath = java.net.URI.create(feed.json().path("url").asString()).getPath();
        assertThat(http.get(SERENITY, feedPath).status()).isEqualTo(200);

        StudioHttp.Response noReason = http.json("POST", SERENITY, "/api/admin/customers/" + id + "/deactivate", desk, "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(fields(noReason)).containsExactly("reason");

        StudioHttp.Response deactivated = http.json("POST", SERENITY, "/api/admin/customers/" + id + "/deactivate", desk,
                "{\"reason\":\"asked to close the account\"}");
        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
        assertThat(deactivated.json().path("status").asString()).isEqualTo("DEACTIVATED");
        assertThat(jdbc.sql("SELECT revoke_reason FROM tenant_serenity.customer_sessions WHERE customer_id = ?").param(id)
                .query(String.class).list()).containsExactly("DEACTIVATED");
        assertThat(jdbc.sql("SELECT details->>'reason' FROM tenant_serenity.audit_logs WHERE customer_id = ? AND action = 'customer.deactivated'")
                .param(id).query(String.class).single()).isEqualTo("asked to close the account");

        StudioHttp.Response refresh = http.post(SERENITY, "/api/client-portal/auth/refresh", null,
                "Cookie", "__Host-portalRefreshToken=" + session.refreshToken(), "X-Requested-With", "portal");
        assertThat(refresh.status()).isEqualTo(401);
        for (String path : List.of("/api/client-portal/me", "/api/client-portal/profile", "/api/client-portal/preferences",
                "/api/client-portal/appointments", "/api/client-portal/packages", "/api/client-portal/receipts")) {
            assertThat(http.json("GET", SERENITY, path, access, null).status()).as(path).isEqualTo(401);
        }
        assertThat(http.json("POST", SERENITY, "/api/client-portal/calendar-feed", access, null).status()).isEqualTo(401);
        assertThat(http.get(SERENITY, feedPath).status()).as("the private calendar feed").isEqualTo(404);

        StudioHttp.Response again = http.json("POST", SERENITY, "/api/admin/customers/" + id + "/deactivate", desk, "{\"reason\":\"twice\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("CUSTOMER_NOT_ACTIVE");

        StudioHttp.Response reactivated = http.json("POST", SERENITY, "/api/admin/customers/" + id + "/reactivate", owner, null);
        assertThat(reactivated.status()).isEqualTo(200);
        assertThat(reactivated.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(http.json("GET", SERENITY, "/api/client-portal/me", access, null).status()).isEqualTo(200);
        assertThat(http.get(SERENITY, feedPath).status()).isEqualTo(200);
        // The ended session stays ended: the customer logs in again.
        assertThat(http.post(SERENITY, "/api/client-portal/auth/refresh", null,
                "Cookie", "__Host-portalRefreshToken=" + session.refreshToken(), "X-Requested-With", "portal").status()).isEqualTo(401);
    }

    @Test
    void studiosNeverSeeEachOthersCustomers() {
        UUID sam = jdbc.sql("SELECT id FROM tenant_ironworks.customers WHERE email = 'sam@example.com'").query(UUID.class).single();

        assertThat(http.json("GET", IRONWORKS, "/api/admin/customers", owner, null).status()).isEqualTo(401);
        assertThat(http.json("GET", SERENITY, "/api/admin/customers/" + sam, owner, null).status()).isEqualTo(404);
        StudioHttp.Response edit = http.json("PUT", SERENITY, "/api/admin/customers/" + sam, owner,
                update("Sam", "Stolen", "sam@example.com", null, 0));
        assertThat(edit.status()).isEqualTo(404);
        assertThat(edit.json().path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(http.json("POST", SERENITY, "/api/admin/customers/" + sam + "/deactivate", owner, "{\"reason\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(names(list("?query=sam%40example.com"))).isEmpty();
        String customerToken = tokens.issue(Audience.CUSTOMER, "serenity", UUID.randomUUID().toString(), Duration.ofMinutes(5),
                Map.of("role", "CUSTOMER")).value();
        assertThat(http.json("GET", SERENITY, "/api/admin/customers", customerToken, null).status()).isEqualTo(401);
    }

    private StudioHttp.Response create(String firstName, String lastName, String email, String phone) {
        return http.json("POST", SERENITY, "/api/admin/customers", owner, "{\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName
                + "\"" + (email == null ? "" : ",\"email\":\"" + email + "\"") + (phone == null ? "" : ",\"phone\":\"" + phone + "\"") + "}");
    }

    private StudioHttp.Response list(String query) {
        return http.json("GET", SERENITY, "/api/admin/customers" + query, desk, null);
    }

    private static String update(String firstName, String lastName, String email, String phone, long version) {
        return "{\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName + "\",\"email\":" + (email == null ? "null" : "\"" + email + "\"")
                + ",\"phone\":" + (phone == null ? "null" : "\"" + phone + "\"") + ",\"timezone\":\"Asia/Dubai\",\"locale\":\"en\",\"version\":"
                + version + "}";
    }

    private static List<String> names(StudioHttp.Response response) {
        List<String> names = new ArrayList<>();
        response.json().path("items").forEach(item -> names.add(item.path("firstName").asString()));
        return names;
    }

    static List<String> fields(StudioHttp.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String phone() {
        return "+97155" + String.format("%07d", (long) (Math.random() * 10_000_000));
    }
}
