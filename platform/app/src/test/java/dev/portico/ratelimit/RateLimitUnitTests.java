package dev.portico.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The parts of rate limiting that need no database: keys, limits and what a refused client is told. */
class RateLimitUnitTests {

    @Test
    void identifierKeyNormalizesEmailsAndPhones() {
        assertThat(RateLimiter.identifierKey("  Jane.Doe@Example.COM ")).isEqualTo("jane.doe@example.com");
        assertThat(RateLimiter.identifierKey("+971 50-123 (4567)")).isEqualTo("+971501234567");
        assertThat(RateLimiter.identifierKey("00971501234567")).isEqualTo("+971501234567");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndTheDetailAgrees() {
        RateLimitedException justOverThreeMinutes = RateLimitedException.retryAfter(Duration.ofMillis(180_001));
        assertThat(justOverThreeMinutes.headers()).containsEntry("Retry-After", "181");
        assertThat(justOverThreeMinutes.getMessage()).isEqualTo("Too many attempts. Please try again in 4 minutes.");
        assertThat(justOverThreeMinutes.retryAfter()).isEqualTo(Duration.ofSeconds(181));

        assertThat(RateLimitedException.retryAfter(Duration.ofMillis(1)).getMessage()).endsWith("in 1 second.");
        assertThat(RateLimitedException.retryAfter(Duration.ZERO).headers()).containsEntry("Retry-After", "1");
        assertThat(RateLimitedException.retryAfter(Duration.ofSeconds(59)).getMessage()).endsWith("in 59 seconds.");
        assertThat(RateLimitedException.retryAfter(Duration.ofMinutes(90)).getMessage()).endsWith("in 2 hours.");
    }

    @Test
    void limitsThatCannotWorkAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimit("Has:Colon", 1, Duration.ofMinutes(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimit("zero", 0, Duration.ofMinutes(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimit("instant", 1, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitProperties(true, null, null, null, null, null,
                new RateLimitProperties.Limit(5, Duration.ofSeconds(-1))));
        assertThatIllegalArgumentException().isThrownBy(() -> new Quota(new RateLimit("blank-key", 1, Duration.ofMinutes(1)), " "));
    }

    @Test
    void settingsBindToNamedLimitsAndMissingOnesKeepTheirDefaults() {
        RateLimitProperties properties = bind(Map.of(
                "portico.rate-limits.link-per-ip.capacity", "3",
                "portico.rate-limits.link-per-ip.period", "2m"));

        assertThat(properties.enabled()).isTrue();
        assertThat(properties.loginLinkPerIp()).isEqualTo(new RateLimit("login-link-per-ip", 3, Duration.ofMinutes(2)));
        assertThat(properties.loginAdminPerIp()).isEqualTo(new RateLimit("login-admin-per-ip", 20, Duration.ofMinutes(15)));
    }

    @Test
    void aLimitThatCannotWorkStopsTheBinding() {
        assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of(
                "portico.rate-limits.verify-per-ip.capacity", "0",
                "portico.rate-limits.verify-per-ip.period", "15m")));
    }

    private static RateLimitProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("portico.rate-limits", RateLimitProperties.class);
    }
}
