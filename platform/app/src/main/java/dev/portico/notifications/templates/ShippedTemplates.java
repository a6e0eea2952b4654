package dev.portico.notifications.templates;

import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The templates the app ships, in {@code messages/templates/<event>/<language>.<part>.mustache}, compiled once and
 * kept. Every event ships English; other languages are optional and fall back to it.
 */
public final class ShippedTemplates {

    /** The language every event ships in. */
    public static final String FALLBACK_LANGUAGE = "en";

    private static final Pattern EVENT = Pattern.compile("^[a-z]+(\\.[a-z_]+)+$");
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}$");

    private final TemplateCompiler compiler;
    private final Map<String, Optional<Template>> compiled = new ConcurrentHashMap<>();

    public ShippedTemplates(TemplateCompiler compiler) {
        this.compiler = compiler;
    }

    /**
     * The language to render {@code event} in: {@code language} when the event ships in it, else English.
     *
     * @throws IllegalStateException when the event ships in no language at all: a programming error
     */
    public String languageFor(String event, String language) {
        if (!EVENT.matcher(event).matches()) {
            throw new IllegalArgumentException("Not an event name: '" + event + "'");
        }
        if (LANGUAGE.matcher(language).matches() && find(event, language, Part.TEXT).isPresent()) {
            return language;
        }
        if (find(event, FALLBACK_LANGUAGE, Part.TEXT).isPresent()) {
            return FALLBACK_LANGUAGE;
        }
        throw new IllegalStateException("No message template is shipped for " + event);
    }

    /** The shipped template for a part, if the event ships that part in that language. */
    public Optional<Template> find(String event, String language, Part part) {
        String path = TemplateCompiler.ROOT + event + "/" + part.fileName(language);
        return compiled.computeIfAbsent(path, p -> Optional.ofNullable(compiler.read(p)).map(source -> {
            try {
                return compiler.compile(source, part);
            } catch (MustacheException e) {
                throw new IllegalStateException("Shipped template " + p + " does not compile: " + e.getMessage(), e);
            }
        }));
    }
}
