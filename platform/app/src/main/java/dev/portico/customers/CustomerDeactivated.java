package dev.portico.customers;

import java.util.UUID;

/**
 * A studio admin deactivated a customer, or merged them into another record ({@code merged}). Published inside the
 * transaction that made the change, so listeners that end the customer's sessions commit or roll back with it.
 */
public record CustomerDeactivated(String tenant, UUID customerId, boolean merged) {}
