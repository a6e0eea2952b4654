package dev.portico.notifications.templates;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheParseException;
import com.samskivert.mustache.Template;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Compiles message templates, shipped or written by a studio, under one set of rules: a missing or empty value
 * renders empty and counts as false in a section; values are looked up in the model's maps only, never by
 * reflection, so a studio's template cannot reach into objects ({@code {{firstName.class}}} renders empty); in HTML
 * every value is escaped, with no way around it (see {@link #compile}); and a template may extend a shared layout from
 * {@code messages/templates/_partials/}, e.g. {@code {{<email}}}.
 */
public final class TemplateCompiler {

    static final String ROOT = "messages/templates/";

    private static final Pattern PARTIAL_NAME = Pattern.compile("^[a-z][a-z0-9-]{0,39}$");
    /** A tag that would put a value into HTML unescaped ({@code {{{name}}}}, {@code {{&name}}}) or change the delimiters. */
    private static final Pattern UNESCAPED_OR_DELIMITERS = Pattern.compile("\\{\\{\\s*[{&=]");

    private final ClassLoader classLoader;
    private final Map<String, String> partials = new ConcurrentHashMap<>();
    private final Mustache.Compiler html;
    private final Mustache.Compiler plain;

    public TemplateCompiler(ClassLoader classLoader) {
        this.classLoader = classLoader;
        Mustache.Compiler compiler = Mustache.compiler()
                .defaultValue("")
                .emptyStringIsFalse(true)
                .withCollector(new MapsOnly())
                .withLoader(this::partial);
        this.html = compiler.escapeHTML(true);
        this.plain = compiler.escapeHTML(false);
    }

    /**
     * Compiles {@code source} for {@code part}: HTML-escaping values in HTML, leaving them as they are in plain text.
     * In HTML a tag that would skip the escaping ({@code {{{name}}}}, {@code {{&name}}}) is refused, and so is a change
     * of delimiters, which would hide such a tag from this check: the values are the customer's name, the studio's
     * catalog and the reasons people type, and a studio's own markup belongs in the template's text, not in them.
     *
     * @throws com.samskivert.mustache.MustacheException when the template is not valid
     */
    public Template compile(String source, Part part) {
        if (part.html()) {
            requireEscapedValues(source);
        }
        requireClosedTags(source);
        return (part.html() ? html : plain).compile(source);
    }

    /** Reads a classpath resource as UTF-8, or null when there is none. */
    @Nullable String read(String path) {
        try (InputStream in = classLoader.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path, e);
        }
    }

    private Reader partial(String name) throws FileNotFoundException {
        if (!PARTIAL_NAME.matcher(name).matches()) {
            throw new FileNotFoundException("No shared template named '" + name + "'");
        }
        String source = partials.computeIfAbsent(name, n -> read(ROOT + "_partials/" + n + ".mustache"));
        if (source == null) {
            throw new FileNotFoundException("No shared template named '" + name + "'");
        }
        return new StringReader(source);
    }

    /**
     * JMustache keeps an opening <code>{{</code> that is never closed as literal text; in a message that is a typo
     * the customer would see, so it fails like any other syntax error. Templates that change the delimiters are left
     * to the parser.
     */
    private static void requireClosedTags(String source) {
        if (source.contains("{{=")) {
            return;
        }
        int open = source.indexOf("{{");
        while (open >= 0) {
            int inner = source.startsWith("{{{", open) ? open + 3 : open + 2;
            int close = source.indexOf("}}", inner);
            int next = source.indexOf("{{", inner);
            if (close < 0 || (next >= 0 && next < close)) {
                String tag = source.substring(open, Math.min(source.length(), open + 30)).lines().findFirst().orElse("{{");
                throw new MustacheParseException("Tag '" + tag + "' is never closed with }}", lineOf(source, open));
            }
            open = source.indexOf("{{", close + 2);
        }
    }

    private static void requireEscapedValues(String source) {
        Matcher tag = UNESCAPED_OR_DELIMITERS.matcher(source);
        if (tag.find()) {
            String text = source.substring(tag.start(), Math.min(source.length(), tag.start() + 30)).lines().findFirst().orElse("{{");
            throw new MustacheParseException("Tag '" + text + "' would put a value into the HTML unescaped (or change the delimiters); "
                    + "use {{name}}, which escapes it", lineOf(source, tag.start()));
        }
    }

    private static int lineOf(String source, int index) {
        return (int) source.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    /** Looks values up in maps, lists and arrays only; JMustache's default collector would also call methods. */
    private static final class MapsOnly extends BasicCollector {

        @Override
        public <K, V> Map<K, V> createFetcherCache() {
            return new ConcurrentHashMap<>();
        }
    }
}
