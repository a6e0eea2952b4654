package dev.portico.plugins;

import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.SettingsSchema;
import java.util.List;
import java.util.Set;

/**
 * A plugin this process loaded.
 *
 * @param id              PF4J plugin id, e.g. {@code notify-resend}
 * @param version         its version
 * @param provider        who wrote it
 * @param extensionPoints the extension points it implements, e.g. {@code NotificationChannel}
 * @param channelKinds    for channels, the kinds of address they deliver to
 * @param schema          its settings schema
 * @param started         false when PF4J could not start it; it is then never used
 */
public record InstalledPlugin(String id, String version, String provider, List<String> extensionPoints,
        Set<ChannelKind> channelKinds, SettingsSchema schema, boolean started) {}
