package dev.portico.tenancy;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tenancy settings.
 *
 * @param baseDomain           {@code <slug>.<baseDomain>} resolves to the studio {@code <slug>}
 * @param defaultPublicBaseUrl a studio's public URL when its config names none; {@code {slug}} is replaced
 * @param tenantConfigDir      folder of {@code <slug>.yaml} files imported at start-up
 * @param tenancy              migration and cache tuning
 */
@ConfigurationProperties("portico")
public record TenancyProperties(String baseDomain, String defaultPublicBaseUrl, String tenantConfigDir, Tuning tenancy) {

    /** The config folder, relative to the working directory unless absolute. */
    public Path tenantConfigPath() {
        return Path.of(tenantConfigDir);
    }

    /**
     * @param migrationThreads how many tenant schemas migrate at once
     * @param cacheTtl         how long a node may serve a studio's registry entry before re-reading it: a change made
     *                         on another node (config edited through the admin API, a studio onboarded, archived or
     *                         restored) is seen everywhere within this bound, and on the node that made it at once
     * @param offboardingGrace how long an archived studio's schema is kept, and the studio can be restored, before
     *                         its schema is dropped; 30 days when not set
     */
    public record Tuning(int migrationThreads, Duration cacheTtl, Duration offboardingGrace) {

        public Tuning {
            offboardingGrace = offboardingGrace == null ? Duration.ofDays(30) : offboardingGrace;
        }
    }
}
