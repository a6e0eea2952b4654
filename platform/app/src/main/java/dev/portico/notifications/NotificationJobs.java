package dev.portico.notifications;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.time.Duration;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Appointment reminders at their time, and the hourly look for packages about to expire, on whichever node is up. */
@Configuration(proxyBeanMethods = false)
class NotificationJobs {

    @Bean
    OneTimeTask<Void> appointmentReminderTask(TenantRegistry registry, CustomerNotifications notifications) {
        return Tasks.oneTime(CustomerNotifications.REMINDER_TASK).execute((instance, context) -> {
            String[] parts = instance.getId().split(":");
            registry.findBySlug(parts[0]).filter(Tenant::isActive).ifPresent(tenant -> TenantContext.runAs(tenant,
                    () -> notifications.remind(UUID.fromString(parts[1]), Long.parseLong(parts[2]))));
        });
    }

    @Bean
    RecurringTask<Void> creditsExpiringTask(TenantRegistry registry, CustomerNotifications notifications,
            org.springframework.transaction.support.TransactionTemplate transactions) {
        return Tasks.recurring("credits-expiring", Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> registry.findAll().stream().filter(Tenant::isActive).forEach(tenant ->
                        TenantContext.runAs(tenant, () -> transactions.executeWithoutResult(status -> notifications.expiringSoon()))));
    }
}
