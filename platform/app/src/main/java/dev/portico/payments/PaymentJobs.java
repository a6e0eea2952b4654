package dev.portico.payments;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.plugin.api.Money;
import dev.portico.plugin.api.PaymentProvider;
import dev.portico.plugin.api.Receipt;
import dev.portico.plugin.api.RefundRequest;
import dev.portico.plugin.api.RefundResult;
import dev.portico.plugins.EnabledExtension;
import dev.portico.plugins.PluginUnavailableException;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Work with the provider that must not be lost: refunds (idempotency key per payment, retried with back-off) and
 * fetching receipt links after a payment succeeds.
 */
@Configuration(proxyBeanMethods = false)
class PaymentJobs {

    private static final Logger log = LoggerFactory.getLogger(PaymentJobs.class);

    private final TenantRegistry registry;
    private final Payments payments;
    private final JdbcClient jdbc;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    private final AuditLog audit;

    PaymentJobs(TenantRegistry registry, Payments payments, JdbcClient jdbc, org.springframework.context.ApplicationEventPublisher events,
            org.springframework.transaction.support.TransactionTemplate transactions, AuditLog audit) {
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.registry = registry;
        this.payments = payments;
        this.jdbc = jdbc;
    }

    @Bean
    OneTimeTask<Void> refundPaymentTask() {
        return Tasks.oneTime(Payments.REFUND_TASK)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(10,
                        new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(30), 2.0),
                        (complete, operations) -> log.error("Gave up refunding {}; the studio must refund it by hand",
                                complete.getExecution().taskInstance.getId())))
                .execute((instance, context) -> inTenant(instance.getId(), this::refund));
    }

    @Bean
    OneTimeTask<Void> syncReceiptTask() {
        return Tasks.oneTime(Payments.RECEIPT_TASK)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(5,
                        new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(30), 2.0)))
                .execute((instance, context) -> inTenant(instance.getId(), this::syncReceipt));
    }

    private void refund(Payments.Row payment) {
        if (!"REQUESTED".equals(payment.refundStatus()) || payment.providerPaymentId() == null) {
            return;
        }
        EnabledExtension<PaymentProvider> provider = provider(payment);
        RefundRequest request = new RefundRequest("portico-refund-" + payment.id(), payment.providerPaymentId(),
                new Money(payment.amountMinor(), payment.currency()), "requested_by_customer");
        RefundResult result;
        try {
            result = provider.call("refund", (extension, context) -> extension.refund(request, context));
        } catch (PluginUnavailableException e) {
            throw new RetryLater("payment provider unavailable");
        }
        String table = TenantContext.require().schemaName() + ".payments";
        switch (result) {
            case RefundResult.Refunded refunded -> transactions.executeWithoutResult(status -> {
                jdbc.sql("UPDATE " + table
                                + " SET status = 'REFUNDED', refund_status = 'REFUNDED', refunded_minor = amount_minor, updated_at = now() WHERE id = ?")
                        .param(payment.id()).update();
                audit.record(Actor.system("payments"), "payment.refunded", payment.customerId(), "payment", payment.id().toString(),
                        Map.of("amountMinor", payment.amountMinor(), "currency", payment.currency(), "providerRefundId", refunded.providerRefundId()));
                events.publishEvent(new PaymentRefunded(TenantContext.require().slug(), payment.id(), payment.customerId(),
                        payment.amountMinor(), payment.currency(), payment.description()));
            });
            case RefundResult.Permanent permanent -> {
                log.error("Refund of payment {} refused for good: {}", payment.id(), permanent.reason());
                jdbc.sql("UPDATE " + table + " SET refund_status = 'FAILED', failure_reason = ?, updated_at = now() WHERE id = ?")
                        .params(permanent.reason(), payment.id()).update();
            }
            case RefundResult.Retryable retryable -> throw new RetryLater(retryable.reason());
        }
    }

    private void syncReceipt(Payments.Row payment) {
        if (payment.providerPaymentId() == null) {
            return;
        }
        List<Receipt> receipts = provider(payment).call("receipts",
                (extension, context) -> extension.receipts(List.of(payment.providerPaymentId()), context));
        receipts.stream().filter(r -> r.receiptUrl() != null && r.receiptUrl().startsWith("https://")).findFirst()
                .ifPresent(receipt -> jdbc.sql("UPDATE " + TenantContext.require().schemaName()
                        + ".payments SET receipt_url = ?, updated_at = now() WHERE id = ?").params(receipt.receiptUrl(), payment.id()).update());
    }

    private EnabledExtension<PaymentProvider> provider(Payments.Row payment) {
        return payments.provider().filter(p -> p.pluginId().equals(payment.provider()))
                .orElseThrow(() -> new RetryLater("payment provider " + payment.provider() + " is not enabled"));
    }

    private void inTenant(String instanceId, java.util.function.Consumer<Payments.Row> work) {
        int colon = instanceId.indexOf(':');
        Optional<Tenant> tenant = registry.findBySlug(instanceId.substring(0, colon)).filter(Tenant::isActive);
        UUID paymentId = UUID.fromString(instanceId.substring(colon + 1));
        tenant.ifPresent(t -> TenantContext.runAs(t, () -> payments.find(paymentId).ifPresent(work)));
    }

    /** A transient failure, for the job runner to try again later. */
    static final class RetryLater extends RuntimeException {

        RetryLater(String reason) {
            super(reason);
        }
    }
}
