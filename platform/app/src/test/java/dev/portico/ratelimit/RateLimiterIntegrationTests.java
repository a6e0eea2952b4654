package dev.portico.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.portico.support.MutableClock;
import dev.portico.tenancy.PlatformJdbc;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantConfig;
import dev.portico.tenancy.TenantConfigReader;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rate limits on the real PostgreSQL, as every node of the cluster sees them. */
@SpringBootTest(properties = "portico.tenant-config-dir=target/no-tenant-config")
class RateLimiterIntegrationTests {

    // Long periods: a few seconds of test run refill well under one token, so counts are exact.
    static final RateLimit FIVE_PER_HOUR = new RateLimit("test-five-per-hour", 5, Duration.ofHours(1));
    static final RateLimit ONE_PER_HOUR = new RateLimit("test-one-per-hour", 1, Duration.ofHours(1));

    @Autowired
    RateLimiter limiter;

    @Autowired
    RateLimitProperties properties;

    @Autowired
    PlatformJdbc platform;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantConfigReader configs;

    @Test
    void requestAfterTheCapacityIsRefusedWith429AndRetryAfter() {
        RateLimit limit = new RateLimit("test-fifteen-minutes", 5, Duration.ofMinutes(15));
        for (int i = 0; i < 5; i++) {
            limiter.consume(List.of(new Quota(limit, "198.51.100.1")));
        }

        RateLimitedException refused = catchThrowableOfType(RateLimitedException.class,
                () -> limiter.consume(List.of(new Quota(limit, "198.51.100.1"))));

        assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
        assertThat(refused.title()).isEqualTo("Too many requests");
        long retryAfter = Long.parseLong(refused.headers().get("Retry-After"));
        // Greedy refill: the next token is back a fifth of the period after the burst.
        assertThat(retryAfter).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15).toSeconds()).isBetween(170L, 180L);
        assertThat(refused.getMessage()).isEqualTo("Too many attempts. Please try again in 3 minutes.");
    }

    @Test
    void keysAndStudiosDoNotShareBuckets() {
        Tenant alpha = tenant("alpha");
        Tenant beta = tenant("beta");
        TenantContext.runAs(alpha, () -> consume(ONE_PER_HOUR, "203.0.113.7"));

        assertThatNoException().isThrownBy(() -> TenantContext.runAs(alpha, () -> consume(ONE_PER_HOUR, "203.0.113.8")));
        assertThatNoException().isThrownBy(() -> TenantContext.runAs(beta, () -> consume(ONE_PER_HOUR, "203.0.113.7")));
        assertThatNoException().isThrownBy(() -> consume(ONE_PER_HOUR, "203.0.113.7"));
        assertThat(catchThrowableOfType(RateLimitedException.class,
                () -> TenantContext.runAs(alpha, () -> consume(ONE_PER_HOUR, "203.0.113.7")))).isNotNull();
    }

    @Test
    void twoNodesOnOneDatabaseShareTheBucket() {
        RateLimiter nodeA = limiter;
        RateLimiter nodeB = new RateLimiter(platform, Clock.systemUTC(), properties);
        Quota quota = new Quota(FIVE_PER_HOUR, "shared-by-two-nodes");

        for (int i = 0; i < 3; i++) {
            nodeA.consume(List.of(quota));
        }
        for (int i = 0; i < 2; i++) {
            nodeB.consume(List.of(quota));
        }

        assertThat(catchThrowableOfType(RateLimitedException.class, () -> nodeA.consume(List.of(quota)))).isNotNull();
        assertThat(catchThrowableOfType(RateLimitedException.class, () -> nodeB.consume(List.of(quota)))).isNotNull();
    }

    @Test
    void ofTwentyRacingRequestsExactlyTheCapacityGetThrough() throws Exception {
        Quota quota = new Quota(FIVE_PER_HOUR, "raced");
        RateLimiter otherNode = new RateLimiter(platform, Clock.systemUTC(), properties);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Callable<Void>> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RateLimiter node = i % 2 == 0 ? limiter : otherNode;
            requests.add(() -> {
                start.await();
                try {
                    node.consume(List.of(quota));
                    allowed.incrementAndGet();
                } catch (RateLimitedException e) {
                    refused.incrementAndGet();
                }
                return null;
            });
        }

        try (ExecutorService threads = Executors.newFixedThreadPool(20)) {
            List<Future<Void>> results = requests.stream().map(threads::submit).toList();
            start.countDown();
            for (Future<Void> result : results) {
                result.get();
            }
        }

        assertThat(allowed).hasValue(5);
        assertThat(refused).hasValue(15);
    }

    @Test
    void aRefusedRequestTakesNothingFromTheOtherBuckets() {
        RateLimit wide = new RateLimit("test-wide", 3, Duration.ofHours(1));
        Quota narrow = new Quota(ONE_PER_HOUR, "narrow");
        Quota perStudio = new Quota(wide, "all");
        limiter.consume(List.of(perStudio, narrow));

        // The wide bucket is listed first, so it has given a token before the narrow one refuses.
        assertThat(catchThrowableOfType(RateLimitedException.class, () -> limiter.consume(List.of(perStudio, narrow)))).isNotNull();

        // Two tokens left, not one: the refused request's token came back.
        limiter.consume(List.of(perStudio));
        limiter.consume(List.of(perStudio));
        assertThat(catchThrowableOfType(RateLimitedException.class, () -> limiter.consume(List.of(perStudio)))).isNotNull();
    }

    @Test
    void bucketTableHoldsNoEmailOrPhone() {
        RateLimit perIdentifier = properties.loginLinkPerIdentifier();
        TenantContext.runAs(tenant("gamma"), () -> {
            consume(perIdentifier, RateLimiter.identifierKey("  Jane.Doe@Example.COM "));
            consume(perIdentifier, RateLimiter.identifierKey("+971 50 123 4567"));
        });

        List<String> ids = jdbc.sql("SELECT id FROM platform.rate_limit_buckets WHERE id LIKE 'login-link-per-identifier:gamma:%'")
                .query(String.class).list();
        assertThat(ids).hasSize(2).allMatch(id -> id.matches("login-link-per-identifier:gamma:[0-9a-f]{64}"));
        List<byte[]> rows = jdbc.sql("SELECT convert_to(id, 'UTF8') || coalesce(state, ''::bytea) FROM platform.rate_limit_buckets")
                .query(byte[].class).list();
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(new String(row, StandardCharsets.ISO_8859_1).toLowerCase())
                .doesNotContain("jane", "example", "501234567", "4567"));
    }

    @Test
    void spellingsOfOneEmailShareABucket() {
        RateLimit perIdentifier = new RateLimit("test-per-identifier", 2, Duration.ofHours(1));
        consume(perIdentifier, RateLimiter.identifierKey("Sam@Example.com"));
        consume(perIdentifier, RateLimiter.identifierKey(" sam@example.COM"));

        assertThat(catchThrowableOfType(RateLimitedException.class,
                () -> consume(perIdentifier, RateLimiter.identifierKey("SAM@EXAMPLE.COM  ")))).isNotNull();
    }

    @Test
    void deleteExpiredRemovesTheRowsOfRefilledBucketsOnly() {
        RateLimit oneSecond = new RateLimit("test-one-second", 1, Duration.ofSeconds(1));
        RateLimit oneHour = new RateLimit("test-one-hour", 5, Duration.ofHours(1));
        consume(oneSecond, "idle");
        consume(oneHour, "busy");
        assertThat(rows("test-one-second:%")).isOne();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            limiter.deleteExpired();
            assertThat(rows("test-one-second:%")).isZero();
        });
        assertThat(rows("test-one-hour:%")).isOne();
        // The key simply gets a new bucket.
        assertThatNoException().isThrownBy(() -> consume(oneSecond, "idle"));
        assertThat(rows("test-one-second:%")).isOne();
    }

    @Test
    void theApplicationClockDrivesTheRefill() {
        MutableClock clock = new MutableClock();
        RateLimiter node = new RateLimiter(platform, clock, properties);
        Quota quota = new Quota(new RateLimit("test-moved-clock", 5, Duration.ofMinutes(15)), "198.51.100.9");
        for (int i = 0; i < 5; i++) {
            node.consume(List.of(quota));
        }
        RateLimitedException refused = catchThrowableOfType(RateLimitedException.class, () -> node.consume(List.of(quota)));
        assertThat(refused.headers()).containsEntry("Retry-After", "180");

        clock.advance(Duration.ofMinutes(3));

        assertThatNoException().isThrownBy(() -> node.consume(List.of(quota)));
        assertThat(catchThrowableOfType(RateLimitedException.class, () -> node.consume(List.of(quota)))).isNotNull();
    }

    @Test
    void switchedOffNothingIsRefusedOrStored() {
        RateLimitProperties off = new RateLimitProperties(false, properties.loginLinkPerIdentifier(), properties.loginLinkPerIp(),
                properties.loginLinkPerTenant(), properties.loginVerifyPerIp(), properties.loginRefreshPerIp(), properties.loginAdminPerIp());
        RateLimiter node = new RateLimiter(platform, Clock.systemUTC(), off);

        for (int i = 0; i < 10; i++) {
            node.consume(List.of(new Quota(new RateLimit("test-switched-off", 1, Duration.ofHours(1)), "anyone")));
        }

        assertThat(rows("test-switched-off:%")).isZero();
    }

    @Test
    void loginLimitsComeFromTheApplicationConfiguration() {
        assertThat(properties.enabled()).isTrue();
        assertThat(properties.loginLinkPerIdentifier()).isEqualTo(new RateLimit("login-link-per-identifier", 5, Duration.ofMinutes(15)));
        assertThat(properties.loginLinkPerIp()).isEqualTo(new RateLimit("login-link-per-ip", 20, Duration.ofMinutes(15)));
        assertThat(properties.loginLinkPerTenant()).isEqualTo(new RateLimit("login-link-per-tenant", 600, Duration.ofMinutes(1)));
        assertThat(properties.loginVerifyPerIp()).isEqualTo(new RateLimit("login-verify-per-ip", 30, Duration.ofMinutes(15)));
        assertThat(properties.loginRefreshPerIp()).isEqualTo(new RateLimit("login-refresh-per-ip", 120, Duration.ofMinutes(15)));
        assertThat(properties.loginAdminPerIp()).isEqualTo(new RateLimit("login-admin-per-ip", 20, Duration.ofMinutes(15)));
    }

    private void consume(RateLimit limit, String key) {
        limiter.consume(List.of(new Quota(limit, key)));
    }

    private int rows(String idPattern) {
        return jdbc.sql("SELECT count(*) FROM platform.rate_limit_buckets WHERE id LIKE ?").param(idPattern)
                .query(Integer.class).single();
    }

    // Only the slug matters here; read through the public reader so the test keeps up with TenantConfig.
    private Tenant tenant(String slug) {
        TenantConfig config = configs.read(slug + ".yaml", "slug: " + slug + "\nname: " + slug + "\ncurrency: AED\n").config();
        assertThat(config).isNotNull();
        return new Tenant(UUID.randomUUID(), slug, Tenant.schemaFor(slug), null, TenantStatus.ACTIVE, config,
                URI.create("https://" + slug + ".portico.example"));
    }
}
