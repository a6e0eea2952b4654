package dev.portico.tenancy;

/** A studio's schema is migrated and it serves requests; published at start-up and on provisioning. */
public record TenantReady(Tenant tenant) {}
