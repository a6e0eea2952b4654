package dev.portico.ratelimit;

import dev.portico.web.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * 429 {@code RATE_LIMITED}: the caller used up a limit. {@code Retry-After} says, in whole seconds rounded up,
 * when the next token is back, so a client that waits that long is not refused again by the same bucket.
 */
public class RateLimitedException extends ApiException {

    private final Duration retryAfter;

    private RateLimitedException(long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "Too many requests",
                "Too many attempts. Please try again in " + humanWait(retryAfterSeconds) + ".", List.of(),
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)));
        this.retryAfter = Duration.ofSeconds(retryAfterSeconds);
    }

    /** Refused until {@code wait} has passed; rounded up to a whole second, and never below one. */
    static RateLimitedException retryAfter(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return new RateLimitedException(seconds);
    }

    /** How long the caller should wait, as sent in {@code Retry-After}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    // Rounded up, so the sentence never promises a retry before Retry-After does.
    private static String humanWait(long seconds) {
        if (seconds < 60) {
            return plural(seconds, "second");
        }
        long minutes = Math.ceilDiv(seconds, 60);
        if (minutes < 60) {
            return plural(minutes, "minute");
        }
        return plural(Math.ceilDiv(minutes, 60), "hour");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
