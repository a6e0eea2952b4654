package dev.portico.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursUnitTests {

    static final ZoneId DUBAI = ZoneId.of("Asia/Dubai");

    @Test
    void withoutQuietHoursAMessageGoesNow() {
        Instant now = Instant.parse("2026-12-01T20:30:00Z");

        assertThat(CustomerNotifications.quietUntil(now, DUBAI, null, null)).isEqualTo(now);
    }

    @Test
    void overnightQuietHoursHoldAMessageUntilMorningLocalTime() {
        // 23:30 in Dubai: quiet from 21:00 to 08:00, so 08:00 the next local morning (04:00Z).
        assertThat(CustomerNotifications.quietUntil(Instant.parse("2026-12-01T19:30:00Z"), DUBAI, "21:00", "08:00"))
                .isEqualTo(Instant.parse("2026-12-02T04:00:00Z"));
        // 06:00 in Dubai, still quiet: 08:00 the same morning.
        assertThat(CustomerNotifications.quietUntil(Instant.parse("2026-12-02T02:00:00Z"), DUBAI, "21:00", "08:00"))
                .isEqualTo(Instant.parse("2026-12-02T04:00:00Z"));
    }

    @Test
    void theEdgesAreStartInclusiveAndEndExclusive() {
        Instant atStart = Instant.parse("2026-12-01T17:00:00Z"); // 21:00 Dubai
        Instant atEnd = Instant.parse("2026-12-02T04:00:00Z");   // 08:00 Dubai
        Instant before = Instant.parse("2026-12-01T16:59:59Z");  // 20:59:59 Dubai

        assertThat(CustomerNotifications.quietUntil(atStart, DUBAI, "21:00", "08:00")).isEqualTo(atEnd);
        assertThat(CustomerNotifications.quietUntil(atEnd, DUBAI, "21:00", "08:00")).isEqualTo(atEnd);
        assertThat(CustomerNotifications.quietUntil(before, DUBAI, "21:00", "08:00")).isEqualTo(before);
    }

    @Test
    void daytimeQuietHoursWorkToo() {
        // 13:00 to 15:00 Dubai; 14:00 Dubai waits until 15:00 (11:00Z).
        assertThat(CustomerNotifications.quietUntil(Instant.parse("2026-12-01T10:00:00Z"), DUBAI, "13:00", "15:00"))
                .isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
    }
}
