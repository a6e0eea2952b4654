package dev.portico.plugin.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/** What every Portico extension shares: a stable id and the settings it needs from a studio. */
public interface PorticoExtension extends ExtensionPoint {

    /** A stable id, unique across installed plugins, e.g. {@code notify-resend}; it keys a studio's settings. */
    String id();

    /** The settings this extension reads; the host validates a studio's values against them before any call. */
    List<SettingDescriptor> settings();
}
