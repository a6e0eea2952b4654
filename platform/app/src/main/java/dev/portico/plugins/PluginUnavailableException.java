package dev.portico.plugins;

import dev.portico.web.ApiException;
import org.springframework.http.HttpStatus;

/** A plugin failed, timed out or is misconfigured; the customer gets a clean 503 and the studio an audit entry. */
public class PluginUnavailableException extends ApiException {

    private final String pluginId;

    public PluginUnavailableException(String pluginId) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "PLUGIN_UNAVAILABLE", "Temporarily unavailable",
                "This is temporarily unavailable. Please try again in a few minutes.");
        this.pluginId = pluginId;
    }

    public String pluginId() {
        return pluginId;
    }
}
