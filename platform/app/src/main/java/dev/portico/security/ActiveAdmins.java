package dev.portico.security;

import java.util.UUID;

/**
 * Whether a studio admin may still act with the role their token names. The admin API asks it for every token it
 * accepts, so an account made inactive, removed, or given another role is refused at once, however long its 8-hour
 * access token still runs; the admin feature answers it.
 */
public interface ActiveAdmins {

    /** True for an active admin account of the current studio whose role is {@code role}; false otherwise. */
    boolean isActive(UUID adminId, String role);
}
