package dev.portico.plugins;

import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.PorticoExtension;
import java.util.function.BiFunction;

/**
 * One extension a studio enabled, with that studio's context. Call it only through {@link #call}, which
 * contains failures and time-outs.
 */
public final class EnabledExtension<T extends PorticoExtension> {

    private final String pluginId;
    private final T extension;
    private final ExtensionContext context;
    private final ClassLoader classLoader;
    private final PluginCalls calls;

    EnabledExtension(String pluginId, T extension, ExtensionContext context, ClassLoader classLoader, PluginCalls calls) {
        this.pluginId = pluginId;
        this.extension = extension;
        this.context = context;
        this.classLoader = classLoader;
        this.calls = calls;
    }

    public String pluginId() {
        return pluginId;
    }

    /** The extension itself, for reading what it declares (kinds, settings); never call its operations directly. */
    public T extension() {
        return extension;
    }

    /**
     * Runs {@code operation} against the extension with the studio's context.
     *
     * @throws PluginUnavailableException when the plugin throws or takes longer than the call time-out
     */
    public <R> R call(String operationName, BiFunction<T, ExtensionContext, R> operation) {
        return calls.invoke(pluginId, classLoader, operationName, () -> operation.apply(extension, context));
    }
}
