package dev.portico.tenancy;

/** Whether a studio can serve requests. */
public enum TenantStatus {
    /** Registered, schema not yet migrated. */
    PROVISIONING,
    ACTIVE,
    /** Its schema migration failed; it answers 503 while the other studios keep serving. */
    MIGRATION_FAILED,
    /** Offboarded: no longer served (its host answers 404), its schema kept until the grace period ends. */
    ARCHIVED
}
