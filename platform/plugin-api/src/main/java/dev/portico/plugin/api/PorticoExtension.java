package dev.portico.plugin.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * What every Portico extension shares: the settings it needs from a studio. A studio enables a whole plugin;
 * the plugin's settings schema is the union of its extensions' settings.
 */
public interface PorticoExtension extends ExtensionPoint {

    /** The settings this extension reads; the host validates a studio's values against them before any call. */
    List<SettingDescriptor> settings();
}
