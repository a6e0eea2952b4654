package dev.portico.booking;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Releases a place held for an online payment that was not completed within the hold, on whichever node is up. */
@Configuration(proxyBeanMethods = false)
class HoldRelease {

    @Bean
    OneTimeTask<Void> releaseUnpaidHoldTask(TenantRegistry registry, BookingManagement bookings) {
        return Tasks.oneTime(BookingManagement.RELEASE_HOLD_TASK).execute((instance, context) -> {
            String id = instance.getId();
            int colon = id.indexOf(':');
            registry.findBySlug(id.substring(0, colon)).filter(Tenant::isActive).ifPresent(tenant ->
                    TenantContext.runAs(tenant, () -> bookings.releaseIfUnpaid(UUID.fromString(id.substring(colon + 1)))));
        });
    }
}
