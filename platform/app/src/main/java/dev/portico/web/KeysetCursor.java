package dev.portico.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a page sorted by text keys ended (for example last name, first name, id), as an opaque string. Lists page
 * by keyset ({@code (k1, k2, ...) > (cursor keys)}); {@link PageCursor} is the same for newest-first lists.
 *
 * @param keys the last row's sort keys, in sort order
 */
public record KeysetCursor(List<String> keys) {

    public KeysetCursor {
        keys = List.copyOf(keys);
    }

    public static KeysetCursor of(String... keys) {
        return new KeysetCursor(List.of(keys));
    }

    public String key(int index) {
        return keys.get(index);
    }

    public String encode() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        List<String> parts = new ArrayList<>();
        keys.forEach(key -> parts.add(base64.encodeToString(key.getBytes(StandardCharsets.UTF_8))));
        // Each key is encoded on its own, so keys may hold any character, the separator included.
        return base64.encodeToString(String.join(".", parts).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a client sent back, with {@code size} keys; empty when it sent none.
     *
     * @throws IllegalArgumentException when it is not a cursor this API gave out
     */
    public static Optional<KeysetCursor> decode(@Nullable String value, int size) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            String[] parts = new String(base64.decode(value), StandardCharsets.UTF_8).split("\\.", -1);
            if (parts.length != size) {
                throw new IllegalArgumentException(PageCursor.NOT_OURS);
            }
            List<String> keys = new ArrayList<>();
            for (String part : parts) {
                keys.add(new String(base64.decode(part), StandardCharsets.UTF_8));
            }
            return Optional.of(new KeysetCursor(keys));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PageCursor.NOT_OURS, e);
        }
    }
}
