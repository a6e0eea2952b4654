package dev.portico.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token signing settings.
 *
 * @param signingKeys   HMAC keys by id; every listed key verifies, so a new key can be rolled out before use
 * @param activeKey     the id of the key new tokens are signed with
 * @param adminTokenTtl how long an admin access token lives
 */
@ConfigurationProperties("portico.security")
public record SecurityProperties(List<SigningKey> signingKeys, String activeKey, Duration adminTokenTtl) {

    public SecurityProperties {
        signingKeys = signingKeys == null ? List.of() : List.copyOf(signingKeys);
        activeKey = activeKey == null ? "" : activeKey;
        adminTokenTtl = adminTokenTtl == null ? Duration.ofHours(8) : adminTokenTtl;
    }

    /**
     * @param id     the key id written into each token's header ({@code kid})
     * @param secret at least 32 bytes, base64-encoded
     */
    public record SigningKey(String id, String secret) {

        @Override
        public String toString() {
            return "SigningKey[" + id + "]";
        }
    }
}
