package dev.portico.tenancy;

import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with a studio's configuration.
 *
 * @param source  the file it came from, or {@code admin-api}
 * @param line    the 1-based line in that file, when known
 * @param field   the dotted path of the offending field, e.g. {@code policies.cancelWindowHours}; empty for the whole file
 * @param message what is wrong, in a sentence
 */
public record ConfigProblem(String source, @Nullable Integer line, String field, String message) {

    @Override
    public String toString() {
        return source + (line == null ? "" : ":" + line) + (field.isEmpty() ? "" : " " + field) + ": " + message;
    }
}
