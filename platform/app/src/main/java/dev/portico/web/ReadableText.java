package dev.portico.web;

import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text in a request is text: no NUL character, which PostgreSQL cannot store in a {@code text} column, and no half
 * of a UTF-16 surrogate pair, which is no character at all (and which password hashing refuses). A JSON string
 * holding either is a malformed request (400), not a failure deep inside the app; {@link TextParametersFilter} does
 * the same for query parameters. Registered with the app's JSON mapper as a module.
 */
@Component
class ReadableText extends SimpleModule {

    ReadableText() {
        super("portico-readable-text");
        addDeserializer(String.class, new Deserializer());
    }

    /** Whether {@code text} holds no NUL and no unpaired surrogate. */
    static boolean isReadable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static final class Deserializer extends ValueDeserializer<String> {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && !isReadable(text)) {
                return (String) context.handleWeirdStringValue(String.class, text,
                        "holds a NUL character or half of a surrogate pair");
            }
            return text;
        }
    }
}
