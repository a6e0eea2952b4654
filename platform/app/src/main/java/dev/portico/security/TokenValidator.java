package dev.portico.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** Checks what every Portico token must carry: our issuer, an unexpired lifetime by the host's clock, a studio. */
class TokenValidator implements OAuth2TokenValidator<Jwt> {

    private static final Duration SKEW = Duration.ofSeconds(5);

    private final Clock clock;

    TokenValidator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Instant now = clock.instant();
        if (!AccessTokens.ISSUER.equals(jwt.getClaimAsString("iss"))) {
            return invalid("wrong issuer");
        }
        if (jwt.getExpiresAt() == null || now.minus(SKEW).isAfter(jwt.getExpiresAt())) {
            return invalid("expired");
        }
        if (jwt.getIssuedAt() != null && jwt.getIssuedAt().isAfter(now.plus(SKEW))) {
            return invalid("issued in the future");
        }
        if (jwt.getClaimAsString(AccessTokens.TENANT_CLAIM) == null || jwt.getAudience() == null || jwt.getAudience().isEmpty()) {
            return invalid("missing claims");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult invalid(String why) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "token " + why, null));
    }
}
