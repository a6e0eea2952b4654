package dev.portico.hardening;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.hardening.ApiDocument.Operation;
import dev.portico.hardening.ApiDocument.Parameter;
import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Studio isolation, endpoint by endpoint, for every customer and admin endpoint the app documents at
 * {@code /v3/api-docs}: a new endpoint is exercised here or named in an allow-list with its reason, or
 * {@link #everyEndpointIsExercisedOrAllowListed()} fails.
 *
 * <p>Serenity (A) is the studio whose data must not leak; Ironworks (B) is where the attacker stands. Each endpoint
 * is called with Serenity's real object ids in its path, query and body, and each must hold:
 * <ul>
 * <li>a valid Serenity token at Ironworks' host is unauthenticated (401) whatever the request holds;</li>
 * <li>an Ironworks token with Serenity's ids finds nothing (404, or 400 where the id is only in the body or query);
 * the answer is the same as for ids that exist nowhere, so it cannot even tell that the object exists;</li>
 * <li>an admin token on the customer API and a customer token on the admin API are unauthenticated (401);</li>
 * <li>no token at all is unauthenticated (401);</li>
 * <li>and no answer contains any of Serenity's ids, customers' emails, phones or names, or its name
 * ({@link StudioFingerprint}).</li>
 * </ul>
 * Requests an Ironworks token may legitimately make on Ironworks' own data (its customer list, a profile update
 * with an empty body) are sent too; their answers must carry none of Serenity's data either.
 */
