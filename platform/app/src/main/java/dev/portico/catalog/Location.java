package dev.portico.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A place where a studio holds classes. */
@Entity
@Table(name = "locations")
public class Location {

    @Id
    private UUID id;

    private String name;

    private @Nullable String address;

    private String timezone;

    private boolean active;

    @Version
    private long version;

    protected Location() {
        this.id = UUID.randomUUID();
        this.name = "";
        this.timezone = "UTC";
    }

    public Location(String name, @Nullable String address, String timezone) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.address = address;
        this.timezone = timezone;
        this.active = true;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public @Nullable String getAddress() {
        return address;
    }

    public String getTimezone() {
        return timezone;
    }

    public boolean isActive() {
        return active;
    }
}
