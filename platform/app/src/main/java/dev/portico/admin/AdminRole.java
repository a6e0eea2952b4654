package dev.portico.admin;

/** What a studio admin may do: owners everything, front desk customers and bookings but no plugins. */
public enum AdminRole {
    OWNER,
    FRONT_DESK
}
