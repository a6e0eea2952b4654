package dev.portico.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.ratelimit.Quota;
import dev.portico.ratelimit.RateLimit;
import dev.portico.ratelimit.RateLimitProperties;
import dev.portico.ratelimit.RateLimitedException;
import dev.portico.ratelimit.RateLimiter;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.MutableClock;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;

/**
 * What every answer carries and what every client is limited to: the security headers on answers of every kind
 * (API, problem, unknown host, too large, rate limited, static portal files), the request body limit, and a rate
 * limit, answered 429 with {@code Retry-After}, on every endpoint that works without a token.
 */
@DemoStudiosTest
@Import(MutableClock.Config.class)
@ExtendWith(HardeningSummary.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsAndHeadersIntegrationTests {

    static final String SERENITY = "serenity.localhost";

    /** The headers SecurityConfiguration promises on every answer, and what each must say. */
    static final Map<String, String> PROMISED_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Strict-Transport-Security", "max-age=31536000");

    /**
     * Endpoints that work without a token and are not rate limited, each with the reason. Every other one of
     * {@link CrossTenantMatrixIntegrationTests#PUBLIC_BY_DESIGN} must have a limit tested here.
     */
    static final Map<String, String> UNLIMITED_BY_DESIGN = Map.of(
            "GET /api/client-portal/branding", "public, the same for everyone, nothing to guess or to send",
            "POST /api/client-portal/auth/logout", "needs the portal's header and a 256-bit cookie; it can only end the session that cookie opens");

    @LocalServerPort
    int port;

    @Value("${portico.http.max-request-body}")
    DataSize maxRequestBody;

    @Autowired
    RateLimitProperties limits;

    @Autowired
    RateLimiter limiter;

    @Autowired
    TenantRegistry registry;

    /** Stopped unless a test moves it: rate-limit buckets refill on the app's clock, so counts are exact. */
    @Autowired
    MutableClock clock;

    StudioHttp http;

    @BeforeAll
    void setUp() {
        http = new StudioHttp(port);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Every kind of answer, from the API to a static file and from 200 to a host no studio has, carries them. */
    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        StudioHttp.Response portalPage = http.get(SERENITY, "/portal/");
        Matcher asset = Pattern.compile("src=\"(/portal/assets/[^\"]+\\.js)\"").matcher(portalPage.body());
        assertThat(asset.find()).as("a script in the portal page").isTrue();

        Map<String, StudioHttp.Response> answers = new LinkedHashMap<>();
        answers.put("200 API", http.get(SERENITY, "/api/client-portal/branding"));
        answers.put("401 API", http.json("GET", SERENITY, "/api/client-portal/me", null, null));
        answers.put("403 CSRF", http.post(SERENITY, "/api/client-portal/auth/refresh", null));
        answers.put("400 malformed", http.post(SERENITY, "/api/client-portal/auth/verify", "{\"token\":"));
        answers.put("404 unknown path", http.get(SERENITY, "/api/nothing-here"));
        answers.put("404 unknown host", http.get("nowhere.localhost", "/api/client-portal/branding"));
        answers.put("404 unknown host, portal", http.get("nowhere.localhost", "/portal/"));
        answers.put("405 wrong method", http.json("DELETE", SERENITY, "/api/client-portal/branding", null, null));
        answers.put("413 too large", http.post(SERENITY, "/api/client-portal/auth/verify", "x".repeat((int) maxRequestBody.toBytes() + 1)));
        answers.put("404 platform API off", http.get("localhost", "/api/platform/tenants"));
        answers.put("200 portal page", portalPage);
        answers.put("200 portal script", http.get(SERENITY, asset.group(1)));
        answers.put("200 theme CSS", http.get(SERENITY, "/portal/theme.css"));
        answers.put("200 theme logo", http.get(SERENITY, "/themes/calm/logo.svg"));
        answers.put("200 health", http.get("localhost", "/actuator/health"));
        answers.put("200 API document", http.get("localhost", "/v3/api-docs"));
        // Refused by Tomcat itself, before any filter runs: a request line over its header size limit.
        StudioHttp.Response tooLongUrl = http.get(SERENITY, "/api/client-portal/branding?q=" + "x".repeat(20_000));
        answers.put("400 request line too long", tooLongUrl);

        answers.forEach((kind, answer) -> {
            assertThat(answer.status()).as(kind).isEqualTo(Integer.parseInt(kind.substring(0, 3)));
            assertPromisedHeaders(kind, answer);
        });
        assertThat(tooLongUrl.contentType()).as("Tomcat's own answer").startsWith("application/problem+json");
        assertThat(tooLongUrl.json().path("code").asString()).isEqualTo("BAD_REQUEST");
        assertThat(tooLongUrl.body()).doesNotContainIgnoringCase("tomcat");
    }

    /** A body over the configured limit is refused with 413 before it is read, whether its length is declared or not. */
    @Test
    void aBodyOverTheLimitIs413ProblemJsonAndOneAtTheLimitIsRead() {
        int limit = (int) maxRequestBody.toBytes();
        String atTheLimit = padded("{\"token\":\"" + "A".repeat(43) + "\",\"pad\":\"", "\"}", limit);
        String overTheLimit = padded("{\"token\":\"" + "A".repeat(43) + "\",\"pad\":\"", "\"}", limit + 1);
        StudioHttp limited = client("127.0.12.1");

        StudioHttp.Response read = limited.post(SERENITY, "/api/client-portal/auth/verify", atTheLimit);
        StudioHttp.Response declared = limited.post(SERENITY, "/api/client-portal/auth/verify", overTheLimit);
        StudioHttp.Response chunked = limited.send(HttpRequest.newBuilder(limited.uri("/api/client-portal/auth/verify"))
                .header("Host", SERENITY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(chunks(overTheLimit))).build());
        StudioHttp.Response admin = limited.json("PUT", SERENITY, "/api/admin/policies", null, overTheLimit);

        assertThat(read.status()).as("exactly at the limit: read, and refused for its token").isEqualTo(401);
        assertThat(read.json().path("code").asString()).isEqualTo("TOKEN_INVALID");
        for (StudioHttp.Response tooLarge : List.of(declared, chunked, admin)) {
            HardeningSummary.check("body over the limit");
            assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
            assertThat(tooLarge.contentType()).startsWith("application/problem+json");
            assertThat(tooLarge.json().path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertPromisedHeaders("413", tooLarge);
        }
    }

    @Test
    void loginLinksAreLimitedPerClient() {
        StudioHttp client = client("127.0.12.2");
        // Addresses nobody has: the answer is the same, and no message goes out.
        assertLimited("POST /api/client-portal/auth/request-link", limits.loginLinkPerIp().capacity(),
                () -> client.post(SERENITY, "/api/client-portal/auth/request-link",
                        "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.com\"}"), 202);
    }

    @Test
    void linkVerificationsAreLimitedPerClient() {
        StudioHttp client = client("127.0.12.3");
        assertLimited("POST /api/client-portal/auth/verify", limits.loginVerifyPerIp().capacity(),
                () -> client.post(SERENITY, "/api/client-portal/auth/verify", "{\"token\":\"" + "A".repeat(43) + "\"}"), 401);
    }

    @Test
    void refreshesAreLimitedPerClient() {
        StudioHttp client = client("127.0.12.4");
        assertLimited("POST /api/client-portal/auth/refresh", limits.loginRefreshPerIp().capacity(),
                () -> client.post(SERENITY, "/api/client-portal/auth/refresh", null,
                        "Cookie", "__Host-portalRefreshToken=" + "A".repeat(43), "X-Requested-With", "portal"), 401);
    }

    /**
     * Admin password attempts per client. The shared test context allows 1000 (DemoStudiosTest: many classes log
     * in) and each attempt costs an Argon2 hash, so this client's bucket is emptied through the same limiter the
     * endpoint uses, keyed as the endpoint keys it (the client's address), on a stopped clock; then one token's
     * worth of time passes: one attempt gets through, and the next is refused.
     */
    @Test
    void adminPasswordAttemptsAreLimitedPerClient() {
        String address = "127.0.12.5";
        StudioHttp client = client(address);
        RateLimit limit = limits.loginAdminPerIp();
        TenantContext.runAs(registry.findBySlug("serenity").orElseThrow(), () -> {
            for (long i = 0; i <= limit.capacity(); i++) {
                try {
                    limiter.consume(List.of(new Quota(limit, address)));
                } catch (RateLimitedException empty) {
                    return;
                }
            }
            throw new AssertionError("the admin login bucket of " + address + " never ran out");
        });
        clock.advance(limit.period().dividedBy(limit.capacity()));

        assertLimited("POST /api/admin/auth/login", 1, () -> client.json("POST", SERENITY, "/api/admin/auth/login", null,
                "{\"email\":\"owner@serenity.example\",\"password\":\"guess-" + UUID.randomUUID() + "\"}"), 401);
    }

    /** Nothing that answers without a token is left unlimited unless it says why. */
    @Test
    void everyEndpointOpenWithoutATokenIsLimitedOrSaysWhyNot() {
        List<String> tested = List.of("POST /api/client-portal/auth/request-link", "POST /api/client-portal/auth/verify",
                "POST /api/client-portal/auth/refresh", "POST /api/admin/auth/login");
        assertThat(CrossTenantMatrixIntegrationTests.PUBLIC_BY_DESIGN.keySet())
                .allSatisfy(endpoint -> assertThat(tested.contains(endpoint) || UNLIMITED_BY_DESIGN.containsKey(endpoint))
                        .as(endpoint + " is public: test its rate limit or say in UNLIMITED_BY_DESIGN why it has none").isTrue());
    }

    // Helpers

    /** {@code allowed} requests answer {@code status}, the next one 429 with a problem, Retry-After and the headers. */
    private void assertLimited(String endpoint, long allowed, java.util.function.Supplier<StudioHttp.Response> request, int status) {
        for (long i = 0; i < allowed; i++) {
            StudioHttp.Response answer = request.get();
            assertThat(answer.status()).as(endpoint + " request " + (i + 1) + ": " + answer.body()).isEqualTo(status);
        }
        StudioHttp.Response refused = request.get();
        HardeningSummary.check("rate limit: " + endpoint);
        assertThat(refused.status()).as(endpoint + " request " + (allowed + 1)).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, Duration.ofMinutes(15).toSeconds());
        assertPromisedHeaders("429", refused);
    }

    private static void assertPromisedHeaders(String kind, StudioHttp.Response answer) {
        HardeningSummary.check("security headers");
        PROMISED_HEADERS.forEach((name, value) -> {
            List<String> values = answer.headers().allValues(name);
            assertThat(values).as(kind + ": " + name + " once").hasSize(1);
            assertThat(values.getFirst()).as(kind + ": " + name).contains(value);
        });
        assertThat(answer.header("Content-Security-Policy")).as(kind).contains("frame-ancestors 'none'");
    }

    private StudioHttp client(String address) {
        try {
            return new StudioHttp(port, InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String padded(String head, String tail, int length) {
        return head + "p".repeat(length - head.length() - tail.length()) + tail;
    }

    /** The body as a stream of unknown length: sent chunked, with no Content-Length. */
    private static Flow.Publisher<ByteBuffer> chunks(String body) {
        return HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)::subscribe;
    }
}
