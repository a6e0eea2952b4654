package dev.portico.plugin.api;

import java.util.Objects;

/**
 * An amount in minor units of an ISO-4217 currency, e.g. {@code 12000 AED} is 120.00 dirhams.
 *
 * @param amount   minor units, never negative
 * @param currency ISO-4217 code in upper case
 */
public record Money(long amount, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
    }
}
