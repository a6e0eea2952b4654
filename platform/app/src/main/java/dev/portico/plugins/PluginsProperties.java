package dev.portico.plugins;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Plugin host settings.
 *
 * @param dir         folder of plugin jars (deployment) or of plugin modules (development); relative to the
 *                    working directory
 * @param mode        {@code deployment}: load jars; {@code development}: load each module's {@code target/classes}
 * @param callTimeout how long one call into a plugin may take before it counts as failed
 * @param cacheTtl    how long a node may use a studio's plugin settings before re-reading them, so a change
 *                    made on another node applies within this bound
 */
@ConfigurationProperties("portico.plugins")
public record PluginsProperties(String dir, String mode, Duration callTimeout, Duration cacheTtl) {}
