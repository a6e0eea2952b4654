package dev.portico.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies access tokens: HS256 JWTs naming their audience, studio ({@code tenant}) and subject,
 * signed with the active key and verified with any configured key by its {@code kid}, so keys rotate without
 * downtime. With no key configured a random one is made at start-up (tokens then die with the process).
 */
@Component
public class AccessTokens {

    static final String ISSUER = "portico";
    static final String TENANT_CLAIM = "tenant";
    static final String ROLE_CLAIM = "role";

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

    private final JwtEncoder encoder;
    private final JwtDecoder decoder;
    private final String activeKeyId;
    private final Clock clock;

    AccessTokens(SecurityProperties properties, Clock clock) {
        this.clock = clock;
        List<OctetSequenceKey> keys = new ArrayList<>();
        for (SecurityProperties.SigningKey key : properties.signingKeys()) {
            if (key.secret() == null || key.secret().isBlank()) {
                continue;
            }
            byte[] secret = Base64.getDecoder().decode(key.secret());
            if (secret.length < 32) {
                throw new IllegalStateException("signing key " + key.id() + " is shorter than 32 bytes");
            }
            keys.add(new OctetSequenceKey.Builder(secret).keyID(key.id()).build());
        }
        String active = properties.activeKey();
        if (keys.isEmpty()) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            active = "ephemeral-" + UUID.randomUUID();
            keys.add(new OctetSequenceKey.Builder(secret).keyID(active).build());
            log.warn("No portico.security.signing-keys configured: using a random key; tokens end with this process and are not valid on other nodes");
        } else if (active.isBlank()) {
            active = keys.getFirst().getKeyID();
        }
        String activeId = active;
        OctetSequenceKey signing = keys.stream().filter(k -> k.getKeyID().equals(activeId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("portico.security.active-key " + activeId + " is not among the signing keys"));
        this.activeKeyId = activeId;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(signing)));
        // Any configured key verifies, chosen by the token's kid; unsigned (alg none) tokens are refused by Nimbus.
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                new ImmutableJWKSet<>(new JWKSet(new ArrayList<com.nimbusds.jose.jwk.JWK>(keys)))));
        // Lifetimes are checked by TokenValidator against the host's clock, not Nimbus's.
        processor.setJWTClaimsSetVerifier(null);
        NimbusJwtDecoder nimbus = new NimbusJwtDecoder(processor);
        nimbus.setJwtValidator(new TokenValidator(clock));
        this.decoder = nimbus;
    }

    /** A token for {@code subject} in {@code tenant}, valid for {@code ttl}. */
    public IssuedToken issue(Audience audience, String tenant, String subject, Duration ttl, Map<String, Object> claims) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        JwtClaimsSet.Builder body = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of(audience.claim()))
                .subject(subject)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .claim(TENANT_CLAIM, tenant);
        claims.forEach(body::claim);
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).keyId(activeKeyId).type("JWT").build();
        String value = encoder.encode(JwtEncoderParameters.from(header, body.build())).getTokenValue();
        return new IssuedToken(value, expiresAt);
    }

    JwtDecoder decoder() {
        return decoder;
    }
}
