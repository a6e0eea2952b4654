package dev.portico.plugins.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.plugin.api.CreditOutcome;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.Money;
import dev.portico.plugin.api.PolicyAction;
import dev.portico.plugin.api.PolicyContext;
import dev.portico.plugin.api.PolicyDecision;
import dev.portico.plugin.api.PolicyRule;
import dev.portico.plugin.api.SettingDescriptor;
import dev.portico.plugin.testkit.Conformance;
import dev.portico.plugin.testkit.PluginTestHost;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The standard rule as the host runs it: loaded through PF4J, called with a studio's settings. */
class StandardPolicyRuleTests {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration TWELVE_HOURS = Duration.ofHours(12);
    private static final Money CLASS_PRICE = new Money(12000, "AED");

    private static PluginTestHost host;
    private static PolicyRule rule;

    @BeforeAll
    static void loadPlugin() {
        host = PluginTestHost.forThisModule();
        rule = host.extension(PolicyRule.class);
    }

    @AfterAll
    static void unloadPlugin() {
        host.close();
    }

    @Test
    void loadsThroughPf4jAsPolicyStandard() {
        assertThat(host.pluginId()).isEqualTo("policy-standard");
        assertThat(rule.getClass().getClassLoader()).isSameAs(host.pluginClassLoader());
    }

    @Nested
    class Cancel {

        @Test
        void exactlyTheWindowBeforeStartIsFreeAndRefundsTheCredit() {
            PolicyDecision decision = evaluate(booking(PolicyAction.CANCEL, TWELVE_HOURS));

            assertThat(decision).isEqualTo(new PolicyDecision(true, "policy.cancel.free", Map.of("hours", 12L),
                    CreditOutcome.REFUNDED, null));
        }

        @Test
        void oneSecondInsideTheWindowIsRefusedWhenTheStudioDeniesLateCancels() {
            PolicyDecision decision = evaluate(booking(PolicyAction.CANCEL, TWELVE_HOURS.minusSeconds(1)));

            assertThat(decision).isEqualTo(new PolicyDecision(false, "policy.cancel.window-passed",
                    Map.of("hours", 12L), CreditOutcome.NONE, null));
        }

        @Test
        void oneSecondInsideTheWindowForfeitsTheCreditWhenTheStudioAllowsLateCancels() {
            PolicyDecision decision = evaluate(booking(PolicyAction.CANCEL, TWELVE_HOURS.minusSeconds(1)).lateCancelAllowed());

            assertThat(decision).isEqualTo(new PolicyDecision(true, "policy.cancel.late", Map.of("hours", 12L),
                    CreditOutcome.FORFEITED, null));
        }

        @Test
        void windowPassedNamesTheFrozenWindowInWholeHours() {
            PolicyDecision decision = evaluate(booking(PolicyAction.CANCEL, Duration.ofHours(1))
                    .windows(Duration.ofHours(6).plusMinutes(30)));

            assertThat(decision.reasonArgs()).containsExactly(Map.entry("hours", 6L));
        }

        @Test
        void lateCancelChargesTheConfiguredFee() {
            PolicyDecision decision = evaluate(booking(PolicyAction.CANCEL, Duration.ofHours(2)).lateCancelAllowed(),
                    Map.of("lateCancelFeeMinor", "2500", "lateCancelFeeCurrency", "aed"));

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.creditOutcome()).isEqualTo(CreditOutcome.FORFEITED);
            assertThat(decision.fee()).isEqualTo(new Money(2500, "AED"));
        }

        @Test
        void feeComesOnlyWithAnAllowedLateCancel() {
            Map<String, String> fee = Map.of("lateCancelFeeMinor", "2500", "lateCancelFeeCurrency", "AED");

            PolicyDecision refused = evaluate(booking(PolicyAction.CANCEL, Duration.ofHours(2)), fee);
            PolicyDecision inTime = evaluate(booking(PolicyAction.CANCEL, Duration.ofDays(2)), fee);
            PolicyDecision started = evaluate(booking(PolicyAction.CANCEL, Duration.ZERO).lateCancelAllowed(), fee);

            assertThat(List.of(refused, inTime, started)).extracting(PolicyDecision::fee).containsOnlyNulls();
        }

