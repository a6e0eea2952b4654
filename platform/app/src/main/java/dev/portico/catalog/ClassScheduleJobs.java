package dev.portico.catalog;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.time.Clock;
import java.time.LocalTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** Once a day, on whichever node is up, every studio's schedule rules generate the sessions of the coming four weeks. */
@Configuration(proxyBeanMethods = false)
class ClassScheduleJobs {

    private static final Logger log = LoggerFactory.getLogger(ClassScheduleJobs.class);

    @Bean
    RecurringTask<Void> classScheduleTopUpTask(TenantRegistry registry, ClassSchedule schedule, TransactionTemplate transactions,
            Clock clock) {
        return Tasks.recurring("class-schedule-top-up", Schedules.daily(LocalTime.of(2, 0)))
                .execute((instance, context) -> registry.findAll().stream().filter(Tenant::isActive).forEach(tenant -> {
                    // One studio's failure must not keep the others' timetables from growing.
                    try {
                        TenantContext.runAs(tenant, () -> transactions.executeWithoutResult(status -> schedule.topUp(clock.instant())));
                    } catch (RuntimeException e) {
                        log.error("Could not top up the class schedule of {}", tenant.slug(), e);
                    }
                }));
    }
}
