package dev.portico.catalog;

import dev.portico.availability.ServiceKind;
import dev.portico.availability.ServiceSpec;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A service and its booking rules.
 *
 * @param cancelWindowMinutes     the service's override of the studio's cancel window, or null
 * @param rescheduleWindowMinutes the service's override of the studio's reschedule window, or null
 * @param priceMinor              price per visit in minor units, or null when not sold per visit
 */
public record ServiceDetails(UUID id, String name, ServiceKind kind, int durationMinutes, int capacity,
        @Nullable Long priceMinor, String currency, int bufferBeforeMinutes, int bufferAfterMinutes, int minNoticeMinutes,
        int maxAdvanceDays, @Nullable Integer cancelWindowMinutes, @Nullable Integer rescheduleWindowMinutes,
        boolean onlineBookable, boolean payPerVisitAllowed, boolean active) {

    /** The rules the availability engine applies. */
    public ServiceSpec spec() {
        return new ServiceSpec(id, kind, Duration.ofMinutes(durationMinutes), Duration.ofMinutes(bufferBeforeMinutes),
                Duration.ofMinutes(bufferAfterMinutes), Duration.ofMinutes(minNoticeMinutes), Duration.ofDays(maxAdvanceDays));
    }
}
