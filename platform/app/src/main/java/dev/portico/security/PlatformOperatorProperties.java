package dev.portico.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform operators' credentials.
 *
 * @param operatorKey the key operators send as {@code Authorization: Bearer <key>} to {@code /api/platform/**}
 *                    ({@code PORTICO_PLATFORM_OPERATOR_KEY}); blank turns that API off
 */
@ConfigurationProperties("portico.platform")
public record PlatformOperatorProperties(String operatorKey) {

    public PlatformOperatorProperties {
        operatorKey = operatorKey == null ? "" : operatorKey.strip();
    }

    @Override
    public String toString() {
        return "PlatformOperatorProperties[operatorKey=" + (operatorKey.isEmpty() ? "" : "********") + "]";
    }
}