@DemoStudiosTest
@ExtendWith(HardeningSummary.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossTenantMatrixIntegrationTests {

    static final String A = "serenity.localhost";
    static final String B = "ironworks.localhost";

    static final String CUSTOMER_API = "/api/client-portal";
    static final String ADMIN_API = "/api/admin";

    private static final String OPERATOR_KEY = "the platform operators' API: no studio's data, the operator key is the credential "
            + "(PlatformTenantsIntegrationTests.onlyTheOperatorKeyOpensThePlatformApi)";

    /** Customer and admin endpoints that answer without a token, by design; each has its own tests of what it gives away. */
    static final Map<String, String> PUBLIC_BY_DESIGN = Map.ofEntries(
            entry("GET /api/client-portal/branding",
                    "the login page's studio name, theme and channels; nothing personal (TenantIsolationIntegrationTests)"),
            entry("POST /api/client-portal/auth/request-link",
                    "starts a login; the same answer whether or not the customer exists (CustomerLoginIntegrationTests), rate-limited (LimitsAndHeadersIntegrationTests)"),
            entry("POST /api/client-portal/auth/verify",
                    "the link's token is the credential, valid at its own studio only (CustomerLoginIntegrationTests.aLinkFromAnotherStudioIsNotValidHere)"),
            entry("POST /api/client-portal/auth/refresh",
                    "the refresh cookie is the credential, valid at its own studio only (TokenAttacksIntegrationTests)"),
            entry("POST /api/client-portal/auth/logout",
                    "the refresh cookie is the credential, valid at its own studio only (TokenAttacksIntegrationTests)"),
            entry("POST /api/admin/auth/login",
                    "the admin's password is the credential, checked at the host's studio only (AdminApiIntegrationTests), rate-limited"));

    /** Endpoints outside the customer and admin APIs, each with a credential of its own. */
    static final Map<String, String> OTHER_CREDENTIALS = Map.ofEntries(
            entry("GET /portal/theme.css", "the studio's public theme tokens for its portal page (PortalPagesIntegrationTests)"),
            entry("GET /api/calendar/{token}.ics",
                    "a private calendar feed whose URL secret is the credential (CalendarIntegrationTests; aCalendarFeedOfOneStudioIsNotFoundAtTheOther here)"),
            entry("POST /api/webhooks/payments/{pluginId}", "the payment provider's signature is the credential (PaymentsIntegrationTests)"),
            entry("GET /api/dev/inbox", "the demo profile's outbox; not served outside the demo (DevelopmentModeIntegrationTests)"),
            entry("GET /api/platform/tenants", OPERATOR_KEY),
            entry("POST /api/platform/tenants", OPERATOR_KEY),
            entry("POST /api/platform/tenants/reload", OPERATOR_KEY),
            entry("DELETE /api/platform/tenants/{slug}", OPERATOR_KEY),
            entry("POST /api/platform/tenants/{slug}/restore", OPERATOR_KEY),
            entry("* /error", "where the container forwards its own errors; answers problem+json and nothing else"));

    /** Which of Serenity's objects a path variable names, by the path segment before it. */
    static final Map<String, String> PATH_IDS = Map.ofEntries(
            entry("appointments", "appointment"), entry("customers", "customer"), entry("packages", "customerPackage"),
            entry("staff", "staff"), entry("time-off", "timeOff"), entry("services", "service"), entry("locations", "location"),
            entry("package-products", "product"), entry("payments", "payment"), entry("sessions", "session"),
            entry("schedule", "rule"), entry("admins", "admin"));

    /** Path variables that name no studio's object: plugins are installed once for all studios. */
    static final Map<String, String> SHARED_PATH_IDS = Map.of("plugins", "notify-dev-inbox");

    /** Which of Serenity's objects a query parameter names. */
    static final Map<String, String> QUERY_IDS = Map.of("serviceId", "service", "staffId", "staff", "locationId", "location",
            "ruleId", "rule", "customerId", "customer", "appointmentId", "appointment");

    /**
     * The body each endpoint that takes one is sent, valid enough to get past validation to the lookup. Placeholders
     * name Serenity's objects; {@code {GET}} is Serenity's own answer to a GET of the same path (what its admin would
     * send back). {@code {}} is for endpoints that take no id: there the call can only concern the caller's studio.
     */
    static final Map<String, String> BODIES = Map.ofEntries(
            entry("PUT /api/client-portal/profile", "{}"),
            entry("PUT /api/client-portal/preferences", "{}"),
            entry("POST /api/client-portal/packages/purchase", "{\"productId\":\"{product}\"}"),
            entry("POST /api/client-portal/appointments",
                    "{\"serviceId\":\"{service}\",\"staffId\":\"{staff}\",\"startsAt\":\"{future}\",\"payWith\":\"credits\"}"),
            entry("POST /api/client-portal/appointments/{id}/reschedule", "{\"startsAt\":\"{future}\"}"),
            entry("POST /api/client-portal/appointments/{id}/cancel", "{\"reason\":\"hardening probe\"}"),
            entry("PUT /api/admin/templates", "{}"),
            entry("PUT /api/admin/settings", "{}"),
            entry("PUT /api/admin/policies", "{}"),
            entry("PUT /api/admin/branding", "{}"),
            entry("PUT /api/admin/plugins/{id}", "{}"),
            entry("POST /api/admin/staff", "{}"),
            entry("POST /api/admin/services", "{}"),
            entry("POST /api/admin/locations", "{}"),
            entry("POST /api/admin/package-products", "{}"),
            entry("POST /api/admin/customers", "{}"),
            entry("POST /api/admin/admins", "{}"),
            // The front desk account as it is: were the lookup to let another studio's id through, nothing would change.
            entry("PUT /api/admin/admins/{id}", "{\"role\":\"FRONT_DESK\",\"active\":true}"),
            entry("PUT /api/admin/staff/{id}", "{GET}"),
            entry("PUT /api/admin/services/{id}", "{GET}"),
            entry("PUT /api/admin/locations/{id}", "{GET}"),
            entry("PUT /api/admin/package-products/{id}", "{GET}"),
            entry("PUT /api/admin/schedule/{id}", "{GET}"),
            entry("PUT /api/admin/customers/{id}", "{GET}"),
            entry("PATCH /api/admin/schedule/sessions/{id}", "{GET}"),
            // A version no staff member has: were the location check to let a foreign location through, the write
            // would still be refused as stale.
            entry("PUT /api/admin/staff/{id}/working-hours",
                    "{\"hours\":[{\"weekday\":1,\"start\":\"09:00\",\"end\":\"10:00\",\"locationId\":\"{location}\"}],\"version\":999999}"),
            entry("POST /api/admin/staff/{id}/time-off",
                    "{\"startsAt\":\"{future}\",\"endsAt\":\"{futureEnd}\",\"reason\":\"hardening probe\"}"),
            entry("POST /api/admin/schedule",
                    "{\"serviceId\":\"{service}\",\"staffId\":\"{staff}\",\"locationId\":\"{location}\",\"weekdays\":[1],"
                            + "\"startTime\":\"06:00\",\"from\":\"{farDate}\",\"capacity\":10}"),
            entry("POST /api/admin/schedule/sessions/{id}/cancel", "{\"reason\":\"hardening probe\"}"),
            entry("POST /api/admin/customers/{id}/merge", "{\"duplicateId\":\"{otherCustomer}\"}"),
            entry("POST /api/admin/customers/{id}/deactivate", "{\"reason\":\"hardening probe\"}"),
            entry("POST /api/admin/customers/{customerId}/packages", "{\"packageProductId\":\"{product}\",\"reason\":\"hardening probe\"}"),
            entry("POST /api/admin/customers/{customerId}/packages/{packageId}/adjust", "{\"delta\":1,\"reason\":\"hardening probe\"}"),
            entry("POST /api/admin/customers/{customerId}/packages/{packageId}/extend",
                    "{\"expiresAt\":\"{future}\",\"reason\":\"hardening probe\"}"));

    /**
     * Ironworks' own object in the path and Serenity's in the body: the body's id must be looked up in the caller's
     * studio too. Path variables are filled from these Ironworks objects instead of Serenity's.
     */
    static final Map<String, Map<String, String>> OWN_OBJECT_FOREIGN_BODY = Map.of(
            "POST /api/admin/customers/{id}/merge", Map.of("customer", "b.customer"),
            "POST /api/admin/customers/{customerId}/packages", Map.of("customer", "b.customer"),
            "PUT /api/admin/staff/{id}/working-hours", Map.of("staff", "b.staff"));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z.]+)}");
    private static final Pattern UUIDS = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID MAYA = UUID.fromString("5e000010-0000-4000-8000-000000000001");
    private static final UUID OMAR = UUID.fromString("5e000010-0000-4000-8000-000000000002");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens tokens;

    StudioHttp http;
    List<Operation> operations;
    StudioFingerprint serenity;
    /** Serenity's objects by kind, and Ironworks' own (keys starting {@code b.}), and the times bodies use. */
    final Map<String, String> ids = new HashMap<>();
    /** Serenity's own answers to GETs, for {@code {GET}} bodies, by path. */
    final Map<String, String> representations = new HashMap<>();
    String serenityOwner;
    String serenityCustomer;
    String ironworksOwner;
    String ironworksCustomer;

    @BeforeAll
    void findSerenitysObjectsAndLogIn() {
        http = new StudioHttp(port);
        operations = ApiDocument.fetch(http);
        serenityOwner = http.adminToken(A, "owner@serenity.example", "serenity-demo");
        ironworksOwner = http.adminToken(B, "owner@ironworks.example", "ironworks-demo");
        serenityCustomer = customerToken("serenity", MAYA);

        // Ironworks' own customer for this class, so that calls on "one's own data" change nobody else's.
        StudioHttp.Response created = http.json("POST", B, "/api/admin/customers", ironworksOwner,
                "{\"firstName\":\"Hardening\",\"lastName\":\"Probe\",\"email\":\"hardening-" + UUID.randomUUID() + "@example.com\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ids.put("b.customer", created.json().path("id").asString());
        ironworksCustomer = customerToken("ironworks", UUID.fromString(ids.get("b.customer")));
        ids.put("b.staff", jdbc.sql("SELECT id::text FROM tenant_ironworks.staff ORDER BY id LIMIT 1").query(String.class).single());

        OffsetDateTime future = OffsetDateTime.now(ZoneOffset.ofHours(4)).plusDays(20).truncatedTo(ChronoUnit.DAYS).withHour(10);
        ids.put("future", future.toString());
        ids.put("futureEnd", future.plusHours(1).toString());
        ids.put("farDate", LocalDate.now().plusYears(3).toString());

        ids.put("customer", MAYA.toString());
        ids.put("otherCustomer", OMAR.toString());
        ids.put("appointment", first("SELECT id::text FROM tenant_serenity.appointments WHERE customer_id = ? ORDER BY starts_at DESC", MAYA));
        ids.put("customerPackage", first("SELECT id::text FROM tenant_serenity.customer_packages WHERE customer_id = ? ORDER BY expires_at DESC", MAYA));
        ids.put("payment", first("SELECT id::text FROM tenant_serenity.payments WHERE customer_id = ? ORDER BY created_at DESC", MAYA));
        ids.put("staff", "5e000002-0000-4000-8000-000000000001");
        ids.put("service", "5e000003-0000-4000-8000-000000000001");
        ids.put("location", "5e000001-0000-4000-8000-000000000001");
        ids.put("product", first("SELECT id::text FROM tenant_serenity.package_products WHERE active ORDER BY id", null));
        ids.put("admin", jdbc.sql("SELECT id::text FROM platform.admin_users WHERE email = 'desk@serenity.example'")
                .query(String.class).single());
        ids.put("session", first("SELECT id::text FROM tenant_serenity.class_sessions WHERE starts_at > now() AND status = 'SCHEDULED' ORDER BY starts_at", null));
        // Made by Serenity's owner, as any studio would: a rule starting in three years has no sessions yet.
        StudioHttp.Response rule = http.json("POST", A, "/api/admin/schedule", serenityOwner, fill(BODIES.get("POST /api/admin/schedule")));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        ids.put("rule", rule.json().path("rule").path("id").asString());
        StudioHttp.Response timeOff = http.json("POST", A, "/api/admin/staff/" + ids.get("staff") + "/time-off", serenityOwner,
                "{\"startsAt\":\"" + LocalDate.now().plusYears(3) + "T10:00:00+04:00\",\"endsAt\":\"" + LocalDate.now().plusYears(3)
                        + "T11:00:00+04:00\",\"reason\":\"hardening\"}");
        assertThat(timeOff.status()).as(timeOff.body()).isEqualTo(201);
        ids.put("timeOff", timeOff.json().path("id").asString());

        serenity = StudioFingerprint.of(jdbc, "serenity", "Serenity Yoga & Pilates", "ironworks");
        for (Operation operation : operations) {
            HardeningSummary.endpoint(operation.key(), treatment(operation));
        }
    }

    @AfterAll
    void removeTheTimeOff() {
        http.json("DELETE", A, "/api/admin/staff/" + ids.get("staff") + "/time-off/" + ids.get("timeOff"), serenityOwner, null);
        http.json("POST", A, "/api/admin/schedule/" + ids.get("rule") + "/deactivate", serenityOwner, null);
    }

    /** The suite's own completeness: nothing in the API document is left out silently. */
    @Test
    void everyEndpointIsExercisedOrAllowListed() {
        List<String> neither = new ArrayList<>();
        for (Operation operation : operations) {
            if (allowListed(operation).isPresent()) {
                continue;
            }
            if (!studioApi(operation)) {
                neither.add(operation + ": outside the customer and admin APIs and not allow-listed");
                continue;
            }
            gap(operation).ifPresent(gap -> neither.add(operation + ": " + gap));
        }
        assertThat(neither).as("endpoints this suite neither exercises nor allow-lists with a reason").isEmpty();

        List<String> documented = operations.stream().map(Operation::key).toList();
        List<String> stale = new ArrayList<>();
        Stream.of(PUBLIC_BY_DESIGN.keySet(), OTHER_CREDENTIALS.keySet(), BODIES.keySet(), OWN_OBJECT_FOREIGN_BODY.keySet())
                .flatMap(java.util.Collection::stream)
                .filter(key -> !key.startsWith("* ") && !documented.contains(key))
                .forEach(stale::add);
        assertThat(stale).as("allow-list and body entries for endpoints the document no longer has").isEmpty();
    }

    /** The leak check is not blind: Serenity's own answers are full of what it looks for. */
    @Test
    void theFingerprintFindsSerenitysDataInSerenitysOwnAnswers() {
        assertThat(serenity.foundIn(http.json("GET", A, "/api/admin/customers", serenityOwner, null).body()))
                .contains("omar@example.com", OMAR.toString());
        assertThat(serenity.foundIn(http.json("GET", A, "/api/client-portal/appointments?status=past", serenityCustomer, null).body()))
                .contains("Vinyasa Flow");
        assertThat(serenity.foundIn(http.json("GET", A, "/api/client-portal/me", serenityCustomer, null).body()))
                .contains("Serenity Yoga & Pilates");
        assertThat(serenity.foundIn(http.json("GET", B, "/api/admin/customers", ironworksOwner, null).body()))
                .as("Ironworks' own customer list").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> aValidTokenOfOneStudioIsUnauthenticatedAtAnother() {
        return exercised().map(operation -> DynamicTest.dynamicTest(operation.key(), () -> {
            Call call = foreignCall(operation, Map.of());
            StudioHttp.Response answer = send(B, serenityToken(operation), call);
            HardeningSummary.attack("Serenity's token at Ironworks' host");

            assertUnauthenticated(call, answer);
            assertLeaksNothing(call, answer);
        }));
    }

    @TestFactory
    Stream<DynamicTest> anotherStudiosIdsFindNothingAndAreIndistinguishableFromMadeUpOnes() {
        return exercised().map(operation -> DynamicTest.dynamicTest(operation.key(), () -> {
            Call call = foreignCall(operation, Map.of());
            StudioHttp.Response answer = send(B, ironworksToken(operation), call);
            HardeningSummary.attack(carriesForeignIds(call) ? "Ironworks' token with Serenity's ids" : "Ironworks' token on its own data");

            assertThat(answer.status()).as(call + " -> " + answer.body()).isLessThan(500);
            assertLeaksNothing(call, answer);
            if (foreignIdInPath(call, operation)) {
                assertThat(answer.status()).as(call + " -> " + answer.body()).isEqualTo(404);
                assertThat(answer.json().path("code").asString()).isEqualTo("NOT_FOUND");
            } else if (carriesForeignIds(call)) {
                assertThat(answer.status()).as(call + " -> " + answer.body()).isIn(operation.method().equals("GET") ? List.of(200, 404) : List.of(400, 404));
            }
            if (carriesForeignIds(call)) {
                assertIndistinguishableFromMadeUpIds(operation, call, answer);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> ownObjectsCannotBeTiedToAnotherStudiosObjects() {
        return OWN_OBJECT_FOREIGN_BODY.entrySet().stream().map(probe -> DynamicTest.dynamicTest(probe.getKey(), () -> {
            Operation operation = operations.stream().filter(o -> o.key().equals(probe.getKey())).findFirst().orElseThrow();
            Call call = foreignCall(operation, probe.getValue());
            StudioHttp.Response answer = send(B, ironworksToken(operation), call);
            HardeningSummary.attack("Ironworks' own object with Serenity's ids in the body");

            assertThat(answer.status()).as(call + " -> " + answer.body()).isIn(400, 404);
            assertLeaksNothing(call, answer);
            assertIndistinguishableFromMadeUpIds(operation, call, answer);
        }));
    }

    @TestFactory
    Stream<DynamicTest> anAdminTokenIsNoCustomerTokenAndACustomerTokenNoAdminToken() {
        return exercised().map(operation -> DynamicTest.dynamicTest(operation.key(), () -> {
            Call call = foreignCall(operation, Map.of());
            String otherAudience = operation.under(CUSTOMER_API) ? serenityOwner : serenityCustomer;
            StudioHttp.Response answer = send(A, otherAudience, call);
            HardeningSummary.attack("token of the other audience at its own studio");

            assertUnauthenticated(call, answer);
        }));
    }

    @TestFactory
    Stream<DynamicTest> onlyThePublicEndpointsAnswerWithoutAToken() {
        return exercised().map(operation -> DynamicTest.dynamicTest(operation.key(), () -> {
            Call call = foreignCall(operation, Map.of());
            StudioHttp.Response answer = send(A, null, call);
            HardeningSummary.attack("no token");

            assertUnauthenticated(call, answer);
            assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        }));
    }

    /** A feed URL is a credential of one studio: at another studio's host it opens nothing. */
    @Test
    void aCalendarFeedOfOneStudioIsNotFoundAtTheOther() {
        StudioHttp.Response feed = http.json("POST", A, "/api/client-portal/calendar-feed", serenityCustomer, null);
        assertThat(feed.status()).isEqualTo(201);
        String path = URI.create(feed.json().path("url").asString()).getPath();
        assertThat(http.get(A, path).status()).isEqualTo(200);

        StudioHttp.Response elsewhere = http.get(B, path);
        HardeningSummary.attack("Serenity's calendar feed at Ironworks' host");

        assertThat(elsewhere.status()).isEqualTo(404);
        assertLeaksNothing(new Call("GET", path, null), elsewhere);
        http.json("DELETE", A, "/api/client-portal/calendar-feed", serenityCustomer, null);
    }

    // What an endpoint is sent

    /** A request: method, path with query, and body (or none). */
    record Call(String method, String path, @Nullable String body) {

        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + body);
        }
    }

    /**
     * The endpoint called with Serenity's objects in the path, query and body; {@code own} swaps some kinds for
     * Ironworks' own objects (kind to {@code b.} key).
     */
    private Call foreignCall(Operation operation, Map<String, String> own) {
        StringBuilder path = new StringBuilder();
        String previous = "";
        for (String segment : operation.path().substring(1).split("/")) {
            path.append('/');
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String shared = SHARED_PATH_IDS.get(previous);
                String kind = PATH_IDS.get(previous);
                path.append(shared != null ? shared : ids.get(own.getOrDefault(kind, kind)));
            } else {
                path.append(segment);
            }
            previous = segment;
        }
        List<String> query = new ArrayList<>();
        for (Parameter parameter : operation.in("query")) {
            String kind = QUERY_IDS.get(parameter.name());
            if (kind != null) {
                query.add(parameter.name() + "=" + ids.get(kind));
            }
        }
        String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        String template = BODIES.get(operation.key());
        String body = template == null ? null : template.equals("{GET}") ? representation(path.toString()) : fill(template);
        return new Call(operation.method(), target, body);
    }

    /** The same call with every Serenity id replaced by one that exists nowhere. */
    private Call madeUp(Call call) {
        Map<String, String> replacements = new HashMap<>();
        return new Call(call.method(), replaceForeignIds(call.path(), replacements),
                call.body() == null ? null : replaceForeignIds(call.body(), replacements));
    }

    private String replaceForeignIds(String text, Map<String, String> replacements) {
        Matcher matcher = UUIDS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String id = matcher.group();
            matcher.appendReplacement(out, serenity.owns(id) ? replacements.computeIfAbsent(id, k -> UUID.randomUUID().toString()) : id);
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String fill(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = ids.get(matcher.group(1));
            assertThat(value).as("a value for " + matcher.group()).isNotNull();
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** What Serenity's owner reads at {@code path}: the body Serenity's own admin would send back. */
    private String representation(String path) {
        return representations.computeIfAbsent(path, p -> {
            StudioHttp.Response own = http.json("GET", A, p, serenityOwner, null);
            assertThat(own.status()).as("Serenity's own GET " + p + ": " + own.body()).isEqualTo(200);
            return own.body();
        });
    }

    private StudioHttp.Response send(String host, @Nullable String token, Call call) {
        return http.json(call.method(), host, call.path(), token, call.body());
    }

    // What an answer must be

    private void assertUnauthenticated(Call call, StudioHttp.Response answer) {
        assertThat(answer.status()).as(call + " -> " + answer.body()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    private void assertLeaksNothing(Call call, StudioHttp.Response answer) {
        String text = answer.body() + " " + answer.headers().map();
        List<String> found = serenity.foundIn(withoutEchoedPath(text, call, answer));
        if (!found.isEmpty()) {
            HardeningSummary.leak(call.toString(), found);
        }
        assertThat(found).as("Serenity's data in the answer to " + call + ": " + answer.body()).isEmpty();
    }

    /** The answer to the same call with made-up ids: anything else would tell that Serenity's objects exist. */
    private void assertIndistinguishableFromMadeUpIds(Operation operation, Call call, StudioHttp.Response answer) {
        Call madeUp = madeUp(call);
        StudioHttp.Response other = send(B, ironworksToken(operation), madeUp);
        HardeningSummary.attack("made-up ids, for comparison");
        assertThat(other.status()).as(madeUp + " -> " + other.body() + " vs " + answer.body()).isEqualTo(answer.status());
        assertThat(normalized(other, madeUp)).as(madeUp.toString()).isEqualTo(normalized(answer, call));
    }

    /** A problem's {@code instance} repeats the request's own path, ids and all: that is no leak. */
    private static String withoutEchoedPath(String text, Call call, StudioHttp.Response answer) {
        String path = URI.create(call.path()).getPath();
        return text.replace("\"instance\":\"" + path + "\"", "");
    }

    private static String normalized(StudioHttp.Response answer, Call call) {
        if (!answer.contentType().contains("json") || answer.body().isEmpty()) {
            return answer.body();
        }
        JsonNode json = JSON.readTree(answer.body());
        if (json instanceof ObjectNode object) {
            object.remove("instance");
        }
        return json.toString();
    }

    // Which endpoints, and why not

    private Stream<Operation> exercised() {
        return operations.stream().filter(o -> studioApi(o) && allowListed(o).isEmpty() && gap(o).isEmpty());
    }

    private static boolean studioApi(Operation operation) {
        return operation.under(CUSTOMER_API) || operation.under(ADMIN_API);
    }

    private static Optional<String> allowListed(Operation operation) {
        return Optional.ofNullable(PUBLIC_BY_DESIGN.get(operation.key()))
                .or(() -> Optional.ofNullable(OTHER_CREDENTIALS.get(operation.key())))
                .or(() -> Optional.ofNullable(OTHER_CREDENTIALS.get("* " + operation.path())));
    }

    /** Why this suite cannot exercise the endpoint yet, if it cannot. */
    private static Optional<String> gap(Operation operation) {
        String previous = "";
        for (String segment : operation.path().substring(1).split("/")) {
            if (segment.startsWith("{") && !PATH_IDS.containsKey(previous) && !SHARED_PATH_IDS.containsKey(previous)) {
                return Optional.of("no studio object is known for path variable " + segment + " after '" + previous + "' (PATH_IDS)");
            }
            previous = segment;
        }
        for (Parameter parameter : operation.in("query")) {
            if (parameter.required() && !QUERY_IDS.containsKey(parameter.name())) {
                return Optional.of("no value is known for the required query parameter " + parameter.name());
            }
        }
        if (operation.hasBody() && !BODIES.containsKey(operation.key())) {
            return Optional.of("it takes a body and BODIES has none for it");
        }
        return Optional.empty();
    }

    private static String treatment(Operation operation) {
        if (PUBLIC_BY_DESIGN.containsKey(operation.key())) {
            return "public by design (allow-listed)";
        }
        if (allowListed(operation).isPresent()) {
            return "outside the customer and admin APIs, own credential (allow-listed)";
        }
        if (!studioApi(operation) || gap(operation).isPresent()) {
            return "NOT COVERED";
        }
        return operation.under(CUSTOMER_API) ? "exercised: customer API" : "exercised: admin API";
    }

    private boolean carriesForeignIds(Call call) {
        return !serenityIdsIn(call.path() + " " + (call.body() == null ? "" : call.body())).isEmpty();
    }

    private boolean foreignIdInPath(Call call, Operation operation) {
        return !operation.in("path").isEmpty() && !serenityIdsIn(URI.create(call.path()).getPath()).isEmpty();
    }

    private List<String> serenityIdsIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = UUIDS.matcher(text);
        while (matcher.find()) {
            if (serenity.owns(matcher.group())) {
                found.add(matcher.group());
            }
        }
        return found;
    }

    private String serenityToken(Operation operation) {
        return operation.under(CUSTOMER_API) ? serenityCustomer : serenityOwner;
    }

    private String ironworksToken(Operation operation) {
        return operation.under(CUSTOMER_API) ? ironworksCustomer : ironworksOwner;
    }

    /** A customer access token as the login issues it. */
    private String customerToken(String studio, UUID customer) {
        return tokens.issue(Audience.CUSTOMER, studio, customer.toString(), Duration.ofMinutes(15),
                Map.of("type", "access", "role", "CUSTOMER")).value();
    }

    private String first(String sql, @Nullable UUID parameter) {
        var statement = jdbc.sql(sql + " LIMIT 1");
        return (parameter == null ? statement : statement.param(parameter)).query(String.class).single();
    }
}
