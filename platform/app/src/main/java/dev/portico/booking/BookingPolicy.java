package dev.portico.booking;

import dev.portico.plugin.api.CreditOutcome;
import dev.portico.plugin.api.PolicyAction;
import dev.portico.plugin.api.PolicyContext;
import dev.portico.plugin.api.PolicyDecision;
import dev.portico.plugin.api.PolicyRule;
import dev.portico.plugins.EnabledExtension;
import dev.portico.plugins.TenantPlugins;
import dev.portico.tenancy.TenantContext;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Decides book, cancel and reschedule with the studio's enabled {@link PolicyRule} plugins: any refusal wins,
 * otherwise the first rule's answer (by plugin id). With no rule enabled, the booking's own windows apply. The
 * reason is rendered in the customer's language from {@code messages*.properties}.
 */
@Component
class BookingPolicy {

    private final TenantPlugins plugins;
    private final MessageSource texts;

    BookingPolicy(TenantPlugins plugins, MessageSource texts) {
        this.plugins = plugins;
        this.texts = texts;
    }

    PolicyVerdict decide(PolicyContext context, Locale locale) {
        PolicyDecision decision = evaluate(context);
        return new PolicyVerdict(decision.allowed(), render(decision.reasonKey(), decision.reasonArgs(), locale),
                decision.allowed() ? decision.creditOutcome() : CreditOutcome.NONE, decision.allowed() ? decision.fee() : null,
                decision.reasonKey());
    }

    private PolicyDecision evaluate(PolicyContext context) {
        List<EnabledExtension<PolicyRule>> rules = plugins.enabled(PolicyRule.class).stream()
                .sorted(Comparator.comparing(EnabledExtension::pluginId)).toList();
        if (rules.isEmpty()) {
            return studioWindows(context);
        }
        List<PolicyDecision> decisions = rules.stream()
                .map(rule -> rule.call("evaluate", (extension, plugin) -> extension.evaluate(context, plugin)))
                .toList();
        Optional<PolicyDecision> refusal = decisions.stream().filter(d -> !d.allowed()).findFirst();
        return refusal.orElse(decisions.getFirst());
    }

    /** The studio's windows alone, for a studio that enabled no policy rule. */
    private static PolicyDecision studioWindows(PolicyContext context) {
        Duration left = context.timeUntilStart();
        boolean started = !left.isPositive();
        boolean paidByCard = context.pricePaid() != null && context.pricePaid().amount() > 0;
        boolean autoRefund = "auto".equals(TenantContext.require().config().policies().refundApproval());
        CreditOutcome refund = context.paidWithCredit() ? CreditOutcome.REFUNDED
                : paidByCard ? (autoRefund ? CreditOutcome.REFUNDED : CreditOutcome.MANUAL_REVIEW) : CreditOutcome.NONE;
        return switch (context.action()) {
            case BOOK -> started ? PolicyDecision.deny("policy.book.started", Map.of())
                    : PolicyDecision.allow("policy.book.allowed", Map.of(), CreditOutcome.NONE);
            case CANCEL -> {
                Map<String, Object> hours = Map.of("hours", context.cancelWindow().toHours());
                if (started) {
                    yield PolicyDecision.deny("policy.cancel.started", Map.of());
                } else if (left.compareTo(context.cancelWindow()) >= 0) {
                    yield PolicyDecision.allow("policy.cancel.free", hours, refund);
                } else if (context.lateCancelAllowed()) {
                    yield PolicyDecision.allow("policy.cancel.late", hours,
                            context.paidWithCredit() || paidByCard ? CreditOutcome.FORFEITED : CreditOutcome.NONE);
                }
                yield PolicyDecision.deny("policy.cancel.window-passed", hours);
            }
            case RESCHEDULE -> {
                if (context.reschedulesSoFar() >= context.maxReschedules()) {
                    yield PolicyDecision.deny("policy.reschedule.limit-reached", Map.of("limit", context.maxReschedules()));
                } else if (started || left.compareTo(context.rescheduleWindow()) < 0) {
                    yield PolicyDecision.deny("policy.reschedule.window-passed", Map.of("hours", context.rescheduleWindow().toHours()));
                }
                yield PolicyDecision.allow("policy.reschedule.allowed", Map.of(), CreditOutcome.NONE);
            }
        };
    }

    /** Fills {@code {name}} placeholders from the rule's named arguments. */
    private String render(String key, Map<String, Object> args, Locale locale) {
        String text = texts.getMessage(key, null, key, locale);
        for (Map.Entry<String, Object> arg : args.entrySet()) {
            text = text.replace("{" + arg.getKey() + "}", String.valueOf(arg.getValue()));
        }
        return text;
    }

}
