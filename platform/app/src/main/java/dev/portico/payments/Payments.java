package dev.portico.payments;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.jobs.Jobs;
import dev.portico.plugin.api.Money;
import dev.portico.plugin.api.PaymentProvider;
import dev.portico.plugin.api.PaymentProviderException;
import dev.portico.plugin.api.PaymentRequest;
import dev.portico.plugin.api.PaymentSession;
import dev.portico.plugin.api.PaymentStatus;
import dev.portico.plugins.EnabledExtension;
import dev.portico.plugins.PluginUnavailableException;
import dev.portico.plugins.TenantPlugins;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payments through the studio's payment provider plugin. A payment row is committed before the provider is
 * called and its id is the idempotency key of every call about it, so a retry after a crash never charges twice;
 * the provider's confirmation (a signed webhook) is what moves money into credits or bookings.
 */
@Service
public class Payments {

    static final String REFUND_TASK = "refund-payment";
    static final String RECEIPT_TASK = "sync-receipt";

    /** What a payment row says. */
    record Row(UUID id, UUID customerId, String provider, @Nullable String providerPaymentId, String purpose, long amountMinor,
            String currency, String status, String description, @Nullable UUID appointmentId, @Nullable UUID productId,
            String refundStatus) {

        static final String COLUMNS = """
                id, customer_id, provider, provider_payment_id, purpose, amount_minor, currency, status, description,
                appointment_id, package_product_id, refund_status""";

        static Row map(ResultSet rs, int n) throws SQLException {
            return new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getLong(6), rs.getString(7).trim(), rs.getString(8), rs.getString(9),
                    rs.getObject(10, UUID.class), rs.getObject(11, UUID.class), rs.getString(12));
        }
    }

    private final TenantPlugins plugins;
    private final JdbcClient jdbc;
    private final Jobs jobs;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AuditLog audit;

    Payments(TenantPlugins plugins, JdbcClient jdbc, Jobs jobs, ApplicationEventPublisher events, TransactionTemplate transactions,
            Clock clock, AuditLog audit) {
        this.audit = audit;
        this.plugins = plugins;
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Whether the studio takes payments online (a payment provider plugin is enabled). */
    public boolean available() {
        return provider().isPresent();
    }

    /**
     * Records a payment to be made, in the caller's transaction.
     *
     * @throws ApiException 409 {@code PLUGIN_UNAVAILABLE} when the studio takes no payments online
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID open(UUID customerId, String purpose, long amountMinor, String currency, String description,
            @Nullable UUID appointmentId, @Nullable UUID productId) {
        EnabledExtension<PaymentProvider> provider = provider().orElseThrow(Payments::unavailable);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO " + schema() + """
                .payments (id, customer_id, provider, idempotency_key, purpose, amount_minor, currency, description,
                           appointment_id, package_product_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(id, customerId, provider.pluginId(), "portico-" + id, purpose, amountMinor, currency, description,
                appointmentId, productId).update();
        return id;
    }

    /**
     * Asks the provider to take a recorded payment, outside any transaction of ours. A refusal marks the payment
     * failed (releasing whatever it held); an unknown outcome leaves it pending for the webhook or a retry.
     */
    public Checkout start(UUID paymentId, String customerEmail) {
        Tenant tenant = TenantContext.require();
        Row payment = find(paymentId).orElseThrow(() -> ApiException.notFound("Payment"));
        EnabledExtension<PaymentProvider> provider = provider().filter(p -> p.pluginId().equals(payment.provider()))
                .orElseThrow(Payments::unavailable);
        String returnTo = tenant.publicBaseUrl() + "/portal/payments/" + paymentId;
        PaymentRequest request = new PaymentRequest("portico-" + paymentId, new Money(payment.amountMinor(), payment.currency()),
                payment.description(), customerEmail, returnTo + "?result=success", returnTo + "?result=cancelled",
                Map.of("paymentId", paymentId.toString(), "tenant", tenant.slug(), "customerId", payment.customerId().toString(),
                        "purpose", payment.purpose()));
        PaymentSession session;
        try {
            session = provider.call("createPayment", (extension, context) -> extension.createPayment(request, context));
        } catch (PaymentProviderException | PluginUnavailableException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "PAYMENT_PROVIDER_UNAVAILABLE", "Payments unavailable",
                    "We could not reach the payment provider. Please try again in a moment.");
        }
        if (session.status() == PaymentStatus.FAILED) {
            transactions.executeWithoutResult(status -> fail(payment, session.failureReason() == null ? "declined" : session.failureReason()));
            return new Checkout(paymentId, null, null, "FAILED", session.failureReason());
        }
        transactions.executeWithoutResult(status -> jdbc.sql("UPDATE " + schema()
                        + ".payments SET provider_payment_id = coalesce(provider_payment_id, ?), updated_at = now() WHERE id = ?")
                .params(session.providerPaymentId(), paymentId).update());
        if (session.status() == PaymentStatus.SUCCEEDED) {
            transactions.executeWithoutResult(status -> succeed(find(paymentId).orElseThrow()));
        }
        return new Checkout(paymentId, session.redirectUrl(), session.clientSecret(), session.status().name(), null);
    }

    /** Marks a pending payment succeeded and announces it; a second confirmation does nothing. */
    @Transactional(propagation = Propagation.MANDATORY)
    void succeed(Row payment) {
        int moved = jdbc.sql("UPDATE " + schema() + ".payments SET status = 'SUCCEEDED', failure_reason = NULL, updated_at = now() "
                + "WHERE id = ? AND status IN ('PENDING', 'FAILED', 'CANCELLED')").param(payment.id()).update();
        if (moved == 1) {
            audit.record(Actor.system("payments"), "payment.succeeded", payment.customerId(), "payment", payment.id().toString(),
                    Map.of("purpose", payment.purpose(), "amountMinor", payment.amountMinor(), "currency", payment.currency()));
            events.publishEvent(new PaymentSucceeded(TenantContext.require().slug(), payment.id(), payment.customerId(),
                    payment.purpose(), payment.appointmentId(), payment.productId(), payment.amountMinor(), payment.currency(),
                    payment.description()));
            jobs.schedule(new TaskInstance<>(RECEIPT_TASK, TenantContext.require().slug() + ":" + payment.id()), clock.instant());
        }
    }

    /** Marks a pending payment failed and announces it, so whatever it held is released. */
    @Transactional(propagation = Propagation.MANDATORY)
    void fail(Row payment, String reason) {
        int moved = jdbc.sql("UPDATE " + schema() + ".payments SET status = 'FAILED', failure_reason = ?, updated_at = now() "
                + "WHERE id = ? AND status = 'PENDING'").params(reason, payment.id()).update();
        if (moved == 1) {
            audit.record(Actor.system("payments"), "payment.failed", payment.customerId(), "payment", payment.id().toString(),
                    Map.of("purpose", payment.purpose(), "reason", reason));
            events.publishEvent(new PaymentFailed(TenantContext.require().slug(), payment.id(), payment.customerId(),
                    payment.purpose(), payment.appointmentId(), reason));
        }
    }

    /** Gives up on a payment nobody completed (an expired hold). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void abandon(UUID paymentId) {
        find(paymentId).ifPresent(payment -> fail(payment, "not completed in time"));
    }

    /** The payment made for an appointment, if any. */
    public Optional<UUID> forAppointment(UUID appointmentId) {
        return jdbc.sql("SELECT id FROM " + schema() + ".payments WHERE appointment_id = ? AND purpose = 'PAY_PER_VISIT' "
                + "ORDER BY created_at DESC LIMIT 1").param(appointmentId).query(UUID.class).optional();
    }

    /**
     * Refunds a succeeded payment: now, through a durable job with retries ({@code approved}), or after the studio
     * approves it ({@code approved = false}).
     *
     * @return whether this call moved the refund on (false when another already had, or there is nothing to refund)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean refund(UUID paymentId, boolean approved) {
        String next = approved ? "REQUESTED" : "PENDING_APPROVAL";
        int moved = jdbc.sql("UPDATE " + schema() + ".payments SET refund_status = ?, updated_at = now() "
                + "WHERE id = ? AND status = 'SUCCEEDED' AND refund_status IN ('NONE', 'PENDING_APPROVAL')").params(next, paymentId).update();
        if (moved == 1) {
            find(paymentId).ifPresent(payment -> audit.record(Actor.system("payments"),
                    approved ? "payment.refund_requested" : "payment.refund_awaiting_approval", payment.customerId(), "payment",
                    paymentId.toString(), Map.of("amountMinor", payment.amountMinor(), "currency", payment.currency())));
        }
        if (moved == 1 && approved) {
            jobs.schedule(new TaskInstance<>(REFUND_TASK, TenantContext.require().slug() + ":" + paymentId), clock.instant());
        }
        return moved == 1;
    }

    /** A refund waiting for the studio's approval. */
    public record PendingRefund(UUID paymentId, UUID customerId, String description, long amountMinor, String currency) {}

    public List<PendingRefund> pendingRefunds() {
        return jdbc.sql("SELECT id, customer_id, description, amount_minor, currency FROM " + schema()
                        + ".payments WHERE refund_status = 'PENDING_APPROVAL' ORDER BY updated_at")
                .query((rs, n) -> new PendingRefund(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getLong(4), rs.getString(5).trim()))
                .list();
    }

    /**
     * Approves a refund that waited for the studio; false when none was waiting.
     *
     * @throws ApiException 404 when this studio has no such payment (another studio's included)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean approveRefund(UUID paymentId) {
        if (find(paymentId).isEmpty()) {
            throw ApiException.notFound("Payment");
        }
        boolean waiting = jdbc.sql("SELECT count(*) FROM " + schema() + ".payments WHERE id = ? AND refund_status = 'PENDING_APPROVAL'")
                .param(paymentId).query(Long.class).single() == 1;
        // Of two approvals at once both may see it waiting; only the one whose update moved it approved it.
        return waiting && refund(paymentId, true);
    }

    Optional<Row> find(UUID paymentId) {
        return jdbc.sql("SELECT " + Row.COLUMNS + " FROM " + schema() + ".payments WHERE id = ?").param(paymentId).query(Row::map).optional();
    }

    Optional<EnabledExtension<PaymentProvider>> provider() {
        return plugins.enabled(PaymentProvider.class).stream().min(Comparator.comparing(EnabledExtension::pluginId));
    }

    static ApiException unavailable() {
        return new ApiException(HttpStatus.CONFLICT, "PLUGIN_UNAVAILABLE", "Payments unavailable",
                "This studio does not take payments online. Please contact the studio to buy or pay.");
    }

    private static String schema() {
        return TenantContext.require().schemaName();
    }
}
