package dev.portico.credits;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A customer's packages for other features, soonest-expiring first. */
@Service
public class CreditPackages {

    private final CustomerPackages packages;
    private final Clock clock;

    CreditPackages(CustomerPackages packages, Clock clock) {
        this.packages = packages;
        this.clock = clock;
    }

    /**
     * A package as the customer sees it.
     *
     * @param status ACTIVE, EXHAUSTED, EXPIRED or CANCELLED as of now
     */
    public record PackageSummary(UUID id, String name, int creditsTotal, int creditsRemaining, Instant expiresAt, String status) {}

    /** Active packages with credits left that expire in {@code [from, to)}, with their owners. */
    @Transactional(readOnly = true)
    public List<Map.Entry<UUID, PackageSummary>> expiringBetween(Instant from, Instant to) {
        return packages.findAll().stream()
                .filter(p -> "ACTIVE".equals(p.statusAt(from)) && p.getCreditsRemaining() > 0)
                .filter(p -> !p.getExpiresAt().isBefore(from) && p.getExpiresAt().isBefore(to))
                .map(p -> Map.entry(p.getCustomerId(), new PackageSummary(p.getId(), p.getName(), p.getCreditsTotal(),
                        p.getCreditsRemaining(), p.getExpiresAt(), "ACTIVE")))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<PackageSummary> forCustomer(UUID customerId) {
        Instant now = clock.instant();
        return packages.findByCustomerIdOrderByExpiresAtAsc(customerId).stream()
                .map(p -> new PackageSummary(p.getId(), p.getName(), p.getCreditsTotal(), p.getCreditsRemaining(),
                        p.getExpiresAt(), p.statusAt(now)))
                .toList();
    }
}
