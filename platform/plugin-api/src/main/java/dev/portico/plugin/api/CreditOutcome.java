package dev.portico.plugin.api;

/** What happens to the credit (or payment) that paid for a booking. */
public enum CreditOutcome {
    REFUNDED,
    FORFEITED,
    NONE,
    /** The studio decides by hand. */
    MANUAL_REVIEW
}
