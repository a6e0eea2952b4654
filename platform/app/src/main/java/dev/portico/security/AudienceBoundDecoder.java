package dev.portico.security;

import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Accepts only tokens of one audience, issued for the studio the request's host names: an admin token on a
 * customer endpoint, or a token of one studio at another studio's host, is refused as unauthenticated. With
 * {@code customers}, the token's subject must also be an active customer of that studio, so a deactivated customer's
 * token is refused on every endpoint before anything else is looked at.
 */
class AudienceBoundDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Audience audience;
    private final @Nullable ActiveCustomers customers;

    AudienceBoundDecoder(JwtDecoder delegate, Audience audience, @Nullable ActiveCustomers customers) {
        this.delegate = delegate;
        this.audience = audience;
        this.customers = customers;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = delegate.decode(token);
        if (!jwt.getAudience().contains(audience.claim())) {
            throw new BadJwtException("token is not for this audience");
        }
        String host = TenantContext.current().map(Tenant::slug).orElse(null);
        if (host == null || !host.equals(jwt.getClaimAsString(AccessTokens.TENANT_CLAIM))) {
            throw new BadJwtException("token is for another studio");
        }
        if (customers != null && !customers.isActive(customerId(jwt))) {
            throw new BadJwtException("token's customer is not active");
        }
        return jwt;
    }

    private static UUID customerId(Jwt jwt) {
        try {
            return UUID.fromString(String.valueOf(jwt.getSubject()));
        } catch (IllegalArgumentException e) {
            throw new BadJwtException("token's subject is not a customer id", e);
        }
    }
}
