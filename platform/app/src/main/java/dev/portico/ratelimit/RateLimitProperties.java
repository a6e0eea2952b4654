package dev.portico.ratelimit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limits on logging in, from {@code portico.rate-limits}, e.g. {@code link-per-ip: {capacity: 20, period: 15m}}.
 * Each accessor returns a ready {@link RateLimit} named like the accessor ({@code loginLinkPerIp()} is the
 * bucket {@code login-link-per-ip}), so bucket names are fixed here, in one place, and not in configuration:
 * renaming a bucket would silently reset every count.
 *
 * @param enabled                the master switch; off, {@link RateLimiter#consume} lets everything through
 * @param loginLinkPerIdentifier login-link requests per email or phone: no flooding one person's inbox
 * @param loginLinkPerIp         login-link requests per client IP: no walking through many identifiers
 * @param loginLinkPerTenant     login-link requests per studio from everywhere: caps how far a studio's
 *                               messaging bill can be run up
 * @param loginVerifyPerIp       token verifications per client IP: no guessing link tokens
 * @param loginRefreshPerIp      session refreshes per client IP
 * @param loginAdminPerIp        admin password attempts per client IP: no password guessing
 */
@ConfigurationProperties("portico.rate-limits")
public record RateLimitProperties(boolean enabled, RateLimit loginLinkPerIdentifier, RateLimit loginLinkPerIp,
        RateLimit loginLinkPerTenant, RateLimit loginVerifyPerIp, RateLimit loginRefreshPerIp, RateLimit loginAdminPerIp) {

    /**
     * Binds the YAML shape. A missing key falls back to the same default as application.yaml, so a configuration
     * that drops one still limits; a missing {@code enabled} means on.
     */
    @ConstructorBinding
    RateLimitProperties(@DefaultValue("true") boolean enabled, @Nullable Limit linkPerIdentifier, @Nullable Limit linkPerIp,
            @Nullable Limit linkPerTenant, @Nullable Limit verifyPerIp, @Nullable Limit refreshPerIp,
            @Nullable Limit adminLoginPerIp) {
        this(enabled,
                named("login-link-per-identifier", linkPerIdentifier, 5, Duration.ofMinutes(15)),
                named("login-link-per-ip", linkPerIp, 20, Duration.ofMinutes(15)),
                named("login-link-per-tenant", linkPerTenant, 600, Duration.ofMinutes(1)),
                named("login-verify-per-ip", verifyPerIp, 30, Duration.ofMinutes(15)),
                named("login-refresh-per-ip", refreshPerIp, 120, Duration.ofMinutes(15)),
                named("login-admin-per-ip", adminLoginPerIp, 20, Duration.ofMinutes(15)));
    }

    private static RateLimit named(String name, @Nullable Limit limit, long capacity, Duration period) {
        return limit == null ? new RateLimit(name, capacity, period) : new RateLimit(name, limit.capacity(), limit.period());
    }

    /**
     * One limit as configured; the bad ones stop the application at startup (see {@link RateLimit}).
     *
     * @param capacity requests per period
     * @param period   e.g. {@code 15m}
     */
    record Limit(long capacity, Duration period) {}
}
