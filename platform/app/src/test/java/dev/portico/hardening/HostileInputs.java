package dev.portico.hardening;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;

/**
 * Hostile values for one field or query parameter, chosen from its schema in the API document: wrong JSON types,
 * nulls, huge strings, control characters, NUL, right-to-left overrides, emoji and lone surrogates, numbers out of
 * range, invalid UUIDs, dates, instants, timezones, phone numbers and emails, SQL and script injection.
 *
 * <p>Each value says whether the app must refuse it ({@link Value#mustReject()}): a malformed UUID, date, timezone,
 * phone or email, a value of the wrong JSON type, a number that fits no integer. The rest (an injection string in a
 * name, an emoji, a long text) may be stored: then it must be stored as the text it is (the fuzz suite reads each
 * accepted value back), and rendered escaped ({@code StoredTextEscapingIntegrationTests}).
 *
 * <p>No jqwik: its lifecycle cannot inject a Spring Boot test's context, and what a property-based run needs here is
 * only a seeded, reproducible choice of values per field. The fixed values come first; past them, {@link #random}
 * makes strings of hostile characters from the same seed, so a long soak run ({@code -Dportico.fuzz.tries=2000})
 * keeps finding new inputs and any failure is reproduced by its seed.
 */
final class HostileInputs {

    /** One value as JSON text (or, for a query parameter, the raw text), what it is, and whether it must be refused. */
    record Value(String kind, String json, boolean mustReject) {

        /** The value as a query parameter carries it: the JSON string's text, or the JSON itself for other types. */
        String queryText() {
            if (json.startsWith("\"")) {
                return HostileInputs.unquote(json);
            }
            return json;
        }
    }

    static final String SQL_OR = "' OR 1=1 --";
    static final String SQL_DROP = "'; DROP TABLE customers; --";
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMG = "\"><img src=x onerror=alert(1)>";

    /** Under the 64KB body limit, so it reaches validation and the database. */
    static final int LONG_TEXT = 60_000;

    private HostileInputs() {
    }

    /** The fixed hostile values for a property named {@code name} with {@code schema} (components resolved). */
    static List<Value> forField(String name, JsonNode schema) {
        String type = schema.path("type").asString("");
        String format = schema.path("format").asString("");
        String lower = name.toLowerCase(Locale.ROOT);
        List<Value> values = new ArrayList<>();
        values.add(new Value("null", "null", false));
        switch (type) {
            case "integer", "number" -> {
                values.add(new Value("text for a number", quote("twelve"), true));
                values.add(new Value("SQL injection for a number", quote(SQL_OR), true));
                values.add(new Value("number beyond any integer", "99999999999999999999999999", type.equals("integer")));
                values.add(new Value("number below any integer", "-99999999999999999999999999", type.equals("integer")));
                values.add(new Value("exponent out of double range", "1e400", true));
                values.add(new Value("largest int", "2147483647", false));
                values.add(new Value("negative", "-1", false));
                values.add(new Value("object for a number", "{\"$gt\":0}", true));
                values.add(new Value("array for a number", "[1,2]", true));
            }
            case "boolean" -> {
                values.add(new Value("word for a boolean", quote("yes please"), true));
                values.add(new Value("object for a boolean", "{\"$ne\":false}", true));
                values.add(new Value("array for a boolean", "[true]", true));
            }
            case "array" -> {
                values.add(new Value("text for an array", quote(SCRIPT), true));
                values.add(new Value("object for an array", "{\"0\":1}", true));
                values.add(new Value("array of nulls", "[null,null]", false));
                JsonNode items = schema.path("items");
                for (Value item : forField(name, items)) {
                    if (!item.kind().equals("null") && item.json().length() < 1_000) {
                        values.add(new Value("array of " + item.kind(), "[" + item.json() + "]", item.mustReject()));
                    }
                }
            }
            case "object" -> {
                values.add(new Value("text for an object", quote(SQL_DROP), true));
                values.add(new Value("array for an object", "[{}]", true));
                values.add(new Value("number for an object", "42", true));
            }
            default -> values.addAll(forText(name, lower, format, schema));
        }
        return values;
    }

