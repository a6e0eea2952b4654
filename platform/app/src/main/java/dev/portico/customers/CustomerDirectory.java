package dev.portico.customers;

import dev.portico.security.ActiveCustomers;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds the current studio's customers for other features. */
@Service
public class CustomerDirectory implements ActiveCustomers {

    private final Customers customers;

    CustomerDirectory(Customers customers) {
        this.customers = customers;
    }

    /** The active customer with this email (compared in lower case) or E.164 phone. */
    @Transactional(readOnly = true)
    public Optional<Customer> findActiveByContact(String emailOrPhone) {
        String contact = emailOrPhone.trim();
        Optional<Customer> customer = contact.startsWith("+")
                ? customers.findByPhone(contact)
                : customers.findByEmail(contact.toLowerCase(Locale.ROOT));
        return customer.filter(Customer::isActive);
    }

    /** The active customer with this id. */
    @Transactional(readOnly = true)
    public Optional<Customer> findActive(UUID id) {
        return customers.findById(id).filter(Customer::isActive);
    }

    /** Asked for every customer token the customer API accepts. */
    @Override
    @Transactional(readOnly = true)
    public boolean isActive(UUID customerId) {
        return findActive(customerId).isPresent();
    }
}
