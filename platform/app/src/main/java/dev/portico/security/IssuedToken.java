package dev.portico.security;

import java.time.Instant;

/**
 * A signed access token.
 *
 * @param value     the compact JWT
 * @param expiresAt when it stops being accepted
 */
public record IssuedToken(String value, Instant expiresAt) {}