    private static List<Value> forText(String original, String name, String format, JsonNode schema) {
        List<Value> values = new ArrayList<>();
        boolean constrained = true;
        if (schema.has("enum")) {
            values.add(new Value("value outside the enum", quote("NOT_ONE_OF_THEM"), true));
            values.add(new Value("SQL injection for an enum", quote(SQL_OR), true));
        } else if (format.equals("uuid") || original.endsWith("Id") || original.equals("id")) {
            values.add(new Value("invalid UUID", quote("not-a-uuid"), true));
            values.add(new Value("UUID with a bad digit", quote("5e000010-0000-4000-8000-00000000000g"), true));
            values.add(new Value("SQL injection for a UUID", quote(SQL_OR), true));
            values.add(new Value("number for a UUID", "12345", true));
        } else if (format.equals("date-time") || original.endsWith("At")) {
            values.add(new Value("impossible instant", quote("2026-13-45T25:61:00+04:00"), true));
            values.add(new Value("instant without a date", quote("tomorrow at ten"), true));
            values.add(new Value("February 30th", quote("2026-02-30T10:00:00Z"), true));
            values.add(new Value("instant beyond the database's range", quote("+999999999-12-31T23:59:59Z"), true));
            values.add(new Value("SQL injection for an instant", quote(SQL_DROP), true));
        } else if (format.equals("date")) {
            values.add(new Value("impossible date", quote("2026-02-30"), true));
            values.add(new Value("date in another format", quote("31/12/2026"), true));
            values.add(new Value("date beyond the database's range", quote("+999999999-12-31"), true));
            values.add(new Value("script for a date", quote(SCRIPT), true));
        } else if (name.contains("timezone") || name.equals("zone")) {
            values.add(new Value("unknown timezone", quote("Mars/Olympus_Mons"), true));
            values.add(new Value("offset beyond any timezone", quote("UTC+99:00"), true));
            values.add(new Value("path for a timezone", quote("../../etc/passwd"), true));
            values.add(new Value("SQL injection for a timezone", quote("Asia/Dubai'; DROP TABLE customers; --"), true));
        } else if (name.contains("phone")) {
            values.add(new Value("too short phone", quote("12345"), true));
            values.add(new Value("letters in a phone", quote("+971 CALL NOW"), true));
            values.add(new Value("phone too long for E.164", quote("+9715012345678901234"), true));
            values.add(new Value("script for a phone", quote(SCRIPT), true));
        } else if (name.contains("email")) {
            values.add(new Value("email without a domain", quote("someone@"), true));
            values.add(new Value("email without an at", quote("not-an-email"), true));
            values.add(new Value("script in an email", quote(SCRIPT + "@example.com"), true));
            values.add(new Value("header injection in an email", quote("a@example.com\r\nBcc: all@example.com"), true));
        } else if (format.equals("time") || format.equals("partial-time") || original.endsWith("Time")) {
            values.add(new Value("impossible time", quote("25:61"), true));
            values.add(new Value("time in words", quote("nine-ish"), true));
        } else if (name.equals("locale")) {
            values.add(new Value("unknown locale", quote("xx-INVALID-LOCALE"), true));
            values.add(new Value("script for a locale", quote(SCRIPT), true));
        } else {
            constrained = false;
        }
        // Free text may take all of these; a field with a format must refuse them all.
        values.add(new Value("SQL injection (OR)", quote(SQL_OR), constrained));
        values.add(new Value("SQL injection (DROP)", quote(SQL_DROP), constrained));
        values.add(new Value("script tag", quote(SCRIPT), constrained));
        values.add(new Value("attribute breakout", quote(IMG), constrained));
        values.add(new Value("NUL character", "\"a\\u0000b\"", constrained));
        values.add(new Value("control characters", "\"\\u0007\\b\\f\\u001b[31m\"", constrained));
        values.add(new Value("CRLF", "\"a\\r\\nX-Injected: 1\"", constrained));
        values.add(new Value("right-to-left override", "\"\\u202egnp.exe\"", constrained));
        values.add(new Value("emoji", quote("🧘‍♀️🔥"), constrained));
        values.add(new Value("lone surrogate", "\"\\ud800x\"", constrained));
        // Blank is read as absent (Spring's converters and Jackson's coercion of empty text), which an optional field may be.
        values.add(new Value("blank", quote("   "), false));
        values.add(new Value("long text", quote("x".repeat(LONG_TEXT)), constrained));
        values.add(new Value("object for a text", "{\"$gt\":\"\"}", true));
        values.add(new Value("array for a text", "[\"a\",\"b\"]", true));
        return values;
    }

    /** A string of up to 64 hostile characters: controls, quotes, markup, bidi marks, emoji, lone surrogates. */
    static Value random(SplittableRandom random, boolean mustReject) {
        String[] pieces = {"\\u0000", "\\u0001", "\\u001f", "\\u007f", "\\r", "\\n", "\\t", "\\\"", "\\\\", "'", "<", ">", "&",
                ";", "--", "/*", "%", "_", "\\u202e", "\\u200f", "\\ufeff", "\\ud83e\\uddd8", "\\ud800", "\\udfff", "\\u0645",
                "\\u4e2d", "a", "Z", "0", " ", "{{", "}}", "${", "#{", "\\u2028"};
        // Never only digits or spaces, which a number or a boolean field might take as valid.
        StringBuilder json = new StringBuilder("\"'<");
        int length = 1 + random.nextInt(64);
        for (int i = 0; i < length; i++) {
            json.append(pieces[random.nextInt(pieces.length)]);
        }
        return new Value("random hostile text", json.append('"').toString(), mustReject);
    }

    /** A JSON string literal of {@code text}, with every character outside printable ASCII escaped. */
    static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** The text of a JSON string literal that {@link #quote} or {@link #random} wrote. */
    static String unquote(String json) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < json.length() - 1; i++) {
            char c = json.charAt(i);
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char next = json.charAt(++i);
            switch (next) {
                case 'u' -> {
                    text.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                default -> text.append(next);
            }
        }
        return text.toString();
    }
}
