package dev.portico.plugin.api;

import java.time.Clock;
import javax.sql.DataSource;

/** What the host hands an extension with every call: whose studio it works for, and with what. */
public interface ExtensionContext {

    /** The studio's slug; for logs, metrics and idempotency scoping, never for reaching data. */
    String tenant();

    /** The studio's validated settings for this plugin. */
    PluginSettings settings();

    /** The host's clock; use it instead of the system clock so tests can move time. */
    Clock clock();

    /**
     * Connections to the studio's own schema, for plugins that keep tables (named with the plugin id as a
     * prefix and created by the plugin's migrations in {@code db/migration/<plugin-id>}).
     *
     * @throws UnsupportedOperationException when the host offers no storage (e.g. a test without a database)
     */
    DataSource storage();
}
