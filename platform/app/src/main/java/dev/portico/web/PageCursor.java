package dev.portico.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a newest-first page ended, as an opaque string: the last row's instant and key. Lists page by keyset
 * ({@code (at, key) < (cursor.at, cursor.key)}), so rows written meanwhile never shift a page.
 *
 * @param at  the last row's instant, at full precision
 * @param key the last row's id, breaking ties between equal instants
 */
public record PageCursor(Instant at, String key) {

    /** The message for a cursor a client made up or damaged. */
    public static final String NOT_OURS = "is not a cursor this API gave out";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a client sent back; empty when it sent none.
     *
     * @throws IllegalArgumentException when it is not a cursor this API gave out
     */
    public static Optional<PageCursor> decode(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|", 2);
            if (parts.length == 2 && !parts[1].isBlank()) {
                return Optional.of(new PageCursor(Instant.parse(parts[0]), parts[1]));
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(NOT_OURS, e);
        }
        throw new IllegalArgumentException(NOT_OURS);
    }
}
