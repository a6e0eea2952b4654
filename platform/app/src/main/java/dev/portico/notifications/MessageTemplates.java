package dev.portico.notifications;

import com.samskivert.mustache.Template;
import dev.portico.notifications.templates.Part;
import dev.portico.notifications.templates.ShippedTemplates;
import dev.portico.notifications.templates.TemplateCompiler;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.tenancy.TenantConfig;
import dev.portico.tenancy.TenantConfig.TemplateOverride;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Renders every message a customer receives, from Mustache templates: the studio's override for the event and
 * language where it has one, else the template shipped in {@code messages/templates/<event>/} for the customer's
 * language, else English.
 *
 * <p>Each event ships {@code <lang>.subject}, {@code <lang>.text} (plain text: the email's text part, and SMS or
 * WhatsApp), and optionally {@code <lang>.sms} (a short form SMS and WhatsApp prefer) and {@code <lang>.html}
 * (the email's HTML part, usually extending the shared {@code {{<email}}} or {@code {{<email-ar}}} layout).
 * Values are HTML-escaped in HTML only, and there always: a tag that would skip the escaping is refused in HTML (see
 * {@link TemplateCompiler#compile}). A missing or null value renders empty and counts as false in a section.
 *
 * <p>Model keys, all optional; values are shown as the caller gives them, so dates and money come pre-formatted
 * with {@link #formatDateTime}, {@link #formatDate} and {@link #formatMoney}:
 * <ul>
 * <li>{@code studioName} (defaults to the studio's configured name), {@code studioUrl}, {@code portalUrl},
 *     {@code firstName}: every event</li>
 * <li>{@code link}, {@code minutes}: {@code auth.login_link}</li>
 * <li>{@code serviceName}, {@code staffName}, {@code locationName}, {@code startsAt}: {@code booking.*}</li>
 * <li>{@code oldStartsAt}: {@code booking.rescheduled}</li>
 * <li>{@code creditOutcome} ({@code REFUNDED}, {@code FORFEITED} or {@code NONE}) and the booleans
 *     {@code creditRefunded} and {@code creditForfeited} sections test; the booleans are derived from
 *     {@code creditOutcome} when not given: {@code booking.cancelled}, {@code booking.late_cancelled},
 *     {@code session.cancelled}</li>
 * <li>{@code serviceName}, {@code staffName}, {@code locationName}, {@code startsAt}, and the studio's {@code reason}
 *     if it gave one: {@code session.cancelled} (the studio cancelled the class)</li>
 * <li>{@code amount}, and what it was for as {@code packageName} or else {@code serviceName}: {@code payment.*}</li>
 * <li>{@code packageName}, {@code creditsRemaining}, {@code expiresOn}: {@code credits.low},
 *     {@code credits.expiring}</li>
 * </ul>
 *
 * <p>A studio's override replaces the parts it sets; its {@code text} serves SMS and WhatsApp too. The HTML of an
 * override is the studio's own markup (only an owner may set it, and it goes only to the studio's own customers, in
 * emails: Portico shows it in no page), so its text is kept as written; the values in it are escaped like the
 * shipped templates' (an override with {@code {{{name}}}} is refused by {@link #problems} and, stored some other way,
 * falls back as broken). An override
 * that does not compile, fails, or renders nothing is never the caller's problem: that part falls back to the
 * shipped template, and the studio's mistake is reported by a WARN log naming the studio, event, locale and the
 * parser's message (never customer data), and counted in {@link #brokenOverrides()}.
 */
@Component
public class MessageTemplates {

    private static final Logger log = LoggerFactory.getLogger(MessageTemplates.class);

    private final TemplateCompiler compiler;
    private final ShippedTemplates shipped;
    private final AtomicInteger brokenOverrides = new AtomicInteger();

    public MessageTemplates() {
        this.compiler = new TemplateCompiler(MessageTemplates.class.getClassLoader());
        this.shipped = new ShippedTemplates(compiler);
    }

    /**
     * Renders {@code event} for one channel.
     *
     * @throws IllegalStateException when the app ships no template for {@code event}: a programming error
     */
    public RenderedMessage render(String event, Locale locale, ChannelKind kind, Map<String, Object> model, TenantConfig config) {
        String language = shipped.languageFor(event, locale.getLanguage());
        TemplateOverride override = overrideFor(config, event, locale);
        Rendering rendering = new Rendering(event, language, locale, config.slug(), values(model, config));

        String subject = rendering.render(Part.SUBJECT, override == null ? null : override.subject())
                .orElseThrow(() -> new IllegalStateException("No subject template is shipped for " + event + " in " + language));
        Part body = kind == ChannelKind.EMAIL || shipped.find(event, language, Part.SMS).isEmpty() ? Part.TEXT : Part.SMS;
        String text = rendering.render(body, override == null ? null : override.text()).orElseThrow();
        String html = kind == ChannelKind.EMAIL
                ? rendering.render(Part.HTML, override == null ? null : override.html()).orElse(null)
                : null;
        return new RenderedMessage(subject, text, html);
    }

    /**
     * What is wrong with a studio's template overrides, by field ({@code <event>.<locale>.<part>}): an event the app
     * sends no message for, or a part that does not compile (or fails on a message with no values). Empty when all
     * of them work. The admin API refuses overrides with problems; at send time a broken one still falls back.
     */
    public Map<String, String> problems(Map<String, Map<String, TemplateOverride>> overrides) {
        Map<String, String> problems = new java.util.TreeMap<>();
        overrides.forEach((event, byLocale) -> {
            if (shipped.find(event, ShippedTemplates.FALLBACK_LANGUAGE, Part.SUBJECT).isEmpty()) {
                problems.put(event, "is not a message Portico sends");
                return;
            }
            byLocale.forEach((locale, override) -> {
                check(problems, event + "." + locale + ".subject", override.subject(), Part.SUBJECT);
                check(problems, event + "." + locale + ".text", override.text(), Part.TEXT);
                check(problems, event + "." + locale + ".html", override.html(), Part.HTML);
            });
        });
        return problems;
    }

    private void check(Map<String, String> problems, String field, @Nullable String source, Part part) {
        if (source == null || source.isBlank()) {
            return;
        }
        try {
            compiler.compile(source, part).execute(Map.of("studioName", "Studio"));
        } catch (RuntimeException e) {
            problems.put(field, "does not compile: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** How many studio overrides failed and were replaced by the shipped template since start. */
    public int brokenOverrides() {
        return brokenOverrides.get();
    }

    /**
     * A date and time as a customer reads it, e.g. "Tue, Dec 1, 6:00 PM" in {@code en}, "Tue 1 Dec, 18:00" in
     * {@code en-GB}, "الثلاثاء، 1 ديسمبر، 6:00 م" in {@code ar}: weekday, day, month and time in the locale's order,
     * hour cycle and digits. No year: bookings are weeks away, not years.
     */
    public static String formatDateTime(Instant instant, ZoneId zone, Locale locale) {
        return format("MMMEdjm", instant, zone, locale);
    }

    /** A date as a customer reads it, e.g. "Dec 1, 2026" in {@code en}, "1 ديسمبر 2026" in {@code ar}. */
    public static String formatDate(Instant instant, ZoneId zone, Locale locale) {
        return format("yMMMd", instant, zone, locale);
    }

    /**
     * An amount in minor units (fils, cents) as a customer reads it, e.g. "AED 120.00" in {@code en} and
     * "120.00 د.إ.‏" in {@code ar} for 12000 AED, with the currency's usual number of decimals and the locale's
     * digits.
     */
    public static String formatMoney(long minor, String currency, Locale locale) {
        Currency unit = Currency.getInstance(currency);
        int decimals = Math.max(unit.getDefaultFractionDigits(), 0);
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(unit);
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        if (format instanceof DecimalFormat decimal) {
            // CLDR's currency spacing, which the JDK does not apply: "AED 120.00", not "AED120.00".
            decimal.setPositivePrefix(spaced(decimal.getPositivePrefix()));
            decimal.setNegativePrefix(spaced(decimal.getNegativePrefix()));
        }
        return plainSpaces(format.format(BigDecimal.valueOf(minor, decimals)));
    }

    private static String spaced(String prefix) {
        return !prefix.isEmpty() && Character.isLetter(prefix.charAt(prefix.length() - 1)) ? prefix + " " : prefix;
    }

    /*
     * A CLDR skeleton rather than FormatStyle: MEDIUM has no weekday, and in Arabic it is all digits
     * ("01/12/2026"). DecimalStyle.of(locale) writes the locale's own digits: Latin for "ar" and "ar-AE",
     * Arabic-Indic for "ar-EG", as customers there expect.
     */
    private static String format(String skeleton, Instant instant, ZoneId zone, Locale locale) {
        DateTimeFormatter formatter = DateTimeFormatter.ofLocalizedPattern(skeleton)
                .withLocale(locale)
                .withDecimalStyle(DecimalStyle.of(locale));
        return plainSpaces(formatter.format(instant.atZone(zone)));
    }

    /*
     * CLDR puts no-break spaces in times ("6:00\u202FPM") and amounts. They are outside the GSM-7 alphabet, so one
     * of them would make an SMS Unicode and cut its length from 160 characters to 70.
     */
    private static String plainSpaces(String formatted) {
        return formatted.replace('\u202F', ' ').replace('\u00A0', ' ');
    }

    private static @Nullable TemplateOverride overrideFor(TenantConfig config, String event, Locale locale) {
        Map<String, TemplateOverride> byLocale = config.templates().get(event);
        if (byLocale == null) {
            return null;
        }
        TemplateOverride exact = byLocale.get(locale.toLanguageTag());
        return exact != null ? exact : byLocale.get(locale.getLanguage());
    }

    private static Map<String, Object> values(Map<String, Object> model, TenantConfig config) {
        Map<String, Object> values = new HashMap<>();
        values.put("studioName", config.name());
        Object outcome = model.get("creditOutcome");
        if (outcome != null) {
            values.put("creditRefunded", "REFUNDED".equals(outcome.toString()));
            values.put("creditForfeited", "FORFEITED".equals(outcome.toString()));
        }
        values.putAll(model);
        return values;
    }

    /** One message being rendered. */
    private final class Rendering {

        private final String event;
        private final String language;
        private final Locale locale;
        private final String studio;
        private final Map<String, Object> values;

        Rendering(String event, String language, Locale locale, String studio, Map<String, Object> values) {
            this.event = event;
            this.language = language;
            this.locale = locale;
            this.studio = studio;
            this.values = values;
        }

        /** The studio's override for a part when it works, else the shipped template, if there is one. */
        Optional<String> render(Part part, @Nullable String override) {
            if (override != null && !override.isBlank()) {
                try {
                    String rendered = tidy(part, compiler.compile(override, part).execute(values));
                    if (!rendered.isBlank()) {
                        return Optional.of(rendered);
                    }
                    reportBroken(part, "it renders nothing");
                } catch (RuntimeException e) {
                    // Whatever a studio wrote, the customer still gets the message.
                    reportBroken(part, String.valueOf(e.getMessage()));
                }
            }
            return shipped.find(event, language, part).map(template -> execute(template, part));
        }

        private String execute(Template template, Part part) {
            return tidy(part, template.execute(values));
        }

        private void reportBroken(Part part, String reason) {
            brokenOverrides.incrementAndGet();
            log.warn("Studio {} has a broken {} template for {} in {}; sent the shipped template instead: {}",
                    studio, part.name().toLowerCase(Locale.ROOT), event, locale.toLanguageTag(), reason);
        }
    }

    /** Subjects become one line (no header injection through a value); text loses the blank lines empty values leave. */
    private static String tidy(Part part, String rendered) {
        return switch (part) {
            case SUBJECT -> rendered.replaceAll("\\s+", " ").strip();
            case TEXT, SMS -> rendered.replace("\r\n", "\n").replaceAll("[ \t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
            case HTML -> rendered.strip();
        };
    }
}
