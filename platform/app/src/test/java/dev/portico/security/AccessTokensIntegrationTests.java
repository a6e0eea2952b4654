package dev.portico.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Token lifetimes and key rotation, with tokens minted the way another node (or an attacker with the wrong key)
 * would: by its own {@link AccessTokens} with its own clock and keys.
 */
@DemoStudiosTest
class AccessTokensIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** Serenity's owner: admin tokens must name a live account. */
    private String owner() {
        return jdbc.sql("SELECT id FROM platform.admin_users WHERE email = 'owner@serenity.example'").query(String.class).single();
    }

    @Test
    void aTokenSignedWithThePreviousKeyIsStillAcceptedDuringRotation() {
        String token = minter("previous", DemoStudiosTest.PREVIOUS_KEY, Clock.systemUTC()).issue(Audience.ADMIN, "serenity",
                owner(), Duration.ofMinutes(5), Map.of("role", "OWNER")).value();

        assertThat(get(token).status()).isEqualTo(200);
    }

    @Test
    void aTokenSignedWithAnUnknownKeyIsRefused() {
        String token = minter("previous", Base64.getEncoder().encodeToString(new byte[32]), Clock.systemUTC()).issue(Audience.ADMIN,
                "serenity", owner(), Duration.ofMinutes(5), Map.of("role", "OWNER")).value();
        String unknownKid = minter("retired", DemoStudiosTest.CURRENT_KEY, Clock.systemUTC()).issue(Audience.ADMIN,
                "serenity", owner(), Duration.ofMinutes(5), Map.of("role", "OWNER")).value();

        assertThat(get(token).status()).isEqualTo(401);
        assertThat(get(unknownKid).status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefusedAndOneJustInsideItsLifetimeIsNot() {
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String expired = minter("current", DemoStudiosTest.CURRENT_KEY, anHourAgo)
                .issue(Audience.ADMIN, "serenity", owner(), Duration.ofMinutes(59), Map.of("role", "OWNER")).value();
        String alive = minter("current", DemoStudiosTest.CURRENT_KEY, anHourAgo)
                .issue(Audience.ADMIN, "serenity", owner(), Duration.ofMinutes(61), Map.of("role", "OWNER")).value();

        assertThat(get(expired).status()).isEqualTo(401);
        assertThat(get(alive).status()).isEqualTo(200);
    }

    @Test
    void aTokenFromTheFutureIsRefused() {
        Clock tomorrow = Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        String token = minter("current", DemoStudiosTest.CURRENT_KEY, tomorrow)
                .issue(Audience.ADMIN, "serenity", owner(), Duration.ofDays(2), Map.of("role", "OWNER")).value();

        assertThat(get(token).status()).isEqualTo(401);
    }

    private StudioHttp.Response get(String token) {
        return new StudioHttp(port).json("GET", "serenity.localhost", "/api/admin/plugins", token, null);
    }

    private static AccessTokens minter(String keyId, String secret, Clock clock) {
        return new AccessTokens(new SecurityProperties(List.of(new SecurityProperties.SigningKey(keyId, secret)), keyId,
                Duration.ofHours(1)), clock);
    }
}
