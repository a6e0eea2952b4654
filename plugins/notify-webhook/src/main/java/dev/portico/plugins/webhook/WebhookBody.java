package dev.portico.plugins.webhook;

import dev.portico.plugin.api.OutboundMessage;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The JSON a receiver gets. Written by hand: the shape is fixed and flat, and a JSON library would be most of
 * the plugin's jar.
 */
final class WebhookBody {

    private WebhookBody() {
    }

    /**
     * {@code {idempotencyKey, kind, to, subject, text, html, locale, metadata, tenant, sentAt}}, in that order,
     * with {@code html} null when the message has none and metadata keys sorted so equal messages sign alike.
     */
    static String json(OutboundMessage message, String tenant, Instant sentAt) {
        StringBuilder json = new StringBuilder(256 + message.text().length() * 2);
        json.append('{');
        field(json, "idempotencyKey", message.idempotencyKey()).append(',');
        field(json, "kind", message.kind().name()).append(',');
        field(json, "to", message.to()).append(',');
        field(json, "subject", message.subject()).append(',');
        field(json, "text", message.text()).append(',');
        field(json, "html", message.html()).append(',');
        field(json, "locale", message.locale()).append(',');
        string(json, "metadata").append(":{");
        boolean first = true;
        for (Map.Entry<String, String> entry : new TreeMap<>(message.metadata()).entrySet()) {
            if (!first) {
                json.append(',');
            }
            field(json, entry.getKey(), entry.getValue());
            first = false;
        }
        json.append("},");
        field(json, "tenant", tenant).append(',');
        field(json, "sentAt", sentAt.toString());
        return json.append('}').toString();
    }

    private static StringBuilder field(StringBuilder json, String name, @Nullable String value) {
        string(json, name).append(':');
        return value == null ? json.append("null") : string(json, value);
    }

    /** A JSON string per RFC 8259: quotes, backslashes and control characters escaped, the rest as is. */
    private static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
