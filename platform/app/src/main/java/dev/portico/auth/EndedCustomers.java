package dev.portico.auth;

import dev.portico.customers.CustomerDeactivated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Ends every portal session of a customer the studio deactivated or merged away, in the same transaction: their
 * refresh cookie stops working at once, and their short-lived access tokens are refused because every customer
 * endpoint checks that the customer is still active.
 */
@Component
class EndedCustomers {

    private final PortalSessions sessions;

    EndedCustomers(PortalSessions sessions) {
        this.sessions = sessions;
    }

    @EventListener
    void on(CustomerDeactivated event) {
        sessions.revokeAll(event.customerId(), event.merged() ? "ADMIN" : "DEACTIVATED");
    }
}
