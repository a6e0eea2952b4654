package dev.portico.ratelimit;

import dev.portico.tenancy.PlatformJdbc;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Rate limits shared by every node: each bucket is a row of {@code platform.rate_limit_buckets}, read and
 * written by Bucket4j under a row lock, so nodes need no shared memory and no sticky sessions.
 *
 * <p>Bucket ids are {@code <limit>:<tenant slug, or "platform">:<SHA-256 of the key>}. Every key is hashed,
 * not only emails and phones: IP addresses are personal data too, and one rule leaves no caller to forget it.
 * Each {@link #consume} takes one pooled connection per quota, outside any transaction of the caller's, so a
 * login that later fails or rolls back still counts.
 */
@Service
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private static final String TABLE = "platform.rate_limit_buckets";
    private static final int CLEANUP_BATCH = 1_000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final boolean enabled;

    RateLimiter(PlatformJdbc platform, Clock clock, RateLimitProperties properties) {
        this.enabled = properties.enabled();
        // SELECT ... FOR UPDATE rather than pg_advisory_xact_lock: the row lock belongs to exactly this bucket
        // (advisory locks take a 64-bit hash of the text id, so two buckets could queue behind each other), the
        // table needs no extra lock column, and Bucket4j's cleanup deletes with FOR UPDATE SKIP LOCKED, so it
        // never waits for, nor deletes from under, a request holding a bucket. An existing bucket costs one
        // SELECT FOR UPDATE and one UPDATE; a new one an extra INSERT ... ON CONFLICT DO NOTHING first.
        // The primary database's pool, whichever database the requesting studio is placed on.
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(platform.dataSource())
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                // Qualified: Bucket4j's connections come from the shared pool, whatever search_path they last had.
                .table(TABLE)
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                // A row expires when its bucket is full again: deleting it then loses nothing, since a missing
                // bucket starts full.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                // Refill is measured on the application's Clock, so tests can move time. Bucket4j itself stamps
                // expires_at and deletes against System.currentTimeMillis(); only the time-to-full comes from
                // this clock, which in production is the same system clock.
                .clientClock(new ClockTimeMeter(clock))
                .build();
    }

    /**
     * Takes one token from each quota's bucket, or none. Quotas are taken in the order given, so list the
     * narrowest first (per identifier, then per IP, then per studio): a refused request stops at the first
     * empty bucket and touches the wider ones not at all. When a later bucket refuses, the tokens already
     * taken are given back, so a refused request costs nothing: an attacker who is refused cannot drain the
     * buckets of the studio or of a shared IP. Between the take and the give-back, concurrent requests may see
     * one token fewer; that errs on the side of refusing, never of letting through.
     *
     * @throws RateLimitedException when a bucket is empty; {@code Retry-After} is that bucket's wait
     */
    public void consume(List<Quota> quotas) {
        if (!enabled) {
            return;
        }
        String tenant = TenantContext.current().map(Tenant::slug).orElse("platform");
        List<BucketProxy> taken = new ArrayList<>(quotas.size());
        for (Quota quota : quotas) {
            BucketProxy bucket = bucket(quota.limit(), tenant, quota.key());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                giveBack(taken);
                log.debug("Rate limit {} refused a request for studio {}", quota.limit().name(), tenant);
                throw RateLimitedException.retryAfter(Duration.ofNanos(probe.getNanosToWaitForRefill()));
            }
            taken.add(bucket);
        }
    }

    /**
     * Deletes the rows of buckets that have refilled completely and so hold nothing a fresh bucket would not.
     * Safe on every node at once: rows a request holds are skipped.
     *
     * @return the number of rows deleted
     */
    public int deleteExpired() {
        int total = 0;
        int deleted;
        do {
            deleted = buckets.removeExpired(CLEANUP_BATCH);
            total += deleted;
        } while (deleted == CLEANUP_BATCH);
        return total;
    }

    /**
     * The key for a per-person limit: a trimmed, lower-case email, or a phone number in E.164 form
     * ({@code +971 50-123 4567} and {@code 00971501234567} both become {@code +971501234567}), so spelling
     * variants of one address share a bucket. It is still personal data; {@link #consume} hashes it.
     */
    public static String identifierKey(String emailOrPhone) {
        String trimmed = emailOrPhone.strip();
        if (trimmed.contains("@")) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        String digits = trimmed.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        if (trimmed.startsWith("+")) {
            return "+" + digits;
        }
        return digits.startsWith("00") ? "+" + digits.substring(2) : digits;
    }

    private BucketProxy bucket(RateLimit limit, String tenant, String key) {
        String id = limit.name() + ":" + tenant + ":" + sha256(key);
        return buckets.builder().build(id, () -> configuration(limit));
    }

    // A bucket keeps the configuration it was created with until its row expires and is deleted, so a changed
    // limit reaches a key within one period (plus the cleanup interval); delete the limit's rows to apply it now.
    private static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build())
                .build();
    }

    private static void giveBack(List<BucketProxy> taken) {
        for (BucketProxy bucket : taken) {
            try {
                bucket.addTokens(1);
            } catch (RuntimeException e) {
                // The refusal stands either way; a lost give-back only makes that bucket stricter for a while.
                log.warn("Could not give a rate-limit token back", e);
            }
        }
    }

    private static String sha256(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The application's {@link Clock} as Bucket4j's time source; wall-clock based, as distributed buckets require. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
