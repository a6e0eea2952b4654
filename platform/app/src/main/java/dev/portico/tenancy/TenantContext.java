package dev.portico.tenancy;

import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The studio the current thread works for. Always entered through {@link #enter}, {@link #runAs} or
 * {@link #callAs}, which restore the previous state, so no request or job leaves a tenant behind on a
 * pooled thread. The studio's slug rides along in the logging MDC as {@code tenant}.
 */
public final class TenantContext {

    static final String MDC_KEY = "tenant";

    private static final ThreadLocal<@Nullable Tenant> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    /** The current studio, if the thread works for one. */
    public static Optional<Tenant> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The current studio; fails loudly when code that needs one runs outside any. */
    public static Tenant require() {
        Tenant tenant = CURRENT.get();
        if (tenant == null) {
            throw new IllegalStateException("no tenant bound to this thread");
        }
        return tenant;
    }

    /** The database the current studio is placed on; null for the primary database, and outside any studio. */
    static @Nullable String placement() {
        Tenant tenant = CURRENT.get();
        return tenant == null ? null : tenant.placement();
    }

    /** Binds {@code tenant} to this thread until the returned scope is closed. */
    public static Scope enter(Tenant tenant) {
        Scope scope = new Scope(CURRENT.get(), MDC.get(MDC_KEY));
        CURRENT.set(tenant);
        MDC.put(MDC_KEY, tenant.slug());
        return scope;
    }

    /** Runs {@code work} on behalf of {@code tenant}. */
    public static void runAs(Tenant tenant, Runnable work) {
        try (Scope ignored = enter(tenant)) {
            work.run();
        }
    }

    /** Calls {@code work} on behalf of {@code tenant} and returns its result. */
    public static <T> T callAs(Tenant tenant, Supplier<T> work) {
        try (Scope ignored = enter(tenant)) {
            return work.get();
        }
    }

    /** Restores what was bound before {@link #enter}. */
    public static final class Scope implements AutoCloseable {

        private final @Nullable Tenant previous;
        private final @Nullable String previousMdc;

        private Scope(@Nullable Tenant previous, @Nullable String previousMdc) {
            this.previous = previous;
            this.previousMdc = previousMdc;
        }

        @Override
        public void close() {
            CURRENT.set(previous);
            if (previousMdc == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previousMdc);
            }
        }
    }
}
