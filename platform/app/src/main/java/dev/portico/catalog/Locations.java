package dev.portico.catalog;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** The current studio's locations. */
public interface Locations extends JpaRepository<Location, UUID> {

    List<Location> findByActiveTrueOrderByName();
}
