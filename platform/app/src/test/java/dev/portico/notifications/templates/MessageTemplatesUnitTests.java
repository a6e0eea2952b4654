package dev.portico.notifications.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.notifications.MessageTemplates;
import dev.portico.notifications.RenderedMessage;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.tenancy.TenantConfig;
import dev.portico.tenancy.TenantConfig.TemplateOverride;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTemplatesUnitTests {

    static final Instant STARTS = Instant.parse("2026-12-01T14:00:00Z");
    static final ZoneId DUBAI = ZoneId.of("Asia/Dubai");
    static final Locale EN = Locale.ENGLISH;
    static final Locale AR = Locale.forLanguageTag("ar");

    /** Every event the app sends, with the model values each of its messages must show. */
    static final Map<String, List<String>> EVENTS = Map.ofEntries(
            Map.entry("auth.login_link", List.of("link")),
            Map.entry("auth.login_succeeded", List.of("studioName")),
            Map.entry("booking.confirmed", List.of("serviceName", "staffName", "locationName", "startsAt")),
            Map.entry("booking.cancelled", List.of("serviceName", "startsAt")),
            Map.entry("booking.late_cancelled", List.of("serviceName", "startsAt")),
            Map.entry("booking.rescheduled", List.of("serviceName", "startsAt", "oldStartsAt")),
            Map.entry("booking.reminder", List.of("serviceName", "staffName", "locationName", "startsAt")),
            Map.entry("session.cancelled", List.of("serviceName", "staffName", "startsAt")),
            Map.entry("payment.received", List.of("amount", "packageName")),
            Map.entry("payment.refunded", List.of("amount", "packageName")),
            Map.entry("credits.low", List.of("packageName", "creditsRemaining")),
            Map.entry("credits.expiring", List.of("packageName", "creditsRemaining", "expiresOn")));

    final MessageTemplates templates = new MessageTemplates();

    static TenantConfig studio(Map<String, Map<String, TemplateOverride>> overrides) {
        return new TenantConfig("lotus-yoga", "Lotus Yoga", null, "https://lotus.example.com", null, null, List.of("en", "ar"),
                "AED", null, null, null, null, null, overrides, null, false, null);
    }

    static TenantConfig studio() {
        return studio(Map.of());
    }

    static Map<String, Object> fullModel(Locale locale) {
        Map<String, Object> model = new HashMap<>();
        model.put("studioUrl", "https://lotus.example.com");
        model.put("portalUrl", "https://lotus.example.com/portal");
        model.put("firstName", "Sara");
        model.put("serviceName", "Vinyasa Flow");
        model.put("staffName", "Maya Haddad");
        model.put("locationName", "Marina Studio");
        model.put("startsAt", MessageTemplates.formatDateTime(STARTS, DUBAI, locale));
        model.put("oldStartsAt", MessageTemplates.formatDateTime(STARTS.minusSeconds(86_400), DUBAI, locale));
        model.put("creditOutcome", "REFUNDED");
        model.put("creditsRemaining", 2);
        model.put("packageName", "10-Class Pack");
        model.put("expiresOn", MessageTemplates.formatDate(STARTS, DUBAI, locale));
        model.put("amount", MessageTemplates.formatMoney(12_000, "AED", locale));
        model.put("link", "https://lotus.example.com/portal/auth/callback?token=abc123");
        model.put("minutes", 10);
        return model;
    }

    static Stream<Arguments> everyMessage() {
        List<Arguments> all = new ArrayList<>();
        for (String event : EVENTS.keySet().stream().sorted().toList()) {
            for (Locale locale : List.of(EN, AR)) {
                for (ChannelKind kind : List.of(ChannelKind.EMAIL, ChannelKind.SMS)) {
                    all.add(Arguments.of(event, locale, kind));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} in {1} by {2}")
    @MethodSource("everyMessage")
    void everyEventRendersInEnglishAndArabicForEmailAndSms(String event, Locale locale, ChannelKind kind) {
        Map<String, Object> model = fullModel(locale);

        RenderedMessage message = templates.render(event, locale, kind, model, studio());

        assertThat(message.subject()).isNotBlank().doesNotContain("{{", "}}", "\n");
        assertThat(message.text()).isNotBlank().doesNotContain("{{", "}}");
        if (kind == ChannelKind.EMAIL) {
            assertThat(message.html()).isNotNull().doesNotContain("{{", "}}").contains("Lotus Yoga").startsWith("<!DOCTYPE html>");
        } else {
            assertThat(message.html()).isNull();
        }
        model.put("studioName", "Lotus Yoga");
        for (String key : EVENTS.get(event)) {
            String value = String.valueOf(model.get(key));
            assertThat(message.text()).as("%s in the text", key).contains(value);
            if (message.html() != null) {
                assertThat(message.html()).as("%s in the HTML", key).contains(value.replace("&", "&amp;").replace("=", "&#x3D;"));
            }
        }
        if (locale == AR) {
            assertThat(message.subject() + message.text()).containsPattern("\\p{IsArabic}{3}");
            if (message.html() != null) {
                assertThat(message.html()).contains("lang=\"ar\" dir=\"rtl\"").containsPattern("\\p{IsArabic}{3}");
            }
        } else {
            assertThat(message.subject() + message.text()).doesNotContainPattern("\\p{IsArabic}");
        }
        assertThat(templates.brokenOverrides()).isZero();
    }

    static Stream<Arguments> everyEmail() {
        return everyMessage().filter(arguments -> arguments.get()[2] == ChannelKind.EMAIL);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyEmail")
    void everyEmailEscapesEveryValueInItsHtmlInEnglishAndArabic(String event, Locale locale, ChannelKind kind) {
        Map<String, Object> model = fullModel(locale);
        model.put("studioName", "Lotus Yoga");
        model.replaceAll((key, value) -> value instanceof String text && !key.endsWith("Url") && !key.equals("link")
                ? "<i id=x>" + text : value);

        RenderedMessage message = templates.render(event, locale, kind, model, studio());

        assertThat(message.html()).doesNotContain("<i id").contains("&lt;i id&#x3D;x&gt;");
        assertThat(message.text()).contains("<i id=x>");
        for (String key : EVENTS.get(event)) {
            if (model.get(key) instanceof String text && text.startsWith("<i id=x>")) {
                assertThat(message.html()).as("%s escaped in the HTML", key)
                        .contains(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("=", "&#x3D;"));
            }
        }
    }

    @Test
    void htmlEscapesValuesAndPlainTextKeepsThemAsTheyAre() {
        Map<String, Object> model = fullModel(EN);
        model.put("serviceName", "Yoga & Pilates");
        model.put("firstName", "<script>alert(1)</script>");

        RenderedMessage message = templates.render("booking.confirmed", EN, ChannelKind.EMAIL, model, studio());

        assertThat(message.html()).doesNotContain("<script>").contains("&lt;script&gt;", "Yoga &amp; Pilates");
        assertThat(message.text()).contains("Yoga & Pilates", "<script>alert(1)</script>").doesNotContain("&amp;", "&lt;");
        assertThat(message.subject()).contains("Yoga & Pilates");
    }

    @Test
    void creditOutcomeDecidesWhatACancellationSaysAboutTheCredit() {
        Map<String, Object> refunded = fullModel(EN);
        Map<String, Object> none = fullModel(EN);
        none.put("creditOutcome", "NONE");
        Map<String, Object> forfeited = fullModel(EN);
        forfeited.put("creditOutcome", "FORFEITED");

        assertThat(templates.render("booking.cancelled", EN, ChannelKind.SMS, refunded, studio()).text())
                .contains("credit is back").doesNotContain("can't be returned");
        assertThat(templates.render("booking.cancelled", EN, ChannelKind.EMAIL, none, studio()).text())
                .doesNotContain("credit");
        assertThat(templates.render("booking.late_cancelled", EN, ChannelKind.EMAIL, forfeited, studio()).text())
                .contains("can't be returned").doesNotContain("returned to your account");
        assertThat(templates.render("booking.late_cancelled", AR, ChannelKind.EMAIL, forfeited, studio()).text())
                .contains("لا يمكن إعادته");
    }

    @Test
    void missingOptionalValuesLeaveNeitherLabelsNorGaps() {
        Map<String, Object> model = fullModel(EN);
        model.put("staffName", null);
        model.remove("locationName");
        model.remove("firstName");

        RenderedMessage message = templates.render("booking.confirmed", EN, ChannelKind.EMAIL, model, studio());

        assertThat(message.text()).startsWith("Hi,").doesNotContain("With:", "Where:", "\n\n\n");
        assertThat(message.html()).doesNotContain("With:", "Where:");
        assertThat(templates.render("booking.confirmed", EN, ChannelKind.SMS, model, studio()).text())
                .doesNotContain(" with ", " at ");
    }

    @Test
    void aLanguageNotShippedFallsBackToEnglish() {
        RenderedMessage english = templates.render("booking.reminder", EN, ChannelKind.EMAIL, fullModel(EN), studio());

        RenderedMessage french = templates.render("booking.reminder", Locale.FRENCH, ChannelKind.EMAIL, fullModel(EN), studio());

        assertThat(french).isEqualTo(english);
        assertThat(templates.render("booking.reminder", Locale.forLanguageTag("ar-AE"), ChannelKind.SMS, fullModel(AR), studio())
                .text()).startsWith("تذكير من");
    }

    @Test
    void aStudioOverrideOfTheSubjectChangesOnlyTheSubject() {
        TenantConfig studio = studio(Map.of("booking.confirmed",
                Map.of("en", new TemplateOverride("{{serviceName}} is yours, {{firstName}}!", null, null))));
        RenderedMessage shipped = templates.render("booking.confirmed", EN, ChannelKind.EMAIL, fullModel(EN), studio());

        RenderedMessage overridden = templates.render("booking.confirmed", EN, ChannelKind.EMAIL, fullModel(EN), studio);

        assertThat(overridden.subject()).isEqualTo("Vinyasa Flow is yours, Sara!");
        assertThat(overridden.text()).isEqualTo(shipped.text());
        assertThat(overridden.html()).isEqualTo(shipped.html());
        assertThat(templates.render("booking.confirmed", AR, ChannelKind.EMAIL, fullModel(AR), studio).subject())
                .as("the override is for English only").isEqualTo(
                        templates.render("booking.confirmed", AR, ChannelKind.EMAIL, fullModel(AR), studio()).subject());
        assertThat(templates.brokenOverrides()).isZero();
    }

    @Test
    void aStudioOverrideOfTheTextAlsoServesSmsAndMayUseTheSharedLayout() {
        TenantConfig studio = studio(Map.of("booking.reminder", Map.of("en", new TemplateOverride(null,
                "See you at {{serviceName}}, {{startsAt}}!",
                "{{<email}}{{$body}}<p>Namaste {{firstName}}</p>{{/body}}{{/email}}"))));

        RenderedMessage sms = templates.render("booking.reminder", EN, ChannelKind.SMS, fullModel(EN), studio);
        RenderedMessage email = templates.render("booking.reminder", EN, ChannelKind.EMAIL, fullModel(EN), studio);

        assertThat(sms.text()).isEqualTo("See you at Vinyasa Flow, " + fullModel(EN).get("startsAt") + "!");
        assertThat(email.html()).contains("<p>Namaste Sara</p>", "https://lotus.example.com/portal", "Lotus Yoga");
        assertThat(templates.brokenOverrides()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{#unclosed", "Hi {{firstName", "{{#open}}never closed", "{{#a}}x{{/b}}", "{{<no-such-layout}}{{/no-such-layout}}",
            "{{ }}", "{{studioName}}"})
    void aBrokenStudioOverrideFallsBackToTheShippedTemplateAndIsCounted(String broken) {
        // The last one is valid Mustache but renders nothing once the model lacks the value: broken all the same.
        Map<String, Object> model = fullModel(EN);
        model.put("studioName", "");
        TenantConfig studio = studio(Map.of("booking.cancelled", Map.of("en", new TemplateOverride(broken, broken, broken))));
        RenderedMessage shipped = templates.render("booking.cancelled", EN, ChannelKind.EMAIL, model, studio());

        RenderedMessage rendered = templates.render("booking.cancelled", EN, ChannelKind.EMAIL, model, studio);

        assertThat(rendered).isEqualTo(shipped);
        assertThat(templates.brokenOverrides()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<p>{{{firstName}}}</p>", "<p>{{&firstName}}</p>", "<p>{{ & firstName }}</p>",
            "{{=<% %>=}}<p><%{firstName}%></p>"})
    void aStudioHtmlOverrideCannotPutAValueInUnescaped(String unescaped) {
        Map<String, Object> model = fullModel(EN);
        model.put("firstName", "<img src=x onerror=alert(1)>");
        TenantConfig studio = studio(Map.of("booking.confirmed", Map.of("en", new TemplateOverride(null, "Hi {{{firstName}}}", unescaped))));

        RenderedMessage rendered = templates.render("booking.confirmed", EN, ChannelKind.EMAIL, model, studio);

        assertThat(rendered.html()).as("the shipped HTML instead").doesNotContain("<img").contains("&lt;img src&#x3D;x");
        assertThat(rendered.text()).as("plain text is never HTML").isEqualTo("Hi <img src=x onerror=alert(1)>");
        assertThat(templates.brokenOverrides()).isEqualTo(1);
        assertThat(templates.problems(Map.of("booking.confirmed", Map.of("en", new TemplateOverride(null, null, unescaped)))))
                .containsOnlyKeys("booking.confirmed.en.html");
    }

    @Test
    void aStudioHtmlOverrideKeepsItsOwnMarkupAndEscapesTheValues() {
        Map<String, Object> model = fullModel(EN);
        model.put("firstName", "<img src=x onerror=alert(1)>");
        TenantConfig studio = studio(Map.of("booking.confirmed", Map.of("en", new TemplateOverride(null, null,
                "<p><b>Namaste</b> {{firstName}}</p>"))));

        assertThat(templates.render("booking.confirmed", EN, ChannelKind.EMAIL, model, studio).html())
                .isEqualTo("<p><b>Namaste</b> &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</p>");
    }

    @Test
    void aStudioOverrideCannotReachIntoTheValuesItIsGiven() {
        TenantConfig studio = studio(Map.of("booking.confirmed",
                Map.of("en", new TemplateOverride("Hi {{firstName}}{{firstName.class}}{{firstName.bytes}}{{firstName.class.classLoader}}", null, null))));

        assertThat(templates.render("booking.confirmed", EN, ChannelKind.EMAIL, fullModel(EN), studio).subject()).isEqualTo("Hi Sara");
    }

    @Test
    void anEventWithNoShippedTemplateIsAProgrammingError() {
        assertThatThrownBy(() -> templates.render("booking.teleported", EN, ChannelKind.EMAIL, fullModel(EN), studio()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("booking.teleported");
    }

    @Test
    void theLoginLinkSmsFitsOneMessageWithALongLink() {
        Map<String, Object> model = fullModel(EN);
        String link = "https://lotus-yoga-dubai.example.com/portal/auth/callback?token=";
        model.put("link", link + "x".repeat(100 - link.length()));
        TenantConfig studio = new TenantConfig("lotus-yoga", "Lotus Yoga Dubai Marina", null, null, null, null, null, "AED", null,
                null, null, null, null, null, null, false, null);

        String sms = templates.render("auth.login_link", EN, ChannelKind.SMS, model, studio).text();

        assertThat((String) model.get("link")).hasSize(100);
        assertThat(sms).contains((String) model.get("link")).hasSizeLessThanOrEqualTo(160);
    }

    @Test
    void anEnglishSmsStaysInTheGsmAlphabet() {
        // One character outside GSM-7, like the narrow no-break space CLDR puts before "PM", cuts an SMS to 70 characters.
        String sms = templates.render("booking.reminder", EN, ChannelKind.SMS, fullModel(EN), studio()).text();

        assertThat(sms).matches("[\\x20-\\x7E]+").hasSizeLessThanOrEqualTo(160);
    }

    @Test
    void dateTimesAreLocalToTheCustomersZone() {
        Locale british = Locale.forLanguageTag("en-GB");

        String dubai = MessageTemplates.formatDateTime(STARTS, DUBAI, british);
        String london = MessageTemplates.formatDateTime(STARTS, ZoneId.of("Europe/London"), british);

        assertThat(dubai).contains("18:00", "Tue", "1 Dec");
        assertThat(london).contains("14:00");
        assertThat(dubai).isNotEqualTo(london);
        assertThat(MessageTemplates.formatDateTime(STARTS, DUBAI, AR)).contains("ديسمبر").containsPattern("\\p{IsArabic}");
        assertThat(MessageTemplates.formatDate(STARTS, DUBAI, EN)).contains("2026").doesNotContain("18");
    }

    @Test
    void moneyIsFormattedFromMinorUnitsWithTheCurrencysDecimals() {
        assertThat(MessageTemplates.formatMoney(12_000, "AED", EN)).contains("120.00", "AED");
        assertThat(MessageTemplates.formatMoney(12_000, "AED", AR)).contains("د.إ");
        assertThat(MessageTemplates.formatMoney(1_200, "JPY", EN)).contains("1,200").doesNotContain(".");
        assertThat(MessageTemplates.formatMoney(1_234_567, "BHD", EN)).contains("1,234.567");
    }
}
