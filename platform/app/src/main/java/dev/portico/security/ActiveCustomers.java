package dev.portico.security;

import java.util.UUID;

/**
 * Whether a customer of the current studio may still act. The customer API asks it for every token it accepts, so a
 * customer the studio deactivated (or merged away) is refused on every endpoint at once, however long their access
 * token still runs; the customers feature answers it.
 */
public interface ActiveCustomers {

    /** True for an active customer of the current studio; false for an inactive or unknown one. */
    boolean isActive(UUID customerId);
}
