package dev.portico.credits;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** The current studio's customer packages. */
public interface CustomerPackages extends JpaRepository<CustomerPackage, UUID> {

    List<CustomerPackage> findByCustomerIdOrderByExpiresAtAsc(UUID customerId);
}
