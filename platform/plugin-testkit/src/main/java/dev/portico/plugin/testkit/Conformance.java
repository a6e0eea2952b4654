package dev.portico.plugin.testkit;

import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.DeliveryResult;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugin.api.OutboundMessage;
import dev.portico.plugin.api.PaymentProvider;
import dev.portico.plugin.api.PolicyContext;
import dev.portico.plugin.api.PolicyDecision;
import dev.portico.plugin.api.PolicyRule;
import dev.portico.plugin.api.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Contract checks every plugin of a kind must pass, whatever its provider. Each throws {@link AssertionError}
 * naming the broken promise.
 */
public final class Conformance {

    private Conformance() {
    }

    /** The plugin's settings schema is well formed: camelCase keys, descriptions, no secret defaults, valid defaults. */
    public static void settingsSchema(PluginTestHost host) {
        List<String> defects = host.schema().defects();
        if (!defects.isEmpty()) {
            throw new AssertionError("settings schema of " + host.pluginId() + " has defects: " + defects);
        }
    }

    /**
     * A channel serves at least one kind, and for {@code message} returns a result rather than throwing or
     * returning null: provider failures must come back as {@link DeliveryResult.Retryable} or
     * {@link DeliveryResult.Permanent}.
     */
    public static DeliveryResult channelSend(NotificationChannel channel, OutboundMessage message, ExtensionContext context) {
        if (channel.kinds().isEmpty()) {
            throw new AssertionError(channel.getClass().getName() + " serves no channel kind");
        }
        if (!channel.kinds().contains(message.kind())) {
            throw new AssertionError(channel.getClass().getName() + " does not serve " + message.kind());
        }
        DeliveryResult result;
        try {
            result = channel.send(message, context);
        } catch (RuntimeException e) {
            throw new AssertionError("send threw instead of returning a DeliveryResult", e);
        }
        if (result == null) {
            throw new AssertionError("send returned null");
        }
        return result;
    }

    /** A sample message of {@code kind} to {@code to}, with a fixed idempotency key. */
    public static OutboundMessage sampleMessage(ChannelKind kind, String to) {
        return new OutboundMessage("conformance-" + kind.name().toLowerCase(), kind, to, "Your login link",
                "Tap to log in: https://studio.example/portal/auth/callback?token=abc", null, "en",
                Map.of("event", "conformance"));
    }

    /**
     * A rule's decisions are a pure function of their input (a preview equals the real outcome), denials keep
     * the credit ({@code NONE}) and carry a reason key, and fees come only with an allowed action.
     */
    public static PolicyDecision policyDecision(PolicyRule rule, PolicyContext policy, ExtensionContext context) {
        PolicyDecision first = rule.evaluate(policy, context);
        PolicyDecision second = rule.evaluate(policy, context);
        if (first == null || !first.equals(second)) {
            throw new AssertionError("evaluate is not deterministic: " + first + " then " + second);
        }
        if (first.reasonKey().isBlank()) {
            throw new AssertionError("a decision needs a reason key the host can render");
        }
        if (!first.allowed() && (first.creditOutcome() != dev.portico.plugin.api.CreditOutcome.NONE || first.fee() != null)) {
            throw new AssertionError("a denial must leave the credit alone and charge nothing: " + first);
        }
        return first;
    }

    /** A payment provider rejects an unsigned and a garbage webhook with {@link WebhookRejectedException}, nothing else. */
    public static void webhookRejectsForgeries(PaymentProvider provider, ExtensionContext context) {
        for (byte[] payload : List.of("{}".getBytes(StandardCharsets.UTF_8), "not json".getBytes(StandardCharsets.UTF_8))) {
            try {
                provider.parseWebhook(payload, Map.of(), context);
                throw new AssertionError("an unsigned webhook was accepted");
            } catch (WebhookRejectedException expected) {
                // the promise holds
            } catch (RuntimeException e) {
                throw new AssertionError("a forged webhook must be rejected with WebhookRejectedException, not " + e, e);
            }
        }
    }
}
