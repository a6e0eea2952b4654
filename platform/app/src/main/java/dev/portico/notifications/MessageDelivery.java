package dev.portico.notifications;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.DeliveryResult;
import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugin.api.OutboundMessage;
import dev.portico.plugins.EnabledExtension;
import dev.portico.plugins.PluginUnavailableException;
import dev.portico.plugins.TenantPlugins;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delivers queued messages through the studio's enabled channel for the message's kind (the first by plugin id
 * when several are enabled). Retryable failures are retried with exponential back-off, up to
 * {@value #MAX_ATTEMPTS} attempts; permanent failures, and messages out of attempts, are marked dead with the
 * reason. A message already sent is never sent again, and its id is the provider's idempotency key.
 */
@Configuration(proxyBeanMethods = false)
class MessageDelivery {

    static final String TASK = "deliver-message";
    static final int MAX_ATTEMPTS = 8;

    private static final Logger log = LoggerFactory.getLogger(MessageDelivery.class);

    private final TenantRegistry registry;
    private final TenantPlugins plugins;
    private final JdbcClient jdbc;
    private final Duration firstRetry;

    MessageDelivery(TenantRegistry registry, TenantPlugins plugins, JdbcClient jdbc,
            @org.springframework.beans.factory.annotation.Value("${portico.notifications.first-retry:15s}") Duration firstRetry) {
        this.registry = registry;
        this.plugins = plugins;
        this.jdbc = jdbc;
        this.firstRetry = firstRetry;
    }

    static String instanceId(Tenant tenant, UUID messageId) {
        return tenant.slug() + ":" + messageId;
    }

    @Bean
    OneTimeTask<Void> deliverMessage() {
        return Tasks.oneTime(TASK)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(MAX_ATTEMPTS - 1,
                        new FailureHandler.ExponentialBackoffFailureHandler<>(firstRetry, 2.0),
                        (complete, operations) -> giveUp(complete.getExecution().taskInstance.getId())))
                .execute((instance, context) -> deliver(instance.getId()));
    }

    /** One delivery attempt; throws {@link RetryLater} so the job runner schedules the next. */
    void deliver(String instanceId) {
        Optional<Tenant> tenant = tenantOf(instanceId);
        if (tenant.isEmpty()) {
            log.warn("Dropping message {}: its studio no longer serves", instanceId);
            return;
        }
        UUID id = UUID.fromString(instanceId.substring(instanceId.indexOf(':') + 1));
        TenantContext.runAs(tenant.get(), () -> attempt(tenant.get(), id));
    }

    private void attempt(Tenant tenant, UUID id) {
        String table = tenant.schemaName() + ".outbound_messages";
        Optional<Pending> pending = jdbc.sql("SELECT event, kind, recipient, subject, body, html, locale FROM " + table
                        + " WHERE id = ? AND status IN ('PENDING', 'RETRYING')")
                .param(id)
                .query((rs, n) -> new Pending(rs.getString(1), ChannelKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .optional();
        if (pending.isEmpty()) {
            return;
        }
        Pending message = pending.get();
        Optional<EnabledExtension<NotificationChannel>> channel = plugins.enabled(NotificationChannel.class).stream()
                .filter(c -> c.extension().kinds().contains(message.kind()))
                .min(Comparator.comparing(EnabledExtension::pluginId));
        if (channel.isEmpty()) {
            finish(table, id, "DEAD", null, null, "no channel for " + message.kind() + " is enabled");
            return;
        }
        OutboundMessage outbound = new OutboundMessage(id.toString(), message.kind(), message.to(), message.subject(),
                message.body(), message.html(), message.locale(), Map.of("event", message.event()));
        DeliveryResult result;
        try {
            result = channel.get().call("send", (extension, context) -> extension.send(outbound, context));
        } catch (PluginUnavailableException e) {
            result = new DeliveryResult.Retryable("plugin unavailable", null);
        }
        String pluginId = channel.get().pluginId();
        switch (result) {
            case DeliveryResult.Delivered delivered -> finish(table, id, "SENT", pluginId, delivered.providerMessageId(), null);
            case DeliveryResult.Permanent permanent -> finish(table, id, "DEAD", pluginId, null, permanent.reason());
            case DeliveryResult.Retryable retryable -> {
                finish(table, id, "RETRYING", pluginId, null, retryable.reason());
                throw new RetryLater(retryable.reason());
            }
        }
    }

    private void finish(String table, UUID id, String status, @Nullable String pluginId, @Nullable String providerId,
            @Nullable String error) {
        jdbc.sql("UPDATE " + table + """
                 SET status = ?, attempts = attempts + 1, plugin_id = coalesce(?, plugin_id),
                     provider_message_id = ?, last_error = ?,
                     sent_at = CASE WHEN ? = 'SENT' THEN now() END
                 WHERE id = ?
                """).params(status, pluginId, providerId, error, status, id).update();
        if (!"SENT".equals(status)) {
            log.warn("Message {} is {}: {}", id, status, error);
        }
    }

    private void giveUp(String instanceId) {
        tenantOf(instanceId).ifPresent(tenant -> TenantContext.runAs(tenant, () -> jdbc.sql(
                "UPDATE " + tenant.schemaName() + ".outbound_messages SET status = 'DEAD', "
                        + "last_error = 'gave up after " + MAX_ATTEMPTS + " attempts: ' || coalesce(last_error, '') WHERE id = ?")
                .param(UUID.fromString(instanceId.substring(instanceId.indexOf(':') + 1))).update()));
    }

    private Optional<Tenant> tenantOf(String instanceId) {
        int colon = instanceId.indexOf(':');
        return colon < 0 ? Optional.empty() : registry.findBySlug(instanceId.substring(0, colon)).filter(Tenant::isActive);
    }

    private record Pending(String event, ChannelKind kind, String to, String subject, String body, @Nullable String html,
            String locale) {}

    /** A retryable delivery failure, for the job runner to schedule the next attempt. */
    static final class RetryLater extends RuntimeException {

        RetryLater(String reason) {
            super(reason);
        }
    }
}
