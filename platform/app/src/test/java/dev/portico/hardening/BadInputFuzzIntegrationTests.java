package dev.portico.hardening;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.hardening.ApiDocument.Operation;
import dev.portico.hardening.ApiDocument.Parameter;
import dev.portico.hardening.HostileInputs.Value;
import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
 * Bad input, on every operation of {@code /v3/api-docs} that takes a request body or query parameters: a new
 * endpoint is fuzzed as soon as it is documented, or {@link #everyOperationWithInputIsFuzzedOrSaysWhyNot()} fails.
 *
 * <p>For each operation a fixed-seed generator ({@link HostileInputs}) makes hostile values for every field of its
 * body schema and every query parameter: wrong JSON types, nulls, 60KB strings, control characters, NUL, bidi
 * overrides, emoji, lone surrogates, numbers out of range, invalid UUIDs, dates, instants, timezones, phone numbers
 * and emails, SQL and script injection; and hostile bodies as a whole: malformed and truncated JSON, a body over the limit,
 * 5,000 levels of nesting, the wrong content type. Each is sent at Serenity's host with a valid token of the kind
 * the operation takes (a customer's of the suite's own, or the owner's), changing one field of a body that is
 * otherwise valid: a creation starts from a valid body ({@link #VALID_BODIES}), an update of a catalog object from
 * the object's own representation, sent to an object the suite created ({@link #own}); what is replaced as a whole
 * (the studio's settings, policies, branding and templates, the customer's profile and preferences) from its current
 * state with its version, and is put back as it was afterwards; an action on an object (cancelling a class session or
 * a booking, rescheduling, time off, working hours, credit adjustments, deactivating a customer, changing an admin
 * account) is aimed at an object of the suite's own ({@link #ACTIONS}), given a fresh one whenever an accepted request
 * used it up. Fields inside fields (a block of working hours, a theme token, a message template) are made hostile too.
 * So a hostile value that is valid after all is carried through to the database on its own. The promise, for every one:
 * <ul>
 * <li>never a 5xx: a 4xx, or a 2xx only where the value may be valid (free text); a value that must be refused
 * (a bad timezone, phone, email, UUID, date, a wrong type, a broken body) is a 4xx;</li>
 * <li>a value accepted is stored as it was sent: read back, the object (or, for an action, its entry in the audit log)
 * holds the text (less the surrounding whitespace the app trims) or the number exactly, not cut, not altered;</li>
 * <li>a 4xx is {@code application/problem+json} with a {@code code}, and shows no stack trace, exception class,
 * package name or SQL;</li>
 * <li>nothing is written by a refused request: a fingerprint of Serenity's data (every table's row count and
 * latest {@code updated_at}, less what the app's jobs change on their own, see {@link #CHANGED_BY_JOBS}; the
 * platform's studio settings, plugins, audit log and the studio's admin accounts) is the same after it as before.</li>
 * </ul>
 * {@code -Dportico.fuzz.tries=2000} makes a soak run (that many inputs per operation, past the fixed ones random
 * hostile text); {@code -Dportico.fuzz.seed=...} replays another run. Both are in the summary.
 */
@DemoStudiosTest
@ExtendWith(HardeningSummary.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputFuzzIntegrationTests {

    static final long SEED = Long.getLong("portico.fuzz.seed", 20_261_125L);
    /** Inputs per operation, besides the hostile bodies every operation gets. */
    static final int TRIES = Integer.getInteger("portico.fuzz.tries", 40);

    static final String HOST = "serenity.localhost";
    static final String SCHEMA = "tenant_serenity";

    /** Operations with input that this suite does not send hostile input to, and why. */
    static final Map<String, String> NOT_FUZZED = Map.ofEntries(
            entry("POST /api/platform/tenants",
                    "the operator API is switched off (404 before the body is read) in the shared test context; "
                            + "PlatformTenantsIntegrationTests covers its validation"),
            entry("POST /api/webhooks/payments/{pluginId}",
                    "the body is the provider's signed raw payload, refused before parsing without a valid signature "
                            + "(PaymentsIntegrationTests)"));

    /**
     * Refusals that are written down by design: a failed login or link verification is a security event, audited
     * (CustomerLoginIntegrationTests.everyStepIsAuditedAndNoTokenIsEverStored). Only the audit log may change, and only
     * on a 401 or 429.
     */
    static final Map<String, String> AUDITED_REFUSALS = Map.of(
            "POST /api/client-portal/auth/verify", "audit_logs rows",
            "POST /api/admin/auth/login", "audit_logs rows",
            "POST /api/client-portal/auth/request-link", "audit_logs rows");

    /**
     * Tables that the app's jobs change on their own, whatever the requests: the delivery job marks messages sent,
     * the hourly jobs send credit alerts (once per mark) and clean up expired links and sessions. For these only the
     * suite's own customers' rows count (a message, link or session a fuzzed request made would be theirs); their
     * {@code updated_at} is left out. Marks, and the dev inbox's messages (delivered by the job from
     * {@code outbound_messages}, which count), are written by the jobs alone.
     */
    static final Map<String, String> CHANGED_BY_JOBS = Map.of(
            "outbound_messages", "customer_id IN (:own) OR recipient LIKE 'fuzz%'",
            "customer_sessions", "customer_id IN (:own)",
            "customer_portal_tokens", "customer_id IN (:own)",
            "notification_marks", "false",
            "notify_dev_inbox_messages", "false");

    /**
     * What stands in for a path variable, by the segment before it: the suite's own customer, or an id of nothing. An
     * update of a catalog object is sent to the suite's own object of its kind instead ({@link #own}).
     */
    static final Map<String, String> PATH_VALUES = Map.of("customers", "fuzzCustomer", "plugins", "no-such-plugin");

    /** Stands for a value made fresh for each request, in {@link #VALID_BODIES}. */
    static final String UNIQUE = "0unique0";

    /**
     * Valid bodies for the creations, with only what they require (and the package product off sale, so no customer is
     * offered one): each hostile value then meets validation and the database on its own, not a missing required field.
     * {@link #UNIQUE} in a body is replaced by a fresh value on each request, where the studio wants the value unique.
     * The suite's own objects, which updates are sent to, are made from these too.
     */
    static final Map<String, String> VALID_BODIES = Map.of(
            "POST /api/admin/locations", "{\"name\":\"Fuzz room\"}",
            "POST /api/admin/staff", "{\"firstName\":\"Fuzz\",\"lastName\":\"Coach\"}",
            "POST /api/admin/services", "{\"name\":\"Fuzz class\",\"kind\":\"CLASS\",\"durationMinutes\":60}",
            "POST /api/admin/package-products", "{\"name\":\"Fuzz pack\",\"credits\":5,\"validityDays\":30,\"priceMinor\":1000,"
                    + "\"onSale\":false}",
            "POST /api/admin/customers", "{\"firstName\":\"Fuzz\",\"lastName\":\"Made\",\"email\":\"fuzz-" + UNIQUE + "@example.com\"}",
            "POST /api/admin/admins", "{\"email\":\"fuzz-admin-" + UNIQUE + "@example.com\",\"role\":\"FRONT_DESK\","
                    + "\"password\":\"fuzz-admin-password\"}");

    /**
     * Actions on an object, aimed at objects of the suite's own so that a value valid after all reaches the action, not
     * a 404: for each path variable in turn, the kind of object in {@link #own} it names. An action that uses its object
     * up (a cancellation, a deactivation) is given a fresh one after each request it accepted ({@link #renew}).
     */
    static final Map<String, List<String>> ACTIONS = Map.of(
            "PUT /api/admin/staff/{id}/working-hours", List.of("staff"),
            "POST /api/admin/staff/{id}/time-off", List.of("staff"),
            "POST /api/admin/schedule/sessions/{id}/cancel", List.of("sessionToCancel"),
            "POST /api/admin/customers/{customerId}/packages", List.of("customers"),
            "POST /api/admin/customers/{customerId}/packages/{packageId}/adjust", List.of("customers", "customer_packages"),
            "POST /api/admin/customers/{customerId}/packages/{packageId}/extend", List.of("customers", "customer_packages"),
            "POST /api/admin/customers/{id}/deactivate", List.of("customers"),
            "POST /api/client-portal/appointments/{id}/cancel", List.of("appointments"),
            "POST /api/client-portal/appointments/{id}/reschedule", List.of("appointments"),
            "PUT /api/admin/admins/{id}", List.of("admins"));

    /**
     * Valid bodies of actions where the cross-tenant suite's would not be accepted on the suite's own object: a
     * reschedule names the start of another session of the suite's own class; working hours start from the staff
     * member's own, with their version.
     */
    static final Map<String, String> ACTION_BODIES = Map.of(
            "POST /api/client-portal/appointments/{id}/reschedule", "{\"startsAt\":\"{otherSessionStart}\"}",
            "PUT /api/admin/staff/{id}/working-hours", "{GET}");

    /**
     * Where an action records what it was given, for the read-back: the action's entry in the studio's audit log (a
     * reason, a delta), which is what the studio sees of it afterwards.
     */
    static final Map<String, String> AUDITED_AS = Map.of(
            "POST /api/admin/staff/{id}/time-off", "staff.time_off_added",
            "POST /api/admin/schedule/sessions/{id}/cancel", "class_session.cancelled",
            "POST /api/admin/customers/{customerId}/packages", "credits.granted",
            "POST /api/admin/customers/{customerId}/packages/{packageId}/adjust", "credits.adjusted",
            "POST /api/admin/customers/{customerId}/packages/{packageId}/extend", "credits.expiry_extended",
            "POST /api/admin/customers/{id}/deactivate", "customer.deactivated",
            "POST /api/client-portal/appointments/{id}/cancel", "appointment.cancelled");

    /** Valid values for required query parameters, so that only the parameter being fuzzed is wrong. */
    static final Map<String, String> QUERY_VALUES = Map.of("serviceId", "service", "staffId", "staff", "locationId", "location",
            "customerId", "fuzzCustomer", "from", "today", "to", "nextWeek", "status", "upcoming");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z.]+)}");
    private static final Pattern LEAKS = Pattern.compile(
            "Exception|\\bat [a-z]+\\.[a-z]+\\.|org\\.springframework|org\\.hibernate|org\\.postgresql|java\\.lang|java\\.util|"
                    + "tools\\.jackson|com\\.fasterxml|dev\\.portico|SQLState|SQL state|PSQL|jdbc|ERROR: |tenant_[a-z]+\\.|"
                    + "Caused by");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FIELD = "__fuzzed_field__";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens tokens;

    StudioHttp http;
    JsonNode document;
    List<Operation> operations;
    String owner;
    String customer;
    String fingerprintSql;
    final Map<String, String> values = new HashMap<>();
    /**
     * The suite's own catalog objects, by table: updates ({@code PUT /api/admin/services/{id}} and the like) are sent to
     * these, starting from their own representation, never to the demo's.
     */
    final Map<String, String> own = new HashMap<>();
    /** Sessions of the suite's own classes nobody booked, each given to one accepted cancellation. */
    final Deque<String> freshSessions = new ArrayDeque<>();
    /** The suite's own classes that hand out {@link #freshSessions}, whose sessions are taken away afterwards. */
    final List<String> ownRules = new ArrayList<>();
    /** Objects a hostile but valid request created, to take away afterwards. */
    final List<Created> created = new ArrayList<>();

    /** Something a hostile but valid request created: its table, id and address. */
    record Created(String table, String id, String path) {}

    /** How each input was answered, for the summary. */
    int refused;
    int accepted;

    @BeforeAll
    void setUp() throws UnknownHostException {
        // A client address of its own: the login endpoints' per-IP limits of other classes stay untouched.
        http = new StudioHttp(port, InetAddress.getByName("127.0.0.77"));
        operations = ApiDocument.fetch(http);
        document = http.get("localhost", "/v3/api-docs").json();
        owner = new StudioHttp(port).adminToken(HOST, "owner@serenity.example", "serenity-demo");

        // The suite's own customers: whatever hostile text is accepted lands on them, not on the demo's people.
        values.put("fuzzCustomer", createCustomer("Fuzz", "One"));
        values.put("otherFuzzCustomer", createCustomer("Fuzz", "Two"));
        customer = tokens.issue(Audience.CUSTOMER, "serenity", values.get("fuzzCustomer"), Duration.ofMinutes(30),
                Map.of("type", "access", "role", "CUSTOMER")).value();

        OffsetDateTime future = OffsetDateTime.now(ZoneOffset.ofHours(4)).plusDays(20).truncatedTo(ChronoUnit.DAYS).withHour(10);
        values.put("future", future.toString());
        values.put("futureEnd", future.plusHours(1).toString());
        values.put("farDate", LocalDate.now().plusYears(3).toString());
        values.put("today", LocalDate.now().toString());
        values.put("nextWeek", LocalDate.now().plusDays(7).toString());
        values.put("upcoming", "upcoming");
        values.put("staff", "5e000002-0000-4000-8000-000000000001");
        values.put("service", "5e000003-0000-4000-8000-000000000001");
        values.put("location", "5e000001-0000-4000-8000-000000000001");
        values.put("product", jdbc.sql("SELECT id::text FROM " + SCHEMA + ".package_products WHERE active ORDER BY id LIMIT 1")
                .query(String.class).single());
        // A reference to another of the studio's customers is the suite's second one, never a demo customer.
        values.put("customer", values.get("fuzzCustomer"));
        values.put("otherCustomer", values.get("otherFuzzCustomer"));
        createOwnObjects();
        fingerprintSql = fingerprintSql();
        List.of(SERVER_ERROR, ACCEPTED_INVALID, NO_PROBLEM, INTERNALS, WRITTEN, NOT_AS_SENT).forEach(HardeningSummary::looksFor);
    }

    @AfterAll
    void takeAwayWhatWasCreated() {
        // The suite's booking is cancelled, and the sessions of its daily classes that nobody ever booked are deleted.
        http.json("POST", HOST, "/api/client-portal/appointments/" + own.get("appointments") + "/cancel", customer, "{}");
        jdbc.sql("DELETE FROM " + SCHEMA + ".staff_working_hours WHERE staff_id = ?::uuid").param(own.get("staff")).update();
        for (String rule : ownRules) {
            jdbc.sql("DELETE FROM " + SCHEMA + ".class_sessions s WHERE s.rule_id = ?::uuid AND NOT EXISTS (SELECT 1 FROM " + SCHEMA
                    + ".appointments a WHERE a.class_session_id = s.id)").param(rule).update();
        }
        // Rows that nothing refers to yet are deleted outright; a customer (with preferences and audit entries) or
        // anything else still referred to is deactivated, as the studio itself would.
        for (Created thing : created) {
            try {
                String table = thing.table().contains(".") ? thing.table() : SCHEMA + "." + thing.table();
                jdbc.sql("DELETE FROM " + table + " WHERE id = ?::uuid").param(thing.id()).update();
            } catch (org.springframework.dao.DataAccessException referred) {
                StudioHttp.Response gone = http.json("POST", HOST, thing.path() + "/deactivate", owner, "{\"reason\":\"fuzz clean-up\"}");
                assertThat(gone.status()).as("deactivating " + thing.path() + ": " + gone.body()).isLessThan(300);
            }
        }
        // Admin accounts left behind would log in and count as owners in other classes of the same context.
        assertThat(jdbc.sql("SELECT count(*) FROM platform.admin_users WHERE email LIKE 'fuzz-admin-%'").query(Long.class).single())
                .as("the suite's admin accounts, after clean-up").isZero();
        for (String id : List.of(values.get("fuzzCustomer"), values.get("otherFuzzCustomer"))) {
            http.json("POST", HOST, "/api/admin/customers/" + id + "/deactivate", owner, "{\"reason\":\"fuzz clean-up\"}");
        }
        HardeningSummary.check("bad input: requests refused (4xx) " + refused + ", accepted as valid (2xx) " + accepted
                + "; seed " + SEED + ", tries " + TRIES);
    }

    /** The suite's own completeness: every documented operation that takes input is fuzzed or says why not. */
    @Test
    void everyOperationWithInputIsFuzzedOrSaysWhyNot() {
        List<String> unknown = NOT_FUZZED.keySet().stream()
                .filter(key -> operations.stream().noneMatch(o -> o.key().equals(key))).toList();
        assertThat(unknown).as("NOT_FUZZED names operations the document no longer has").isEmpty();
        List<String> withInput = operations.stream().filter(BadInputFuzzIntegrationTests::takesInput).map(Operation::key).toList();
        assertThat(fuzzed().map(Operation::key).toList()).as("fuzzed operations")
                .containsExactlyInAnyOrderElementsOf(withInput.stream().filter(k -> !NOT_FUZZED.containsKey(k)).toList());
        assertThat(fuzzed()).as("operations with a body or query parameters").hasSizeGreaterThan(30);
    }

    /** The promise, per operation: hostile input is a 4xx problem (or valid after all), never a 5xx, never a write. */
    @TestFactory
    Stream<DynamicTest> hostileInputIsA4xxProblemAndWritesNothing() {
        return fuzzed().map(operation -> DynamicTest.dynamicTest(operation.key(), () -> fuzz(operation)));
    }

    private void fuzz(Operation operation) {
        HardeningSummary.check("bad input: operations fuzzed");
        String token = operation.under("/api/admin") && !operation.under("/api/admin/auth") ? owner
                : operation.under("/api/client-portal") && !operation.under("/api/client-portal/auth") ? customer : null;
        String path = path(operation);
        Map<String, String> query = requiredQuery(operation);
        // What is replaced as a whole starts from its current state, and is put back to it afterwards.
        @Nullable String snapshot = replacedWhole(operation) ? current(operation, path, token) : null;
        @Nullable String body = snapshot != null ? withOverride(operation, snapshot) : baseBody(operation, path, token);
        boolean update = !operation.method().equals("POST") && !operation.method().equals("GET");
        List<String> failures = new ArrayList<>();
        // The version an update must name: the object's latest, so that a value accepted is not followed by conflicts only.
        @Nullable Long version = null;
        // The object the attempts were made for, and the one they go to now: an action that used its object up moves on.
        String madeFor = path;
        try {
            if (body != null && (VALID_BODIES.containsKey(operation.key()) || own(operation) != null || snapshot != null
                    || ACTIONS.containsKey(operation.key()))) {
                // The body the fuzzing starts from is valid as it is; otherwise each field would stop at what else is wrong.
                StudioHttp.Response valid = send(operation.method(), new Attempt(path + queryString(query), "application/json", body,
                        new Value("valid body", body, false), "", false), token);
                assertThat(valid.status()).as(operation + " with the valid body it is fuzzed from: " + valid.body()).isBetween(200, 299);
                HardeningSummary.check("bad input: valid bodies fuzzed from, accepted as they are");
                remember(operation, path, valid);
                version = update ? latestVersion(valid, null) : null;
                path = renew(operation) ? path(operation) : path;
            }

            List<Attempt> attempts = attempts(operation, madeFor, query, body);
            String before = fingerprint();
            for (Attempt made : attempts) {
                Attempt attempt = withVersion(retarget(made, madeFor, path), version);
                StudioHttp.Response answer = send(operation.method(), attempt, token);
                HardeningSummary.attack(attempt.field().isEmpty() ? "bad input: hostile body as a whole"
                        : attempt.value().kind().equals("random hostile text") ? "bad input: random hostile text in a field or parameter"
                        : "bad input: hostile value in a field or parameter");
                String after = fingerprint();
                Optional<Finding> failure = judge(operation, attempt, answer, before, after);
                failure.ifPresent(f -> {
                    failures.add(f.kind() + ": " + f.detail());
                    HardeningSummary.finding(f.kind(), f.detail());
                });
                if (answer.status() < 300) {
                    accepted++;
                    remember(operation, path, answer);
                    version = update ? latestVersion(answer, version) : null;
                    storedAsSent(operation, path, attempt, answer, token).ifPresent(f -> {
                        failures.add(f.kind() + ": " + f.detail());
                        HardeningSummary.finding(f.kind(), f.detail());
                    });
                    path = renew(operation) ? path(operation) : path;
                    after = fingerprint();
                } else {
                    refused++;
                }
                before = after;
            }
        } finally {
            if (snapshot != null) {
                putBack(operation, path, token, snapshot, version).ifPresent(failures::add);
            }
        }
        assertThat(failures).as(operation + ": hostile inputs").isEmpty();
    }

    /** One broken promise: which, and the request and answer that show it. */
    record Finding(String kind, String detail) {}

    static final String SERVER_ERROR = "5xx answers";
    static final String ACCEPTED_INVALID = "invalid input accepted (2xx)";
    static final String NO_PROBLEM = "refusals without problem+json and a code";
    static final String INTERNALS = "refusals showing internals";
    static final String WRITTEN = "writes by refused requests";
    static final String NOT_AS_SENT = "accepted values not stored as sent";

    /** What is wrong with one answer, if anything. */
    private Optional<Finding> judge(Operation operation, Attempt attempt, StudioHttp.Response answer, String before, String after) {
        String what = operation.method() + " " + attempt.target() + " with " + attempt.describe() + " -> " + answer.status() + " "
                + abbreviate(answer.body());
        if (answer.status() >= 500) {
            return Optional.of(new Finding(SERVER_ERROR, what));
        }
        if (answer.status() < 300) {
            return attempt.value().mustReject() ? Optional.of(new Finding(ACCEPTED_INVALID, what)) : Optional.empty();
        }
        if (answer.status() < 400) {
            return Optional.of(new Finding(NO_PROBLEM, "neither refused nor accepted: " + what));
        }
        if (!answer.contentType().startsWith("application/problem+json") || answer.json().path("code").asString("").isEmpty()) {
            return Optional.of(new Finding(NO_PROBLEM, what));
        }
        Matcher leak = LEAKS.matcher(answer.body());
        if (leak.find()) {
            return Optional.of(new Finding(INTERNALS, leak.group() + " in " + what));
        }
        String audited = AUDITED_REFUSALS.get(operation.key());
        if (audited != null && (answer.status() == 401 || answer.status() == 429)) {
            before = without(before, audited);
            after = without(after, audited);
        }
        if (!before.equals(after)) {
            return Optional.of(new Finding(WRITTEN, difference(before, after) + " by " + what));
        }
        return Optional.empty();
    }

    // The inputs

    /** One request: where it goes, the content type and body, and the hostile value it carries. */
    record Attempt(String target, String contentType, @Nullable String body, Value value, String field, boolean inBody) {

        String describe() {
            return value.kind() + (field.isEmpty() ? "" : " in " + field) + " " + abbreviate(value.json());
        }
    }

    private List<Attempt> attempts(Operation operation, String path, Map<String, String> query, @Nullable String body) {
        SplittableRandom random = new SplittableRandom(SEED ^ operation.key().hashCode());
        String target = path + queryString(query);
        List<Attempt> attempts = new ArrayList<>();
        if (operation.hasBody()) {
            String valid = body == null ? "{}" : body;
            for (Value whole : hostileBodies(valid)) {
                String contentType = whole.kind().startsWith("content type ") ? whole.kind().substring("content type ".length())
                        : "application/json";
                attempts.add(new Attempt(target, contentType, whole.json(), whole, "", true));
            }
        }

        // One field at a time, round-robin over the fields so that each gets its share of the tries.
        Map<String, List<Attempt>> byField = new LinkedHashMap<>();
        JsonNode schema = bodySchema(operation);
        if (operation.hasBody() && body != null && body.startsWith("{")) {
            JsonNode sent = JSON.readTree(body);
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                List<Attempt> list = new ArrayList<>();
                for (Value value : HostileInputs.forField(property.getKey(), resolve(property.getValue()))) {
                    list.add(new Attempt(target, "application/json", withField(body, property.getKey(), value), value,
                            property.getKey(), true));
                }
                byField.put("body." + property.getKey(), list);
                inside("/" + property.getKey(), resolve(property.getValue()), sent.path(property.getKey()), target, body, byField, 1);
            }
        }
        for (Parameter parameter : operation.in("query")) {
            List<Attempt> list = new ArrayList<>();
            List<Value> hostile = HostileInputs.forField(parameter.name(), parameterSchema(operation, parameter.name()));
            boolean freeText = hostile.stream().anyMatch(v -> v.kind().equals("SQL injection (OR)") && !v.mustReject());
            for (Value value : hostile) {
                if (value.kind().equals("null")) {
                    continue;
                }
                if (freeText && value.kind().endsWith("for a text")) {
                    // A query has no JSON types: "{...}" in a free-text parameter is just text.
                    value = new Value(value.kind(), value.json(), false);
                }
                Map<String, String> changed = new LinkedHashMap<>(query);
                changed.put(parameter.name(), value.queryText());
                list.add(new Attempt(path + queryString(changed), "application/json", body, value, parameter.name(), false));
            }
            byField.put("query." + parameter.name(), list);
        }
        byField.values().forEach(list -> shuffle(list, random));
        List<Attempt> perField = new ArrayList<>();
        for (int round = 0; perField.size() < TRIES; round++) {
            boolean any = false;
            for (Map.Entry<String, List<Attempt>> field : byField.entrySet()) {
                if (perField.size() >= TRIES) {
                    break;
                }
                if (round < field.getValue().size()) {
                    perField.add(field.getValue().get(round));
                    any = true;
                } else if (!field.getValue().isEmpty()) {
                    // Past the fixed values: random hostile text, refused wherever the field wants no free text.
                    Attempt model = field.getValue().get(0);
                    boolean noFreeText = field.getValue().stream().map(Attempt::value).anyMatch(v -> v.mustReject()
                            && (v.kind().contains("SQL injection") || v.kind().startsWith("text for") || v.kind().startsWith("word for")));
                    Value value = HostileInputs.random(random, noFreeText);
                    perField.add(field.getKey().startsWith("body.")
                            ? new Attempt(model.target(), "application/json", withField(body, model.field(), value), value, model.field(),
                                    true)
                            : new Attempt(path + queryString(with(query, model.field(), value.queryText())), "application/json", body,
                                    value, model.field(), false));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        attempts.addAll(perField);
        return attempts;
    }

    /**
     * The fields inside a field, where the body holds some: each property of an object, the first item of an array of
     * objects, the first entry of a map (a theme token, a message template), down to three levels. They are named by
     * their JSON pointer ({@code /hours/0/start}) and made hostile one at a time like the fields at the top.
     */
    private void inside(String pointer, JsonNode schema, JsonNode sent, String target, String body, Map<String, List<Attempt>> byField,
            int depth) {
        if (depth > 3) {
            return;
        }
        if (sent.isArray() && !sent.isEmpty() && sent.get(0).isObject()) {
            inside(pointer + "/0", resolve(schema.path("items")), sent.get(0), target, body, byField, depth + 1);
            return;
        }
        if (!sent.isObject()) {
            return;
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (schema.has("properties")) {
            schema.path("properties").properties().forEach(p -> fields.put(p.getKey(), resolve(p.getValue())));
        } else if (schema.path("additionalProperties").isObject() && !sent.isEmpty()) {
            fields.put(sent.properties().iterator().next().getKey(), resolve(schema.path("additionalProperties")));
        }
        fields.forEach((name, fieldSchema) -> {
            if (name.contains("/") || name.contains("~")) {
                return;
            }
            String field = pointer + "/" + name;
            List<Attempt> list = new ArrayList<>();
            for (Value value : HostileInputs.forField(name, fieldSchema)) {
                list.add(new Attempt(target, "application/json", withField(body, field, value), value, field, true));
            }
            byField.put("body." + field, list);
            inside(field, fieldSchema, sent.path(name), target, body, byField, depth + 1);
        });
    }

    /** Hostile bodies as a whole: every one must be refused. */
    private static List<Value> hostileBodies(String valid) {
        List<Value> bodies = new ArrayList<>();
        bodies.add(new Value("malformed JSON", "{\"a\":", true));
        bodies.add(new Value("truncated JSON", valid.length() > 2 ? valid.substring(0, valid.length() / 2 + 1) : "{", true));
        bodies.add(new Value("not JSON at all", HostileInputs.SQL_OR, true));
        bodies.add(new Value("JSON array for an object", "[" + valid + "]", true));
        bodies.add(new Value("JSON string for an object", HostileInputs.quote(HostileInputs.SCRIPT), true));
        bodies.add(new Value("deeply nested JSON", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000), true));
        // One byte over portico.http.max-request-body (64KB): answered 413 unread. A body far larger, sent without
        // waiting for an answer, can meet a reset instead: Tomcat discards up to max-swallow-size of it after the
        // answer, then closes while the client is still sending (LimitsAndHeadersIntegrationTests covers the limit).
        bodies.add(new Value("body over the limit", "{\"a\":\"" + "x".repeat(64 * 1024 + 1 - 8) + "\"}", true));
        bodies.add(new Value("content type text/plain", valid, true));
        bodies.add(new Value("content type application/xml", "<a><![CDATA[" + HostileInputs.SCRIPT + "]]></a>", true));
        return bodies;
    }

    /** The body with {@code field} (a name at the top, or a JSON pointer to a field inside) set to {@code value}. */
    private static String withField(@Nullable String body, String field, Value value) {
        ObjectNode object = (ObjectNode) JSON.readTree(body == null ? "{}" : body);
        ObjectNode parent = object;
        String name = field;
        if (field.startsWith("/")) {
            String[] steps = field.substring(1).split("/");
            JsonNode at = object;
            for (int i = 0; i < steps.length - 1; i++) {
                at = at.isArray() ? at.get(Integer.parseInt(steps[i])) : at.get(steps[i]);
            }
            parent = (ObjectNode) at;
            name = steps[steps.length - 1];
        }
        parent.put(name, FIELD);
        return object.toString().replace("\"" + FIELD + "\"", value.json());
    }

    private static Map<String, String> with(Map<String, String> query, String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(query);
        changed.put(name, value);
        return changed;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    // Where and what: path, query, the valid body one field is changed in

    private static boolean takesInput(Operation operation) {
        return operation.hasBody() || !operation.in("query").isEmpty();
    }

    private Stream<Operation> fuzzed() {
        // The customer's own data first: the admin's deactivate and merge, last, end the suite's customer.
        return operations.stream().filter(BadInputFuzzIntegrationTests::takesInput).filter(o -> !NOT_FUZZED.containsKey(o.key()))
                .sorted(Comparator.comparing((Operation o) -> o.under("/api/client-portal") ? 0 : 1)
                        .thenComparing(o -> o.path().endsWith("/deactivate") || o.path().endsWith("/merge") ? 1 : 0)
                        .thenComparing(Operation::key));
    }

    private String path(Operation operation) {
        StringBuilder path = new StringBuilder();
        String previous = "";
        @Nullable String ownObject = own(operation);
        List<String> ownObjects = ACTIONS.getOrDefault(operation.key(), List.of());
        int variable = 0;
        for (String segment : operation.path().substring(1).split("/")) {
            path.append('/');
            if (segment.startsWith("{") && ownObject != null) {
                path.append(ownObject);
            } else if (segment.startsWith("{") && variable < ownObjects.size()) {
                path.append(own.get(ownObjects.get(variable++)));
            } else if (segment.startsWith("{")) {
                String suffix = segment.endsWith(".ics}") ? ".ics" : "";
                String kind = PATH_VALUES.get(previous);
                // Any other object: an id of nothing, so that a request valid after all changes nobody's data.
                path.append(kind == null ? UUID.randomUUID().toString() + suffix : values.getOrDefault(kind, kind));
            } else {
                path.append(segment);
            }
            previous = segment;
        }
        return path.toString();
    }

    private Map<String, String> requiredQuery(Operation operation) {
        Map<String, String> query = new LinkedHashMap<>();
        for (Parameter parameter : operation.in("query")) {
            if (parameter.required()) {
                String kind = QUERY_VALUES.getOrDefault(parameter.name(), parameter.name());
                query.put(parameter.name(), operation.path().equals("/api/dev/inbox") ? "fuzz@example.com" : values.getOrDefault(kind, "x"));
            }
        }
        return query;
    }

    private static String queryString(Map<String, String> query) {
        return query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The valid body one field at a time is made hostile in: the cross-tenant suite's, with this studio's values. */
    private @Nullable String baseBody(Operation operation, String path, @Nullable String token) {
        String template = switch (operation.key()) {
            case "POST /api/client-portal/auth/request-link" -> "{\"email\":\"fuzz-nobody@example.com\"}";
            case "POST /api/client-portal/auth/verify" -> "{\"token\":\"" + "A".repeat(43) + "\"}";
            case "POST /api/admin/auth/login" -> "{\"email\":\"owner@serenity.example\",\"password\":\"not-the-password\"}";
            default -> ACTION_BODIES.getOrDefault(operation.key(),
                    VALID_BODIES.getOrDefault(operation.key(), CrossTenantMatrixIntegrationTests.BODIES.get(operation.key())));
        };
        if (template == null) {
            return operation.hasBody() ? "{}" : null;
        }
        if (template.equals("{GET}") && ACTIONS.containsKey(operation.key())) {
            return current(operation, path, token);
        }
        if (template.equals("{GET}")) {
            // The suite's own object's representation, sent back to it: as real as a body gets, and a value valid after
            // all is carried through to the update.
            assertThat(own(operation)).as("an object of the suite's own to update with " + operation).isNotNull();
            StudioHttp.Response current = http.json("GET", HOST, path, owner, null);
            assertThat(current.status()).as("GET " + path + ": " + current.body()).isEqualTo(200);
            return current.body();
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), UUID.randomUUID().toString())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String table(Operation operation) {
        String path = operation.path();
        if (path.startsWith("/api/admin/admins")) {
            // Admin accounts are the platform's, not the studio schema's.
            return "platform.admin_users";
        }
        if (path.startsWith("/api/admin/schedule/sessions")) {
            return "class_sessions";
        }
        if (path.startsWith("/api/admin/schedule")) {
            return "class_schedule_rules";
        }
        return path.split("/")[3].replace('-', '_');
    }

    /** The suite's own object an update of a catalog object ({@code {GET}} body) is sent to; null for any other operation. */
    private @Nullable String own(Operation operation) {
        return "{GET}".equals(CrossTenantMatrixIntegrationTests.BODIES.get(operation.key())) ? own.get(table(operation)) : null;
    }

    /**
     * The suite's own objects, made through the API from {@link #VALID_BODIES}: a location, an instructor, a service, a
     * package product; a weekly class of them with one session; and its customer. Taken away afterwards.
     */
    private void createOwnObjects() {
        own.put("customers", values.get("fuzzCustomer"));
        List<Created> made = new ArrayList<>();
        for (String path : List.of("/api/admin/locations", "/api/admin/staff", "/api/admin/services", "/api/admin/package-products")) {
            StudioHttp.Response answer = http.json("POST", HOST, path, owner, VALID_BODIES.get("POST " + path));
            assertThat(answer.status()).as("POST " + path + ": " + answer.body()).isEqualTo(201);
            String table = path.split("/")[3].replace('-', '_');
            own.put(table, answer.json().path("id").asString());
            made.add(new Created(table, own.get(table), path + "/" + own.get(table)));
        }
        LocalDate day = LocalDate.now().plusDays(21);
        StudioHttp.Response rule = http.json("POST", HOST, "/api/admin/schedule", owner, "{\"serviceId\":\"" + own.get("services")
                + "\",\"staffId\":\"" + own.get("staff") + "\",\"locationId\":\"" + own.get("locations") + "\",\"weekdays\":["
                + day.getDayOfWeek().getValue() + "],\"startTime\":\"07:00\",\"from\":\"" + day + "\",\"until\":\"" + day
                + "\",\"capacity\":4}");
        assertThat(rule.status()).as("POST /api/admin/schedule: " + rule.body()).isEqualTo(201);
        own.put("class_schedule_rules", rule.json().path("rule").path("id").asString());
        StudioHttp.Response sessions = http.json("GET", HOST, "/api/admin/schedule/sessions?ruleId=" + own.get("class_schedule_rules"),
                owner, null);
        assertThat(sessions.json().path("items").size()).as("the suite's own class: " + sessions.body()).isEqualTo(1);
        own.put("class_sessions", sessions.json().path("items").get(0).path("id").asString());
        // Working hours of the suite's own instructor, so that the fuzzing of working hours has a block to change.
        long staffVersion = http.json("GET", HOST, "/api/admin/staff/" + own.get("staff"), owner, null).json().path("version").asLong();
        StudioHttp.Response hours = http.json("PUT", HOST, "/api/admin/staff/" + own.get("staff") + "/working-hours", owner,
                "{\"hours\":[{\"weekday\":1,\"start\":\"09:00\",\"end\":\"10:00\",\"locationId\":\"" + own.get("locations")
                        + "\"}],\"version\":" + staffVersion + "}");
        assertThat(hours.status()).as("working hours of the suite's instructor: " + hours.body()).isEqualTo(200);
        // The class first: what it is made of is still referred to until it is deactivated.
        created.add(new Created("class_schedule_rules", own.get("class_schedule_rules"), "/api/admin/schedule/" + own.get("class_schedule_rules")));

        // Daily classes of the suite's own, early and late, over the coming weeks: their sessions are used up one by one
        // by the cancellations of a session, and the last two are what the suite's customer books and moves its booking to.
        LocalDate first = LocalDate.now().plusDays(2);
        for (String time : List.of("05:00", "20:00")) {
            StudioHttp.Response daily = http.json("POST", HOST, "/api/admin/schedule", owner, "{\"serviceId\":\"" + own.get("services")
                    + "\",\"staffId\":\"" + own.get("staff") + "\",\"locationId\":\"" + own.get("locations")
                    + "\",\"weekdays\":[1,2,3,4,5,6,7],\"startTime\":\"" + time + "\",\"from\":\"" + first + "\",\"until\":\""
                    + first.plusDays(24) + "\",\"capacity\":4}");
            assertThat(daily.status()).as("POST /api/admin/schedule: " + daily.body()).isEqualTo(201);
            String ruleId = daily.json().path("rule").path("id").asString();
            ownRules.add(ruleId);
            created.add(new Created("class_schedule_rules", ruleId, "/api/admin/schedule/" + ruleId));
            StudioHttp.Response its = http.json("GET", HOST, "/api/admin/schedule/sessions?limit=200&ruleId=" + ruleId, owner, null);
            its.json().path("items").forEach(session -> freshSessions.add(session.path("id").asString()));
        }
        // An admin account of the suite's own, front desk, for the changes of an account to act on.
        StudioHttp.Response admin = http.json("POST", HOST, "/api/admin/admins", owner, VALID_BODIES.get("POST /api/admin/admins")
                .replace(UNIQUE, UUID.randomUUID().toString().substring(0, 8)));
        assertThat(admin.status()).as("POST /api/admin/admins: " + admin.body()).isEqualTo(201);
        own.put("admins", admin.json().path("id").asString());
        made.add(new Created("platform.admin_users", own.get("admins"), "/api/admin/admins/" + own.get("admins")));
        created.addAll(made);
        assertThat(freshSessions).as("sessions of the suite's daily classes").hasSizeGreaterThan(40);
        own.put("sessionToCancel", freshSessions.poll());
        values.put("sessionStart", startOf(freshSessions.pollLast()));
        values.put("otherSessionStart", startOf(freshSessions.pollLast()));

        // A package of the suite's own product for its customer: the credit adjustments and extensions act on it, and
        // the customer's booking, which the customer's cancellations and reschedules act on, is paid with it.
        StudioHttp.Response granted = http.json("POST", HOST, "/api/admin/customers/" + own.get("customers") + "/packages", owner,
                "{\"packageProductId\":\"" + own.get("package_products") + "\",\"reason\":\"fuzz\"}");
        assertThat(granted.status()).as("granting the suite's customer a package: " + granted.body()).isEqualTo(201);
        own.put("customer_packages", granted.json().path("id").asString());
        own.put("appointments", book());
    }

    private String startOf(@Nullable String session) {
        StudioHttp.Response found = http.json("GET", HOST, "/api/admin/schedule/sessions/" + session, owner, null);
        assertThat(found.status()).as("GET session " + session + ": " + found.body()).isEqualTo(200);
        return found.json().path("startsAt").asString();
    }

    /** The object's version after an accepted request, for the next update to name; {@code previous} if it shows none. */
    private static @Nullable Long latestVersion(StudioHttp.Response answer, @Nullable Long previous) {
        JsonNode made = answer.json().has("rule") ? answer.json().path("rule") : answer.json();
        return made.path("version").isNumber() ? Long.valueOf(made.path("version").asLong()) : previous;
    }

    /** The attempt naming the object's latest version, unless the version is what is fuzzed or the body is hostile as a whole. */
    private static Attempt withVersion(Attempt attempt, @Nullable Long version) {
        if (version == null || attempt.body() == null || attempt.field().isEmpty() || attempt.field().equals("version")) {
            return attempt;
        }
        return new Attempt(attempt.target(), attempt.contentType(),
                attempt.body().replaceFirst("\"version\":-?\\d+", "\"version\":" + version), attempt.value(), attempt.field(),
                attempt.inBody());
    }

    /**
     * A value accepted is stored as it was sent: the object read back (the new one at its address, or the one updated)
     * holds the text, less the surrounding whitespace the app trims, or the number exactly. Fields the object does not
     * show back under the same name (a password, a reason), values read as absent (null, blank) and the version (the
     * app's count of changes, which a creation ignores and an update moves on) are not compared.
     */
    private Optional<Finding> storedAsSent(Operation operation, String path, Attempt attempt, StudioHttp.Response answer,
            @Nullable String token) {
        String json = attempt.value().json();
        boolean text = json.startsWith("\"");
        boolean number = json.matches("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
        if (!attempt.inBody() || attempt.field().isEmpty() || attempt.field().equals("version") || !text && !number
                || text && HostileInputs.unquote(json).isBlank()) {
            return Optional.empty();
        }
        JsonNode made = answer.json().has("rule") ? answer.json().path("rule") : answer.json();
        String readBack;
        @Nullable String audited = AUDITED_AS.get(operation.key());
        if (audited != null) {
            readBack = "/api/admin/audit?limit=1&action=" + audited;
        } else if (operation.method().equals("POST") && operation.in("path").isEmpty() && answer.status() == 201 && made.path("id").isString()) {
            readBack = path + "/" + made.path("id").asString();
        } else if (operation.method().equals("PUT") || operation.method().equals("PATCH")) {
            readBack = path;
        } else {
            return Optional.empty();
        }
        StudioHttp.Response stored = http.json("GET", HOST, readBack, audited != null ? owner : token, null);
        JsonNode object = audited != null ? stored.json().path("items").path(0).path("details")
                : stored.json().has("rule") ? stored.json().path("rule") : stored.json();
        JsonNode node = attempt.field().startsWith("/") ? object.at(attempt.field()) : object.path(attempt.field());
        if (stored.status() != 200 || node.isMissingNode()) {
            return Optional.empty();
        }
        HardeningSummary.check(own(operation) != null ? "bad input: hostile values accepted, updated on the suite's own object and read back"
                : VALID_BODIES.containsKey(operation.key()) ? "bad input: hostile values accepted, created from a valid body and read back"
                : replacedWhole(operation) ? "bad input: hostile values accepted, replaced in the current state and read back"
                : audited != null ? "bad input: hostile values accepted by an action on the suite's own object, read back from the audit log"
                : "bad input: hostile values accepted elsewhere and read back");
        // Some actions keep text exactly as sent, others less the surrounding whitespace: either is the text as sent.
        boolean same = text ? node.isString() && (node.asString().equals(HostileInputs.unquote(json).strip())
                || node.asString().equals(HostileInputs.unquote(json)))
                : node.isNumber() && node.decimalValue().compareTo(new BigDecimal(json)) == 0;
        return same ? Optional.empty() : Optional.of(new Finding(NOT_AS_SENT, operation.method() + " " + attempt.target() + " with "
                + attempt.describe() + " -> " + answer.status() + ", read back from " + readBack + ": " + abbreviate(node.toString())));
    }

    /**
     * The studio's message templates with one override of the login link's English message added where the studio has
     * none: its subject, text and HTML are fuzzed then too, not only the set as a whole. Any other state as it is.
     */
    private static String withOverride(Operation operation, String state) {
        ObjectNode body = (ObjectNode) JSON.readTree(state);
        if (!operation.path().equals("/api/admin/templates") || body.path("templates").size() > 0) {
            return state;
        }
        body.set("templates", JSON.readTree("{\"auth.login_link\":{\"en\":{\"subject\":\"Sign in to {{studioName}}\","
                + "\"text\":\"Your link to {{studioName}}\",\"html\":\"<p>Your link to {{studioName}}</p>\"}}}"));
        return body.toString();
    }

    /** A replacement of a whole resource that has no id of its own (the studio's settings, the customer's profile...). */
    private static boolean replacedWhole(Operation operation) {
        return operation.method().equals("PUT") && operation.in("path").isEmpty();
    }

    /**
     * The resource's current state as the body that replaces it: what GET answers (with its version, where it has one),
     * less what the replacement does not take (the theme packs offered, say). Working hours are answered as
     * {@code items} and replaced as {@code hours}.
     */
    private String current(Operation operation, String path, @Nullable String token) {
        StudioHttp.Response current = http.json("GET", HOST, path, token, null);
        assertThat(current.status()).as("GET " + path + ", the state replacements start from: " + current.body()).isEqualTo(200);
        ObjectNode state = (ObjectNode) current.json();
        if (operation.path().endsWith("/working-hours")) {
            state.set("hours", state.remove("items"));
        }
        ObjectNode body = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> property : bodySchema(operation).path("properties").properties()) {
            if (state.has(property.getKey())) {
                body.set(property.getKey(), state.get(property.getKey()));
            }
        }
        return body.toString();
    }

    /**
     * Puts what was replaced back as it was before the fuzzing (naming its latest version), and checks that it reads back
     * so: other classes in the same context depend on Serenity's settings and policies. What is wrong, if anything.
     */
    private Optional<String> putBack(Operation operation, String path, @Nullable String token, String snapshot, @Nullable Long version) {
        String body = version == null ? snapshot : snapshot.replaceFirst("\"version\":-?\\d+", "\"version\":" + version);
        StudioHttp.Response restored = http.json(operation.method(), HOST, path, token, body);
        if (restored.status() >= 300) {
            return Optional.of("putting back " + path + ": " + restored.status() + " " + abbreviate(restored.body()));
        }
        ObjectNode now = (ObjectNode) JSON.readTree(current(operation, path, token));
        ObjectNode before = (ObjectNode) JSON.readTree(snapshot);
        now.remove("version");
        before.remove("version");
        HardeningSummary.invariant("bad input: what was replaced as a whole is put back as it was");
        return now.equals(before) ? Optional.empty() : Optional.of("put back " + path + " reads " + abbreviate(now.toString())
                + ", was " + abbreviate(before.toString()));
    }

    /**
     * After a request an action accepted, a fresh object if the action used its own up, so that the next request acts
     * again rather than meet a conflict: the next unbooked session to cancel, the customer reactivated, a new booking
     * of the suite's own class. True if the action now goes to another object.
     */
    private boolean renew(Operation operation) {
        switch (operation.key()) {
            case "POST /api/admin/schedule/sessions/{id}/cancel" -> {
                // Once they run out (a soak run), the rest meet SESSION_ALREADY_CANCELLED: a 4xx like any other.
                if (freshSessions.isEmpty()) {
                    return false;
                }
                own.put("sessionToCancel", freshSessions.poll());
                return true;
            }
            case "POST /api/admin/customers/{id}/deactivate" -> {
                StudioHttp.Response back = http.json("POST", HOST, "/api/admin/customers/" + own.get("customers") + "/reactivate", owner, null);
                assertThat(back.status()).as("reactivating the suite's customer: " + back.body()).isEqualTo(200);
                return false;
            }
            case "POST /api/client-portal/appointments/{id}/reschedule" -> {
                StudioHttp.Response cancelled = http.json("POST", HOST, "/api/client-portal/appointments/" + own.get("appointments")
                        + "/cancel", customer, "{\"reason\":\"fuzz: booked afresh\"}");
                assertThat(cancelled.status()).as("cancelling the moved booking: " + cancelled.body()).isEqualTo(200);
                own.put("appointments", book());
                return true;
            }
            case "POST /api/client-portal/appointments/{id}/cancel" -> {
                own.put("appointments", book());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** A booking of the suite's customer in the suite's own class, paid with the package the suite granted it. */
    private String book() {
        StudioHttp.Response booked = http.json("POST", HOST, "/api/client-portal/appointments", customer, "{\"serviceId\":\""
                + own.get("services") + "\",\"staffId\":\"" + own.get("staff") + "\",\"startsAt\":\"" + values.get("sessionStart")
                + "\",\"payWith\":\"credits\"}");
        assertThat(booked.status()).as("booking the suite's own class: " + booked.body()).isEqualTo(201);
        return booked.json().path("id").asString();
    }

    /** The attempt sent to the object the action goes to now, if it moved on from the one the attempt was made for. */
    private static Attempt retarget(Attempt attempt, String madeFor, String now) {
        return madeFor.equals(now) ? attempt : new Attempt(now + attempt.target().substring(madeFor.length()), attempt.contentType(),
                attempt.body(), attempt.value(), attempt.field(), attempt.inBody());
    }

    /** A hostile request accepted as valid that created something: taken away after the run. */
    private void remember(Operation operation, String path, StudioHttp.Response answer) {
        // Things made under the suite's own customer (a package granted to it) go with the customer.
        JsonNode made = answer.json().has("rule") ? answer.json().path("rule") : answer.json();
        if (operation.method().equals("POST") && operation.in("path").isEmpty() && answer.status() == 201 && made.path("id").isString()) {
            String id = made.path("id").asString();
            created.add(new Created(table(operation), id, path + "/" + id));
        } else if (operation.key().equals("POST /api/admin/staff/{id}/time-off") && made.path("id").isString()) {
            created.add(0, new Created("staff_time_off", made.path("id").asString(), path + "/" + made.path("id").asString()));
        }
    }

    // The schema

    private JsonNode bodySchema(Operation operation) {
        JsonNode content = document.path("paths").path(operation.path()).path(operation.method().toLowerCase(java.util.Locale.ROOT))
                .path("requestBody").path("content");
        JsonNode schema = content.path("application/json").path("schema");
        return resolve(schema.isMissingNode() && content.size() > 0 ? content.values().iterator().next().path("schema") : schema);
    }

    private JsonNode parameterSchema(Operation operation, String name) {
        for (JsonNode parameter : document.path("paths").path(operation.path()).path(operation.method().toLowerCase(java.util.Locale.ROOT))
                .path("parameters")) {
            if (parameter.path("name").asString().equals(name)) {
                return resolve(parameter.path("schema"));
            }
        }
        return JSON.createObjectNode();
    }

    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asString().substring("#/components/schemas/".length());
            return resolve(document.path("components").path("schemas").path(name));
        }
        if (schema.has("allOf") && schema.path("allOf").size() == 1) {
            return resolve(schema.path("allOf").get(0));
        }
        return schema;
    }

    // Sending

    private StudioHttp.Response send(String method, Attempt attempt, @Nullable String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(attempt.target()))
                .header("Host", HOST)
                .header("Content-Type", attempt.contentType())
                .header("Accept", "application/json, application/problem+json")
                .timeout(Duration.ofSeconds(30))
                .method(method, attempt.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(attempt.body().replace(UNIQUE, UUID.randomUUID().toString().substring(0, 8)),
                                StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build());
    }

    private String createCustomer(String first, String last) {
        StudioHttp.Response created = http.json("POST", HOST, "/api/admin/customers", owner,
                "{\"firstName\":\"" + first + "\",\"lastName\":\"" + last + "\",\"email\":\"fuzz-" + UUID.randomUUID() + "@example.com\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    // Nothing written

    /** One query: each of the studio's tables' row count and latest update, the studio's settings and audit log. */
    private String fingerprintSql() {
        List<String> parts = new ArrayList<>();
        for (String table : jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' "
                + "AND table_name NOT LIKE 'flyway%' ORDER BY table_name").param(SCHEMA).query(String.class).list()) {
            String own = "'" + values.get("fuzzCustomer") + "'::uuid, '" + values.get("otherFuzzCustomer") + "'::uuid";
            String where = CHANGED_BY_JOBS.containsKey(table) ? " WHERE " + CHANGED_BY_JOBS.get(table).replace(":own", own) : "";
            parts.add("'" + table + " rows=' || (SELECT count(*) FROM " + SCHEMA + "." + table + where + ")");
            boolean updated = jdbc.sql("SELECT count(*) FROM information_schema.columns WHERE table_schema = ? AND table_name = ? "
                    + "AND column_name = 'updated_at'").param(SCHEMA).param(table).query(Integer.class).single() > 0;
            if (updated && !CHANGED_BY_JOBS.containsKey(table)) {
                parts.add("'" + table + " updated=' || coalesce((SELECT max(updated_at)::text FROM " + SCHEMA + "." + table + "), '-')");
            }
        }
        parts.add("'studio settings=' || (SELECT version || ' ' || updated_at FROM platform.tenants WHERE slug = 'serenity')");
        parts.add("'studio plugins updated=' || coalesce((SELECT max(updated_at)::text FROM platform.tenant_plugins), '-')");
        parts.add("'platform audit rows=' || (SELECT count(*) FROM platform.audit_logs)");
        parts.add("'studio admins=' || (SELECT count(*) || ' ' || coalesce(string_agg(a.id || ' ' || a.role || ' ' || a.active, ',' "
                + "ORDER BY a.id), '-') FROM platform.admin_users a JOIN platform.tenants t ON t.id = a.tenant_id WHERE t.slug = 'serenity')");
        return "SELECT " + String.join(" || '|' || ", parts);
    }

    private String fingerprint() {
        return jdbc.sql(fingerprintSql).query(String.class).single();
    }

    private static String without(String fingerprint, String part) {
        return java.util.Arrays.stream(fingerprint.split("\\|")).filter(p -> !p.startsWith(part)).collect(Collectors.joining("|"));
    }

    private static String difference(String before, String after) {
        String[] b = before.split("\\|");
        String[] a = after.split("\\|");
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                changed.add(b[i] + " -> " + a[i]);
            }
        }
        return String.join(", ", changed);
    }

    private static String abbreviate(@Nullable String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
    }
}
