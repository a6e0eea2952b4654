package dev.portico.ratelimit;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A named limit: {@code capacity} requests per {@code period} for each key. Tokens come back one at a time
 * (greedy refill, {@code period / capacity} apart) rather than all at once at the end of the period: the
 * long-run rate is the same, but someone who used up the burst waits minutes, not the whole period, and
 * there is no period boundary an attacker can straddle to get two bursts back to back.
 *
 * @param name     part of every bucket id ({@code <name>:<tenant>:<key>}), so renaming a limit starts it afresh
 * @param capacity requests allowed in a burst, and per period
 * @param period   the time in which {@code capacity} tokens come back
 */
public record RateLimit(String name, long capacity, Duration period) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public RateLimit {
        // The name is the first part of a colon-separated bucket id: no colons, nothing to escape.
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("rate limit name must be lower-case words joined by hyphens: '" + name + "'");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("rate limit " + name + " needs a capacity of at least 1, not " + capacity);
        }
        if (period.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("rate limit " + name + " needs a period of at least 1ms, not " + period);
        }
    }
}
