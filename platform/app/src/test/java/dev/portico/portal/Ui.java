package dev.portico.portal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's own words, read from its translation files ({@code platform/portal-web/src/i18n/<language>.json}),
 * so the browser tests find buttons and headings by what a customer (or, under {@code admin.}, a studio's staff) reads.
 */
public record Ui(String language, Map<String, String> strings) {

    public static Ui of(String language) {
        Path file = Path.of("../portal-web/src/i18n", language + ".json");
        Map<String, String> strings = new HashMap<>();
        flatten("", JsonMapper.builder().build().readTree(file.toFile()), strings);
        return new Ui(language, Map.copyOf(strings));
    }

    /** The text under {@code key}, with {@code {{name}}} placeholders filled from name/value pairs. */
    public String t(String key, String... namesAndValues) {
        String text = strings.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no " + key + " in " + language + ".json");
        }
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            text = text.replace("{{" + namesAndValues[i] + "}}", namesAndValues[i + 1]);
        }
        return text;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.properties().forEach(entry -> flatten(prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(), entry.getValue(), into));
        } else {
            into.put(prefix, node.asString());
        }
    }
}
