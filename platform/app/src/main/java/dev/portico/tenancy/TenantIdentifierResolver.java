package dev.portico.tenancy;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/** Tells Hibernate which studio the current thread works for. */
class TenantIdentifierResolver implements CurrentTenantIdentifierResolver<String> {

    /** Hibernate needs an identifier even outside a tenant; connections for it are refused. */
    static final String NO_TENANT = "__none__";

    @Override
    public String resolveCurrentTenantIdentifier() {
        return TenantContext.current().map(Tenant::slug).orElse(NO_TENANT);
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return true;
    }
}
