package dev.portico.auth;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.portico.ratelimit.RateLimiter;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Hourly, on one node: deletes idle rate-limit buckets, and login links and sessions long past their end in every studio. */
@Configuration(proxyBeanMethods = false)
class PortalCleanup {

    private static final Logger log = LoggerFactory.getLogger(PortalCleanup.class);

    @Bean
    RecurringTask<Void> portalCleanupTask(TenantRegistry registry, MagicLinks links, PortalSessions sessions, RateLimiter limiter) {
        return Tasks.recurring("portal-cleanup", Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> {
                    limiter.deleteExpired();
                    registry.findAll().stream().filter(Tenant::isActive).forEach(tenant ->
                        TenantContext.runAs(tenant, () -> {
                            int tokens = links.deleteExpired();
                            int ended = sessions.deleteExpired();
                            if (tokens + ended > 0) {
                                log.info("Deleted {} expired login links and {} ended sessions", tokens, ended);
                            }
                        }));
                });
    }
}
