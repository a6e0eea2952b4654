package dev.portico.notifications;

import dev.portico.plugin.api.SentMessage;
import dev.portico.plugin.api.SentMessageLog;
import dev.portico.plugins.EnabledExtension;
import dev.portico.plugins.TenantPlugins;
import dev.portico.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's mailbox: messages the studio's message-keeping channels (the {@code notify-dev-inbox} plugin) hold
 * for one address, newest first, with the login link picked out. Exists only in the demo profile; elsewhere the
 * path answers 404.
 */
@RestController
@Profile("demo")
class DevInboxController {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Pattern LINK = Pattern.compile("https?://\\S+/portal/auth/callback\\?token=[A-Za-z0-9_-]+");

    private final TenantPlugins plugins;

    DevInboxController(TenantPlugins plugins) {
        this.plugins = plugins;
    }

    record InboxMessage(String to, String channel, String subject, String body, @Nullable String link, Instant sentAt) {}

    record Items<T>(List<T> items) {}

    @GetMapping("/api/dev/inbox")
    Items<InboxMessage> inbox(@RequestParam String to) {
        String address = to.trim().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !(EMAIL.matcher(address).matches() || PHONE.matcher(address).matches())) {
            throw ApiException.validation(List.of(new ApiException.FieldProblem("to", "must be an email address or an E.164 phone number")));
        }
        List<SentMessage> messages = new ArrayList<>();
        for (EnabledExtension<SentMessageLog> log : plugins.enabled(SentMessageLog.class)) {
            messages.addAll(log.call("sentTo", (extension, context) -> extension.sentTo(address, 50, context)));
        }
        return new Items<>(messages.stream()
                .sorted(Comparator.comparing(SentMessage::sentAt).reversed())
                .map(m -> new InboxMessage(m.to(), m.kind().name().toLowerCase(Locale.ROOT), m.subject(), m.body(), link(m.body()), m.sentAt()))
                .toList());
    }

    private static @Nullable String link(String body) {
        Matcher matcher = LINK.matcher(body);
        return matcher.find() ? matcher.group() : null;
    }
}
