package dev.portico.catalog;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read access to the current studio's catalog for other features. */
@Service
public class Catalog {

    private final Locations locations;

    Catalog(Locations locations) {
        this.locations = locations;
    }

    /** The studio's active locations, by name. */
    @Transactional(readOnly = true)
    public List<Location> activeLocations() {
        return locations.findByActiveTrueOrderByName();
    }
}
