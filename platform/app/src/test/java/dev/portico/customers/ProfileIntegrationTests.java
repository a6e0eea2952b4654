package dev.portico.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer's own profile and contact preferences over real HTTP: reading, validated changes saved against the
 * version read, audit rows holding only the diff, and nobody else's data touched. Changes are made on customers
 * created here, so the demo customers other test classes rely on stay as seeded.
 */
@DemoStudiosTest
class ProfileIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final UUID MAYA = UUID.fromString("5e000010-0000-4000-8000-000000000001");
    static final String MAYA_PHONE = "+971501234567";

    @LocalServerPort
    int port;

    @Autowired
    AccessTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CustomerPreferences preferences;

    @Autowired
    TenantRegistry tenants;

    StudioHttp http;

    @BeforeEach
    void setUp() {
        http = new StudioHttp(port);
    }

    @Test
    void readsMayasProfile() {
        StudioHttp.Response response = http.json("GET", SERENITY, "/api/client-portal/profile", token(MAYA), null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode profile = response.json();
        assertThat(profile.path("firstName").asString()).isEqualTo("Maya");
        assertThat(profile.path("lastName").asString()).isEqualTo("Haddad");
        assertThat(profile.path("email").asString()).isEqualTo("maya@example.com");
        assertThat(profile.path("phone").asString()).isEqualTo(MAYA_PHONE);
        assertThat(profile.path("timezone").asString()).isEqualTo("Asia/Dubai");
        assertThat(profile.path("locale").asString()).isEqualTo("en");
    }

    @Test
    void updatesNameTimezoneAndLocaleAndAuditsOnlyWhatChanged() {
        UUID customer = newCustomer();
        String body = profile("Lina", "Customer", email(customer), null, "Europe/London", "ar");

        StudioHttp.Response response = http.json("PUT", SERENITY, "/api/client-portal/profile", token(customer), body);
        StudioHttp.Response again = http.json("PUT", SERENITY, "/api/client-portal/profile", token(customer), body);
        StudioHttp.Response read = http.json("GET", SERENITY, "/api/client-portal/profile", token(customer), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("firstName").asString()).isEqualTo("Lina");
        assertThat(again.status()).isEqualTo(200);
        assertThat(read.json().path("timezone").asString()).isEqualTo("Europe/London");
        assertThat(read.json().path("locale").asString()).isEqualTo("ar");
        Map<String, Object> row = jdbc.sql("SELECT first_name, last_name, timezone, locale, version FROM tenant_serenity.customers WHERE id = ?")
                .param(customer).query().singleRow();
        assertThat(row).containsEntry("first_name", "Lina").containsEntry("last_name", "Customer")
                .containsEntry("timezone", "Europe/London").containsEntry("locale", "ar").containsEntry("version", 1L);
        // The second, identical save changed nothing and is not audited.
        List<JsonNode> audits = audits(customer, "customer.profile_updated");
        assertThat(audits).hasSize(1);
        JsonNode diff = audits.getFirst();
        assertThat(names(diff)).containsExactlyInAnyOrder("firstName", "timezone", "locale");
        assertThat(diff.path("firstName").path("old").asString()).isEqualTo("Test");
        assertThat(diff.path("firstName").path("new").asString()).isEqualTo("Lina");
        assertThat(diff.path("timezone").path("old").asString()).isEqualTo("Asia/Dubai");
        assertThat(diff.path("locale").path("new").asString()).isEqualTo("ar");
        assertThat(jdbc.sql("SELECT actor_type || ':' || actor_id FROM tenant_serenity.audit_logs WHERE customer_id = ? "
                + "AND action = 'customer.profile_updated'").param(customer).query(String.class).single())
                .isEqualTo("CUSTOMER:" + customer);
    }

    @Test
    void invalidFieldsAreRefusedByNameAndNothingIsSaved() {
        UUID customer = newCustomer();
        String token = token(customer);

        assertField(http.json("PUT", SERENITY, "/api/client-portal/profile", token,
                profile("Test", "Customer", null, null, "Mars/Olympus", "en")), "timezone");
        assertField(http.json("PUT", SERENITY, "/api/client-portal/profile", token,
                profile("Test", "Customer", null, null, "GMT+4", "en")), "timezone");
        assertField(http.json("PUT", SERENITY, "/api/client-portal/profile", token,
                profile("Test", "Customer", null, "050 123 4567", "Asia/Dubai", "en")), "phone");
        assertField(http.json("PUT", SERENITY, "/api/client-portal/profile", token,
                profile("Test", "Customer", null, null, "Asia/Dubai", "fr")), "locale");
        assertField(http.json("PUT", SERENITY, "/api/client-portal/profile", token,
                profile("   ", "Customer", null, null, "Asia/Dubai", "en")), "firstName");
        assertField(http.json("PUT", SERENITY, "/api/client-portal/profile", token,
                profile("Test", "x".repeat(101), null, null, "Asia/Dubai", "en")), "lastName");
        StudioHttp.Response email = http.json("PUT", SERENITY, "/api/client-portal/profile", token,
                profile("Test", "Customer", "someone.else@example.com", null, "Asia/Dubai", "en"));
        assertField(email, "email");
        assertThat(email.body()).contains("contact the studio to change your email");

        assertThat(jdbc.sql("SELECT version FROM tenant_serenity.customers WHERE id = ?").param(customer).query(Long.class).single()).isZero();
        assertThat(audits(customer, "customer.profile_updated")).isEmpty();
    }

    @Test
    void aCustomerWithoutEmailMayNotRemoveTheirPhone() {
        UUID customer = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenant_serenity.customers (id, first_name, last_name, phone) VALUES (?, 'Phone', 'Only', ?)")
                .params(customer, "+9715" + String.format("%08d", Math.floorMod(customer.hashCode(), 100_000_000))).update();

        StudioHttp.Response response = http.json("PUT", SERENITY, "/api/client-portal/profile", token(customer),
                profile("Phone", "Only", null, null, "Asia/Dubai", "en"));

        assertField(response, "phone");
    }

    @Test
    void anotherCustomersPhoneIsTaken() {
        UUID customer = newCustomer();

        StudioHttp.Response response = http.json("PUT", SERENITY, "/api/client-portal/profile", token(customer),
                profile("Test", "Customer", null, MAYA_PHONE, "Asia/Dubai", "en"));
        StudioHttp.Response ownNumber = http.json("PUT", SERENITY, "/api/client-portal/profile", token(customer),
                profile("Test", "Customer", null, "+15550" + String.format("%06d", Math.floorMod(customer.hashCode(), 1_000_000)),
                        "Asia/Dubai", "en"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().path("code").asString()).isEqualTo("PHONE_TAKEN");
        assertThat(ownNumber.status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.customers WHERE phone = ?").param(MAYA_PHONE)
                .query(Long.class).single()).isOne();
    }

    @Test
    void concurrentSavesNeverLoseAnUpdateSilently() throws Exception {
        UUID customer = newCustomer();
        String token = token(customer);
        List<Callable<StudioHttp.Response>> saves = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String body = profile("Name" + i, "Customer", null, null, "Asia/Dubai", "en");
            saves.add(() -> http.json("PUT", SERENITY, "/api/client-portal/profile", token, body));
        }

        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<StudioHttp.Response> result : pool.invokeAll(saves)) {
                StudioHttp.Response response = result.get();
                statuses.add(response.status());
                if (response.status() == 409) {
                    assertThat(response.json().path("code").asString()).isEqualTo("PROFILE_CHANGED");
                }
            }
        }

        long saved = statuses.stream().filter(s -> s == 200).count();
        assertThat(statuses).allMatch(s -> s == 200 || s == 409).contains(200);
        // Every save that answered 200 is one version and one audit row: none overwrote another unseen.
        assertThat(jdbc.sql("SELECT version FROM tenant_serenity.customers WHERE id = ?").param(customer).query(Long.class).single())
                .isEqualTo(saved);
        List<JsonNode> audits = audits(customer, "customer.profile_updated");
        assertThat(audits).hasSize((int) saved);
        // The audit trail chains: each save started from what the previous one left, never from a stale read.
        String previous = "Test";
        for (JsonNode diff : audits) {
            assertThat(diff.path("firstName").path("old").asString()).isEqualTo(previous);
            previous = diff.path("firstName").path("new").asString();
        }
        assertThat(jdbc.sql("SELECT first_name FROM tenant_serenity.customers WHERE id = ?").param(customer).query(String.class).single())
                .isEqualTo(previous);
    }

    @Test
    void preferencesStartAtTheDefaultsAndRoundTripWithAudit() {
        UUID customer = newCustomer();
        String token = token(customer);

        StudioHttp.Response defaults = http.json("GET", SERENITY, "/api/client-portal/preferences", token, null);
        StudioHttp.Response saved = http.json("PUT", SERENITY, "/api/client-portal/preferences", token,
                preferences(true, false, true, true, 48));
        StudioHttp.Response read = http.json("GET", SERENITY, "/api/client-portal/preferences", token, null);

        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.json().path("emailOptIn").asBoolean()).isTrue();
        assertThat(defaults.json().path("smsOptIn").asBoolean()).isTrue();
        assertThat(defaults.json().path("whatsappOptIn").asBoolean()).isFalse();
        assertThat(defaults.json().path("marketingConsent").asBoolean()).isFalse();
        assertThat(defaults.json().path("reminderHoursBefore").asInt()).isEqualTo(24);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(saved.json());
        assertThat(read.json().path("smsOptIn").asBoolean()).isFalse();
        assertThat(read.json().path("whatsappOptIn").asBoolean()).isTrue();
        assertThat(read.json().path("marketingConsent").asBoolean()).isTrue();
        assertThat(read.json().path("reminderHoursBefore").asInt()).isEqualTo(48);
        assertThat(consentUpdatedAt(customer)).isNotNull();
        List<JsonNode> audits = audits(customer, "customer.preferences_updated");
        assertThat(audits).hasSize(1);
        assertThat(names(audits.getFirst())).containsExactlyInAnyOrder("smsOptIn", "whatsappOptIn", "marketingConsent",
                "reminderHoursBefore");
        assertThat(audits.getFirst().path("reminderHoursBefore").path("old").asInt()).isEqualTo(24);
        assertThat(audits.getFirst().path("reminderHoursBefore").path("new").asInt()).isEqualTo(48);
    }

    @Test
    void marketingConsentIsTimestampedOnlyWhenItChanges() {
        UUID customer = newCustomer();
        String token = token(customer);

        http.json("PUT", SERENITY, "/api/client-portal/preferences", token, preferences(true, true, false, false, 12));
        Object neverAsked = consentUpdatedAt(customer);
        http.json("PUT", SERENITY, "/api/client-portal/preferences", token, preferences(true, true, false, true, 12));
        Object given = consentUpdatedAt(customer);
        http.json("PUT", SERENITY, "/api/client-portal/preferences", token, preferences(false, true, false, true, 12));

        assertThat(neverAsked).isNull();
        assertThat(given).isNotNull();
        assertThat(consentUpdatedAt(customer)).isEqualTo(given);
        assertThat(audits(customer, "customer.preferences_updated")).hasSize(3);
    }

    @Test
    void preferencesAreValidated() {
        UUID customer = newCustomer();

        StudioHttp.Response tooLate = http.json("PUT", SERENITY, "/api/client-portal/preferences", token(customer),
                preferences(true, true, false, false, 500));
        StudioHttp.Response missing = http.json("PUT", SERENITY, "/api/client-portal/preferences", token(customer),
                "{\"emailOptIn\": true}");

        assertField(tooLate, "reminderHoursBefore");
        assertField(missing, "smsOptIn");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.customer_notification_preferences WHERE customer_id = ?")
                .param(customer).query(Long.class).single()).isZero();
    }

    @Test
    void oneCustomersChangesNeverTouchAnother() {
        Map<String, Object> mayaBefore = mayaRows();
        UUID customer = newCustomer();

        StudioHttp.Response profile = http.json("PUT", SERENITY, "/api/client-portal/profile", token(customer),
                profile("Other", "Person", null, null, "Europe/Paris", "ar"));
        StudioHttp.Response prefs = http.json("PUT", SERENITY, "/api/client-portal/preferences", token(customer),
                preferences(false, false, false, false, 2));

        assertThat(profile.status()).isEqualTo(200);
        assertThat(prefs.status()).isEqualTo(200);
        assertThat(mayaRows()).isEqualTo(mayaBefore);
        StudioHttp.Response maya = http.json("GET", SERENITY, "/api/client-portal/profile", token(MAYA), null);
        assertThat(maya.json().path("firstName").asString()).isEqualTo("Maya");
        assertThat(maya.json().path("timezone").asString()).isEqualTo("Asia/Dubai");
    }

    @Test
    void preferencesForSendersFallBackToTheDefaults() {
        UUID customer = newCustomer();

        CustomerPreferences.Preferences maya = TenantContext.callAs(tenants.findBySlug("serenity").orElseThrow(),
                () -> preferences.forCustomer(MAYA));
        CustomerPreferences.Preferences fresh = TenantContext.callAs(tenants.findBySlug("serenity").orElseThrow(),
                () -> preferences.forCustomer(customer));

        assertThat(maya).isEqualTo(new CustomerPreferences.Preferences(true, true, true, true, 24));
        assertThat(fresh).isEqualTo(CustomerPreferences.Preferences.DEFAULTS);
    }

    @Test
    void adminTokensAndOtherStudiosTokensAreRefused() {
        String owner = http.adminToken(SERENITY, "owner@serenity.example", "serenity-demo");
        String otherStudio = tokens.issue(Audience.CUSTOMER, "ironworks", MAYA.toString(), Duration.ofMinutes(15),
                Map.of("role", "CUSTOMER")).value();

        for (String token : new String[] {owner, otherStudio, null}) {
            assertThat(http.json("GET", SERENITY, "/api/client-portal/profile", token, null).status()).isEqualTo(401);
            assertThat(http.json("PUT", SERENITY, "/api/client-portal/profile", token,
                    profile("Hacked", "", null, null, "Asia/Dubai", "en")).status()).isEqualTo(401);
            assertThat(http.json("GET", SERENITY, "/api/client-portal/preferences", token, null).status()).isEqualTo(401);
            assertThat(http.json("PUT", SERENITY, "/api/client-portal/preferences", token,
                    preferences(false, false, false, false, 0)).status()).isEqualTo(401);
        }
        assertThat(http.json("GET", SERENITY, "/api/client-portal/profile", token(MAYA), null).json().path("firstName").asString())
                .isEqualTo("Maya");
    }

    private String token(UUID customer) {
        return tokens.issue(Audience.CUSTOMER, "serenity", customer.toString(), Duration.ofMinutes(15), Map.of("role", "CUSTOMER")).value();
    }

    private UUID newCustomer() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenant_serenity.customers (id, first_name, last_name, email, timezone) VALUES (?, 'Test', 'Customer', ?, 'Asia/Dubai')")
                .params(id, email(id)).update();
        return id;
    }

    private static String email(UUID id) {
        return "profile-" + id + "@example.com";
    }

    private static String profile(String firstName, String lastName, String email, String phone, String timezone, String locale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", firstName);
        body.put("lastName", lastName);
        body.put("email", email);
        body.put("phone", phone);
        body.put("timezone", timezone);
        body.put("locale", locale);
        return JsonMapper.builder().build().writeValueAsString(body);
    }

    private static String preferences(boolean email, boolean sms, boolean whatsapp, boolean marketing, int hours) {
        return """
                {"emailOptIn": %s, "smsOptIn": %s, "whatsappOptIn": %s, "marketingConsent": %s, "reminderHoursBefore": %d}
                """.formatted(email, sms, whatsapp, marketing, hours);
    }

    private List<JsonNode> audits(UUID customer, String action) {
        JsonMapper json = JsonMapper.builder().build();
        return jdbc.sql("SELECT details::text FROM tenant_serenity.audit_logs WHERE customer_id = ? AND action = ? ORDER BY id")
                .params(customer, action).query(String.class).list().stream().map(json::readTree).toList();
    }

    private static List<String> names(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }

    private Object consentUpdatedAt(UUID customer) {
        return jdbc.sql("SELECT marketing_consent_updated_at FROM tenant_serenity.customer_notification_preferences WHERE customer_id = ?")
                .param(customer).query((rs, n) -> rs.getTimestamp(1)).list().getFirst();
    }

    private Map<String, Object> mayaRows() {
        Map<String, Object> rows = new HashMap<>(jdbc.sql(
                "SELECT first_name, last_name, email, phone, timezone, locale, version, updated_at FROM tenant_serenity.customers WHERE id = ?")
                .param(MAYA).query().singleRow());
        jdbc.sql("SELECT email_opt_in, sms_opt_in, whatsapp_opt_in, marketing_consent, reminder_hours_before, version, updated_at "
                + "FROM tenant_serenity.customer_notification_preferences WHERE customer_id = ?")
                .param(MAYA).query().singleRow().forEach((key, value) -> rows.put("prefs." + key, value));
        return rows;
    }

    private static void assertField(StudioHttp.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().path("errors").findValuesAsString("field")).contains(field);
    }
}
