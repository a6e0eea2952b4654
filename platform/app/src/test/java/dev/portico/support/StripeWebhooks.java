package dev.portico.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What Stripe sends with a webhook, made here so tests can deliver events the pay-stripe plugin accepts. */
public final class StripeWebhooks {

    private StripeWebhooks() {}

    /** The {@code Stripe-Signature} header Stripe would put on {@code body}, signed now with the endpoint's {@code secret}. */
    public static String signature(String secret, String body) {
        try {
            long t = Instant.now().getEpochSecond();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
