package dev.portico.auth;

import dev.portico.ratelimit.Quota;
import dev.portico.ratelimit.RateLimitProperties;
import dev.portico.ratelimit.RateLimiter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The login flow's rate limits, shared by every app node (429 {@code RATE_LIMITED} with {@code Retry-After}). */
@Component
class LoginLimits {

    private final RateLimiter limiter;
    private final RateLimitProperties limits;

    LoginLimits(RateLimiter limiter, RateLimitProperties limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    /** Per person, per client, per studio: the narrowest first, so a refusal touches nothing wider. */
    void linkRequested(String contact, @Nullable String ip) {
        limiter.consume(List.of(
                new Quota(limits.loginLinkPerIdentifier(), RateLimiter.identifierKey(contact)),
                new Quota(limits.loginLinkPerIp(), client(ip)),
                new Quota(limits.loginLinkPerTenant(), "all")));
    }

    void verifyAttempted(@Nullable String ip) {
        limiter.consume(List.of(new Quota(limits.loginVerifyPerIp(), client(ip))));
    }

    void refreshAttempted(@Nullable String ip) {
        limiter.consume(List.of(new Quota(limits.loginRefreshPerIp(), client(ip))));
    }

    private static String client(@Nullable String ip) {
        return ip == null || ip.isBlank() ? "unknown" : ip;
    }
}
