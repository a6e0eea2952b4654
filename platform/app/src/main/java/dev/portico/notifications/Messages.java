package dev.portico.notifications;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.portico.jobs.Jobs;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues messages to customers. The message row and its delivery job are written in the caller's transaction:
 * if the change that caused the message rolls back, nothing is sent; once it commits, delivery survives any crash.
 */
@Service
public class Messages {

    private final JdbcClient jdbc;
    private final Jobs jobs;
    private final Clock clock;

    Messages(JdbcClient jdbc, Jobs jobs, Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Queues {@code message} for the current studio and returns its id (its idempotency key at the provider). */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(OutgoingMessage message) {
        return enqueue(message, clock.instant());
    }

    /** Queues {@code message} to go out at {@code notBefore} (quiet hours), no earlier. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(OutgoingMessage message, java.time.Instant notBefore) {
        Tenant tenant = TenantContext.require();
        UUID id = jdbc.sql("INSERT INTO " + tenant.schemaName() + """
                .outbound_messages (event, customer_id, kind, recipient, subject, body, html, locale)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """)
                .params(message.event(), message.customerId(), message.kind().name(), message.to(), message.subject(),
                        message.body(), message.html(), message.locale())
                .query(UUID.class).single();
        jobs.schedule(new TaskInstance<>(MessageDelivery.TASK, MessageDelivery.instanceId(tenant, id)), notBefore);
        return id;
    }
}
