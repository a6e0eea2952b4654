package dev.portico.security;

import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Accepts only tokens of one audience, issued for the studio the request's host names: an admin token on a
 * customer endpoint, or a token of one studio at another studio's host, is refused as unauthenticated.
 */
class AudienceBoundDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Audience audience;

    AudienceBoundDecoder(JwtDecoder delegate, Audience audience) {
        this.delegate = delegate;
        this.audience = audience;
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
        return jwt;
    }
}
