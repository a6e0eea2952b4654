package dev.portico.plugins;

import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every call into a plugin goes through here: on its own (virtual) thread with the plugin's class loader, bounded
 * by {@code portico.plugins.call-timeout}. A plugin that throws or hangs is logged, audited in the studio's log
 * (in a transaction of its own, so the entry survives the caller's rollback) and answered as
 * {@link PluginUnavailableException}; the caller's thread, and every other studio, carry on.
 */
@Component
class PluginCalls implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PluginCalls.class);

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Duration timeout;
    private final AuditLog audit;
    private final TransactionTemplate separateTransaction;

    PluginCalls(PluginsProperties properties, AuditLog audit, PlatformTransactionManager transactions) {
        this.timeout = properties.callTimeout();
        this.audit = audit;
        this.separateTransaction = new TransactionTemplate(transactions);
        separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    <R> R invoke(String pluginId, ClassLoader pluginClassLoader, String operation, Supplier<R> call) {
        Tenant tenant = TenantContext.require();
        Future<R> future = executor.submit(() -> TenantContext.callAs(tenant, () -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(pluginClassLoader);
            try {
                return call.get();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }));
        try {
            return future.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failed(pluginId, operation, "timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.warn("Plugin {} failed during {}", pluginId, operation, cause);
            throw failed(pluginId, operation, cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw failed(pluginId, operation, "interrupted");
        }
    }

    /** Records a plugin that cannot be used (failure, time-out or misconfiguration) and returns the answer to throw. */
    PluginUnavailableException failed(String pluginId, String operation, String reason) {
        log.warn("Plugin {} unavailable for {}: {}", pluginId, operation, reason);
        try {
            separateTransaction.executeWithoutResult(status -> audit.record(Actor.system("plugin-host"), "plugin.failed",
                    null, "plugin", pluginId, Map.of("operation", operation, "reason", reason)));
        } catch (RuntimeException e) {
            log.error("Could not audit the failure of plugin {}", pluginId, e);
        }
        return new PluginUnavailableException(pluginId);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
