package dev.portico.customers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A customer of the current studio. */
@Entity
@Table(name = "customers")
public class Customer {

    @Id
    private UUID id;

    /** Given by the database's sequence. */
    @Column(name = "member_number", insertable = false, updatable = false)
    private @Nullable String memberNumber;

    private String firstName;
    private String lastName;
    private @Nullable String email;
    private @Nullable String phone;
    private String timezone;
    private String locale;
    private String status;

    @Version
    private long version;

    protected Customer() {
        this.id = UUID.randomUUID();
        this.firstName = "";
        this.lastName = "";
        this.timezone = "UTC";
        this.locale = "en";
        this.status = "ACTIVE";
    }

    public UUID getId() {
        return id;
    }

    public @Nullable String getMemberNumber() {
        return memberNumber;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public @Nullable String getEmail() {
        return email;
    }

    public @Nullable String getPhone() {
        return phone;
    }

    public String getTimezone() {
        return timezone;
    }

    public String getLocale() {
        return locale;
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
