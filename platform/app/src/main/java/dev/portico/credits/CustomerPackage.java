package dev.portico.credits;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A package of credits a customer holds. */
@Entity
@Table(name = "customer_packages")
public class CustomerPackage {

    @Id
    private UUID id;

    private UUID customerId;
    private String name;
    private int creditsTotal;
    private int creditsRemaining;
    private Instant purchasedAt;
    private Instant expiresAt;
    private String status;

    @Version
    private long version;

    protected CustomerPackage() {
        this.id = UUID.randomUUID();
        this.customerId = id;
        this.name = "";
        this.purchasedAt = Instant.EPOCH;
        this.expiresAt = Instant.EPOCH;
        this.status = "ACTIVE";
    }

    public UUID getId() {
        return id;
    }

    public UUID getCustomerId() {
        return customerId;
    }

    public String getName() {
        return name;
    }

    public int getCreditsTotal() {
        return creditsTotal;
    }

    public int getCreditsRemaining() {
        return creditsRemaining;
    }

    public Instant getPurchasedAt() {
        return purchasedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    /** ACTIVE, EXHAUSTED, EXPIRED or CANCELLED, with an active package past its expiry reported as EXPIRED. */
    public String statusAt(Instant now) {
        return "ACTIVE".equals(status) && !expiresAt.isAfter(now) ? "EXPIRED" : status;
    }
}
