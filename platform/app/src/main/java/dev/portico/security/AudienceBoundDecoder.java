package dev.portico.security;

import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Accepts only tokens of one audience, issued for the studio the request's host names: an admin token on a
 * customer endpoint, or a token of one studio at another studio's host, is refused as unauthenticated. The token's
 * subject must also still be allowed to act: an active customer of that studio ({@link ActiveCustomers}), or an
 * active admin of it with the token's role ({@link ActiveAdmins}). So a deactivated customer's or admin's token is
 * refused on every endpoint before anything else is looked at.
 */
final class AudienceBoundDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Audience audience;
    private final Predicate<Jwt> stillAllowed;

    private AudienceBoundDecoder(JwtDecoder delegate, Audience audience, Predicate<Jwt> stillAllowed) {
        this.delegate = delegate;
        this.audience = audience;
        this.stillAllowed = stillAllowed;
    }

    static AudienceBoundDecoder customers(JwtDecoder delegate, ActiveCustomers customers) {
        return new AudienceBoundDecoder(delegate, Audience.CUSTOMER, jwt -> customers.isActive(subject(jwt)));
    }

    static AudienceBoundDecoder admins(JwtDecoder delegate, ActiveAdmins admins) {
        return new AudienceBoundDecoder(delegate, Audience.ADMIN,
                jwt -> admins.isActive(subject(jwt), String.valueOf(jwt.getClaimAsString("role"))));
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = delegate.decode(token);
        // Exactly the one audience: a token naming two would otherwise open both APIs.
        if (!List.of(audience.claim()).equals(jwt.getAudience())) {
            throw new BadJwtException("token is not for this audience");
        }
        String host = TenantContext.current().map(Tenant::slug).orElse(null);
        if (host == null || !host.equals(jwt.getClaimAsString(AccessTokens.TENANT_CLAIM))) {
            throw new BadJwtException("token is for another studio");
        }
        if (!stillAllowed.test(jwt)) {
            throw new BadJwtException("token's subject may no longer act");
        }
        return jwt;
    }

    private static UUID subject(Jwt jwt) {
        try {
            return UUID.fromString(String.valueOf(jwt.getSubject()));
        } catch (IllegalArgumentException e) {
            throw new BadJwtException("token's subject is not an account id", e);
        }
    }
}
