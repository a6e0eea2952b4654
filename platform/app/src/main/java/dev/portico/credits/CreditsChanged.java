package dev.portico.credits;

import java.util.UUID;

/** A package's balance moved (booking, refund, purchase, adjustment); notifications watch for low balances. */
public record CreditsChanged(String tenant, UUID customerId, UUID packageId, int delta, int remaining, String reason) {}
