package dev.portico.customers;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A customer as the portal shows them to themselves. */
public record CustomerProfile(UUID id, String firstName, String lastName, @Nullable String email, @Nullable String phone,
        String timezone, String locale, @Nullable String memberNumber) {

    public static CustomerProfile of(Customer customer) {
        return new CustomerProfile(customer.getId(), customer.getFirstName(), customer.getLastName(), customer.getEmail(),
                customer.getPhone(), customer.getTimezone(), customer.getLocale(), customer.getMemberNumber());
    }
}
