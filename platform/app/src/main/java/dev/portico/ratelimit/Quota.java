package dev.portico.ratelimit;

/**
 * One bucket a request takes a token from: a limit and what it counts, such as the client's IP address
 * or {@link RateLimiter#identifierKey(String) an email or phone}. The key is hashed before it is stored.
 *
 * @param limit the limit
 * @param key   what the limit counts; the current studio is added to the bucket id by {@link RateLimiter}
 */
public record Quota(RateLimit limit, String key) {

    public Quota {
        if (key.isBlank()) {
            throw new IllegalArgumentException("a quota of " + limit.name() + " needs a key");
        }
    }
}