        @Test
        void feeWithoutACurrencyIsNotCharged() {
            PolicyDecision decision = evaluate(booking(PolicyAction.CANCEL, Duration.ofHours(2)).lateCancelAllowed(),
                    Map.of("lateCancelFeeMinor", "2500"));

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.fee()).isNull();
        }

        @ParameterizedTest
        @CsvSource({"PT0S, true", "PT0S, false", "PT-1S, true", "PT-2H, false"})
        void isRefusedOnceTheClassHasStarted(Duration untilStart, boolean lateCancelAllowed) {
            Booking booking = booking(PolicyAction.CANCEL, untilStart);
            if (lateCancelAllowed) {
                booking.lateCancelAllowed();
            }

            assertThat(evaluate(booking)).isEqualTo(PolicyDecision.deny("policy.cancel.started", Map.of()));
        }

        @ParameterizedTest
        @CsvSource(nullValues = "unset", value = {"unset, REFUNDED", "auto, REFUNDED", "AUTO, REFUNDED",
                "manual, MANUAL_REVIEW", "sometimes, MANUAL_REVIEW"})
        void cardPaidVisitCancelledInTimeIsRefundedAsTheStudioApproves(@Nullable String refundApproval,
                CreditOutcome expected) {
            Map<String, String> settings = refundApproval == null ? Map.of() : Map.of("refundApproval", refundApproval);

            PolicyDecision decision = evaluate(booking(PolicyAction.CANCEL, Duration.ofDays(1)).paidByCard(), settings);

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.reasonKey()).isEqualTo("policy.cancel.free");
            assertThat(decision.creditOutcome()).isEqualTo(expected);
        }

        @Test
        void creditPaidVisitIsRefundedEvenWhenTheStudioReviewsRefundsByHand() {
            PolicyDecision decision = evaluate(booking(PolicyAction.CANCEL, Duration.ofDays(1)),
                    Map.of("refundApproval", "manual"));

            assertThat(decision.creditOutcome()).isEqualTo(CreditOutcome.REFUNDED);
        }

        @Test
        void cardPaidLateCancelIsNotRefunded() {
            PolicyDecision decision = evaluate(booking(PolicyAction.CANCEL, Duration.ofHours(2)).paidByCard()
                    .lateCancelAllowed());

            assertThat(decision.creditOutcome()).isEqualTo(CreditOutcome.FORFEITED);
        }

        @Test
        void freeVisitHasNothingToRefundOrForfeit() {
            PolicyDecision inTime = evaluate(booking(PolicyAction.CANCEL, Duration.ofDays(1)).free());
            PolicyDecision late = evaluate(booking(PolicyAction.CANCEL, Duration.ofHours(2)).free().lateCancelAllowed());

            assertThat(inTime.creditOutcome()).isEqualTo(CreditOutcome.NONE);
            assertThat(late.allowed()).isTrue();
            assertThat(late.creditOutcome()).isEqualTo(CreditOutcome.NONE);
        }

        @Test
        void windowSettingAppliesToABookingNotMadeYetOnly() {
            Map<String, String> settings = Map.of("cancelWindow", "PT24H");

            PolicyDecision existing = evaluate(booking(PolicyAction.CANCEL, Duration.ofHours(20)), settings);
            PolicyDecision notMadeYet = evaluate(booking(PolicyAction.CANCEL, Duration.ofHours(20)).notBookedYet(),
                    settings);

            assertThat(existing.reasonKey()).isEqualTo("policy.cancel.free");
            assertThat(existing.reasonArgs()).containsEntry("hours", 12L);
            assertThat(notMadeYet.reasonKey()).isEqualTo("policy.cancel.window-passed");
            assertThat(notMadeYet.reasonArgs()).containsEntry("hours", 24L);
        }
    }

    @Nested
    class Reschedule {

        @Test
        void outsideTheWindowAndUnderTheLimitIsAllowedWithoutTouchingTheCredit() {
            PolicyDecision decision = evaluate(booking(PolicyAction.RESCHEDULE, TWELVE_HOURS).rescheduled(1));

            assertThat(decision).isEqualTo(PolicyDecision.allow("policy.reschedule.allowed", Map.of(), CreditOutcome.NONE));
        }

        @Test
        void isRefusedOnceTheBookingWasMovedAsOftenAsAllowed() {
            PolicyDecision decision = evaluate(booking(PolicyAction.RESCHEDULE, Duration.ofDays(3)).rescheduled(2));

            assertThat(decision).isEqualTo(PolicyDecision.deny("policy.reschedule.limit-reached", Map.of("limit", 2)));
        }

        @Test
        void isRefusedInsideTheWindow() {
            PolicyDecision decision = evaluate(booking(PolicyAction.RESCHEDULE, TWELVE_HOURS.minusSeconds(1)));

            assertThat(decision).isEqualTo(PolicyDecision.deny("policy.reschedule.window-passed", Map.of("hours", 12L)));
        }

        @Test
        void isRefusedAfterTheStartEvenWithoutAWindow() {
            PolicyDecision decision = evaluate(booking(PolicyAction.RESCHEDULE, Duration.ofMinutes(-5))
                    .windows(Duration.ZERO));

            assertThat(decision).isEqualTo(PolicyDecision.deny("policy.reschedule.window-passed", Map.of("hours", 0L)));
        }

        @Test
        void windowSettingAppliesToABookingNotMadeYetOnly() {
            Map<String, String> settings = Map.of("rescheduleWindow", "PT48H");

            PolicyDecision existing = evaluate(booking(PolicyAction.RESCHEDULE, Duration.ofDays(1)), settings);
            PolicyDecision notMadeYet = evaluate(booking(PolicyAction.RESCHEDULE, Duration.ofDays(1)).notBookedYet(),
                    settings);

            assertThat(existing.allowed()).isTrue();
            assertThat(notMadeYet).isEqualTo(PolicyDecision.deny("policy.reschedule.window-passed", Map.of("hours", 48L)));
        }
    }

    @Nested
    class Book {

        @ParameterizedTest
        @CsvSource({"PT0S", "PT-1S", "PT-3H"})
        void isRefusedForAClassThatHasStarted(Duration untilStart) {
            PolicyDecision decision = evaluate(booking(PolicyAction.BOOK, untilStart).notBookedYet());

            assertThat(decision).isEqualTo(PolicyDecision.deny("policy.book.started", Map.of()));
        }

        @Test
        void isAllowedEvenInsideTheCancelWindow() {
            PolicyDecision decision = evaluate(booking(PolicyAction.BOOK, Duration.ofHours(1)).notBookedYet());

            assertThat(decision).isEqualTo(PolicyDecision.allow("policy.book.allowed", Map.of(), CreditOutcome.NONE));
        }

        @ParameterizedTest
        @CsvSource({"0, 50, true", "2, 2, true", "2, 3, false", "1, 7, false"})
        void isRefusedWhenRecentLateCancelsExceedTheStudiosLimit(int limit, int lateCancels, boolean allowed) {
            PolicyDecision decision = evaluate(booking(PolicyAction.BOOK, Duration.ofDays(1)).notBookedYet()
                    .lateCancels(lateCancels), Map.of("maxLateCancelsPer30Days", Integer.toString(limit)));

            if (allowed) {
                assertThat(decision.allowed()).isTrue();
            } else {
                assertThat(decision).isEqualTo(
                        PolicyDecision.deny("policy.book.too-many-late-cancels", Map.of("limit", limit)));
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0} with {1}")
    @MethodSource("spreadOfContexts")
    void keepsTheRuleContractForEveryContext(PolicyContext policy, Map<String, String> settings) {
        PolicyDecision decision = Conformance.policyDecision(rule, policy, host.context(settings));

        assertThat(decision.reasonKey()).startsWith("policy." + policy.action().name().toLowerCase() + ".");
        if (policy.action() != PolicyAction.CANCEL) {
            assertThat(decision.creditOutcome()).isEqualTo(CreditOutcome.NONE);
        }
    }

    static Stream<Arguments> spreadOfContexts() {
        List<Map<String, String>> settingsVariants = List.of(
                Map.of(),
                Map.of("refundApproval", "manual", "lateCancelFeeMinor", "1500", "lateCancelFeeCurrency", "GBP",
                        "maxLateCancelsPer30Days", "2"),
                Map.of("cancelWindow", "PT24H", "rescheduleWindow", "PT2H", "refundApproval", "unknown"));
        List<Duration> untilStart = List.of(Duration.ofDays(7), TWELVE_HOURS, TWELVE_HOURS.minusSeconds(1),
                Duration.ofMinutes(30), Duration.ZERO, Duration.ofHours(-1));
        Stream.Builder<Arguments> contexts = Stream.builder();
        for (Map<String, String> settings : settingsVariants) {
            for (PolicyAction action : PolicyAction.values()) {
                for (Duration until : untilStart) {
                    contexts.add(Arguments.of(booking(action, until).build(), settings));
                    contexts.add(Arguments.of(booking(action, until).paidByCard().lateCancelAllowed().rescheduled(2)
                            .lateCancels(3).build(), settings));
                    contexts.add(Arguments.of(booking(action, until).free().notBookedYet().build(), settings));
                }
            }
        }
        return contexts.build();
    }

    @Test
    void settingsSchemaIsWellFormed() {
        Conformance.settingsSchema(host);

        assertThat(host.schema().settings().keySet()).containsExactly("refundApproval", "lateCancelFeeMinor",
                "lateCancelFeeCurrency", "maxLateCancelsPer30Days", "cancelWindow", "rescheduleWindow");
        SettingDescriptor refundApproval = host.schema().settings().get("refundApproval");
        assertThat(refundApproval.defaultValue()).isEqualTo("auto");
        assertThat(refundApproval.description()).contains("auto", "manual");
        assertThat(host.schema().settings().values()).noneMatch(SettingDescriptor::required);
    }

    @Test
    void hostRefusesSettingsOfTheWrongType() {
        assertThat(host.schema().problems(Map.of("lateCancelFeeMinor", "25.00", "cancelWindow", "12 hours")))
                .containsOnlyKeys("lateCancelFeeMinor", "cancelWindow");
    }

    private static PolicyDecision evaluate(Booking booking) {
        return evaluate(booking, Map.of());
    }

    private static PolicyDecision evaluate(Booking booking, Map<String, String> settings) {
        ExtensionContext context = host.context(settings);
        return rule.evaluate(booking.build(), context);
    }

    /** A credit-paid booking made a week ago with 12-hour windows, late cancels denied and two moves allowed. */
    private static Booking booking(PolicyAction action, Duration untilStart) {
        return new Booking(action, untilStart);
    }

    /** Test data for one {@link PolicyContext}, changed one concern at a time. */
    private static final class Booking {

        private final PolicyAction action;
        private final Duration untilStart;
        private @Nullable Instant bookedAt = NOW.minus(Duration.ofDays(7));
        private Duration window = TWELVE_HOURS;
        private boolean lateCancelAllowed;
        private boolean paidWithCredit = true;
        private @Nullable Money pricePaid;
        private int reschedulesSoFar;
        private int lateCancelsLast30Days;

        Booking(PolicyAction action, Duration untilStart) {
            this.action = action;
            this.untilStart = untilStart;
        }

        Booking notBookedYet() {
            bookedAt = null;
            return this;
        }

        Booking windows(Duration cancelAndReschedule) {
            window = cancelAndReschedule;
            return this;
        }

        Booking lateCancelAllowed() {
            lateCancelAllowed = true;
            return this;
        }

        Booking paidByCard() {
            paidWithCredit = false;
            pricePaid = CLASS_PRICE;
            return this;
        }

        Booking free() {
            paidWithCredit = false;
            pricePaid = null;
            return this;
        }

        Booking rescheduled(int times) {
            reschedulesSoFar = times;
            return this;
        }

        Booking lateCancels(int count) {
            lateCancelsLast30Days = count;
            return this;
        }

        PolicyContext build() {
            return new PolicyContext(action, NOW, NOW.plus(untilStart), bookedAt, window, window, lateCancelAllowed, 2,
                    "svc-vinyasa", "CLASS", paidWithCredit, pricePaid, reschedulesSoFar, lateCancelsLast30Days);
        }
    }
}
