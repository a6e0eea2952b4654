package dev.portico.branding;

import dev.portico.tenancy.TenantConfig;
import dev.portico.tenancy.TenantConfigCheck;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The theme packs shipped in {@code themes/} (served under {@code /themes/<pack>/}): each a {@code theme.yaml}
 * of design tokens and a logo. Also checks that a studio's config names a pack that exists.
 */
@Component
class ThemeCatalog implements TenantConfigCheck {

    /**
     * A theme pack.
     *
     * @param name    folder name
     * @param label   human name
     * @param tokens  design tokens (colours, font, radius), as CSS values
     * @param logoUrl the pack's default logo
     */
    record ThemePack(String name, String label, Map<String, String> tokens, String logoUrl) {}

    private static final Pattern TOKEN_NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern TOKEN_VALUE = Pattern.compile("[^;{}<>\\\\\"\\p{Cntrl}]{1,200}");

    private final Map<String, ThemePack> packs;

    ThemeCatalog() throws IOException {
        Map<String, ThemePack> found = new TreeMap<>();
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:static/themes/*/theme.yaml");
        for (Resource resource : resources) {
            ThemePack pack = read(resource);
            found.put(pack.name(), pack);
        }
        this.packs = Map.copyOf(found);
    }

    /** Every pack, by name. */
    List<ThemePack> packs() {
        return List.copyOf(new TreeMap<>(packs).values());
    }

    ThemePack pack(String name) {
        ThemePack pack = packs.get(name);
        if (pack == null) {
            throw new IllegalStateException("unknown theme pack " + name + "; known: " + packs.keySet());
        }
        return pack;
    }

    /** The pack's tokens with the studio's overrides on top. */
    Map<String, String> tokensFor(TenantConfig.Theme theme) {
        Map<String, String> tokens = new LinkedHashMap<>(pack(theme.pack()).tokens());
        tokens.putAll(new TreeMap<>(theme.tokens()));
        return tokens;
    }

    /**
     * Whether a token can be written into a style sheet as a custom property as it is: a lower-case name, and a value
     * that cannot close the declaration or the rule it sits in, nor run on into the next ones (an unclosed quote or a
     * comment would swallow the tokens written after it).
     */
    static boolean isSafe(String name, String value) {
        return TOKEN_NAME.matcher(name).matches() && TOKEN_VALUE.matcher(value).matches()
                && value.chars().filter(c -> c == '\'').count() % 2 == 0 && !value.contains("/*") && !value.contains("*/");
    }

    @Override
    public List<FieldError> check(TenantConfig config) {
        List<FieldError> errors = new ArrayList<>();
        if (!packs.containsKey(config.theme().pack())) {
            errors.add(new FieldError("theme.pack", "must be one of " + String.join(", ", packs.keySet())));
        }
        config.theme().tokens().forEach((name, value) -> {
            if (!isSafe(name, value)) {
                errors.add(new FieldError("theme.tokens." + name,
                        "must be a lower-case name and a CSS value of at most 200 characters without ; { } < > \\ \" or a comment, "
                                + "its single quotes in pairs"));
            }
        });
        return errors;
    }

    private static ThemePack read(Resource resource) throws IOException {
        String url = resource.getURL().toString();
        String folder = url.substring(0, url.lastIndexOf('/'));
        String packName = folder.substring(folder.lastIndexOf('/') + 1);
        try (InputStream in = resource.getInputStream()) {
            Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            @SuppressWarnings("unchecked")
            Map<String, Object> tokens = (Map<String, Object>) yaml.getOrDefault("tokens", Map.of());
            Map<String, String> values = new LinkedHashMap<>();
            tokens.forEach((key, value) -> values.put(key, String.valueOf(value)));
            String logo = String.valueOf(yaml.getOrDefault("logo", "logo.svg"));
            return new ThemePack(packName, String.valueOf(yaml.getOrDefault("label", packName)), values,
                    "/themes/" + packName + "/" + logo);
        }
    }
}
