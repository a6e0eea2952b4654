package dev.portico.notifications;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.portico.booking.AppointmentBooked;
import dev.portico.booking.AppointmentCancelled;
import dev.portico.booking.AppointmentRescheduled;
import dev.portico.booking.AppointmentSummary;
import dev.portico.booking.BookingManagement;
import dev.portico.credits.CreditPackages;
import dev.portico.credits.CreditsChanged;
import dev.portico.customers.Customer;
import dev.portico.customers.CustomerDirectory;
import dev.portico.customers.CustomerLoggedIn;
import dev.portico.customers.CustomerPreferences;
import dev.portico.jobs.Jobs;
import dev.portico.payments.PaymentRefunded;
import dev.portico.payments.PaymentSucceeded;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugins.TenantPlugins;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantConfig;
import dev.portico.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns what happens into messages: each event is rendered from its template in the customer's language and time
 * zone and queued, in the transaction of the change, for every channel the customer opted into that the studio
 * has enabled. Reminders follow their booking; credit alerts go out once per package and threshold; non-urgent
 * messages wait out the studio's quiet hours. A message that cannot be rendered never blocks the change.
 */
@Component
class CustomerNotifications {

    static final String REMINDER_TASK = "appointment-reminder";

    private static final Logger log = LoggerFactory.getLogger(CustomerNotifications.class);

    private final Messages messages;
    private final MessageTemplates templates;
    private final CustomerDirectory customers;
    private final CustomerPreferences preferences;
    private final BookingManagement bookings;
    private final CreditPackages packages;
    private final TenantPlugins plugins;
    private final Jobs jobs;
    private final JdbcClient jdbc;
    private final Clock clock;

    CustomerNotifications(Messages messages, MessageTemplates templates, CustomerDirectory customers, CustomerPreferences preferences,
            BookingManagement bookings, CreditPackages packages, TenantPlugins plugins, Jobs jobs, JdbcClient jdbc, Clock clock) {
        this.messages = messages;
        this.templates = templates;
        this.customers = customers;
        this.preferences = preferences;
        this.bookings = bookings;
        this.packages = packages;
        this.plugins = plugins;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    void on(CustomerLoggedIn event) {
        send(event.customerId(), "auth.login_succeeded", Map.of(), false);
    }

    @EventListener
    void on(AppointmentBooked event) {
        bookings.summary(event.appointmentId()).ifPresent(booking -> {
            send(booking.customerId(), "booking.confirmed", appointment(booking, booking.customerId()), false);
            scheduleReminder(booking);
        });
    }

    @EventListener
    void on(AppointmentCancelled event) {
        cancelReminder(event.appointmentId(), event.startsAt());
        bookings.summary(event.appointmentId()).ifPresent(booking -> {
            Map<String, Object> model = appointment(booking, booking.customerId());
            model.put("creditOutcome", event.creditOutcome());
            model.put("creditRefunded", "REFUNDED".equals(event.creditOutcome()));
            model.put("creditForfeited", "FORFEITED".equals(event.creditOutcome()));
            if (event.byStudio()) {
                model.put("reason", event.reason());
                send(booking.customerId(), "session.cancelled", model, false);
                return;
            }
            send(booking.customerId(), event.late() ? "booking.late_cancelled" : "booking.cancelled", model, false);
        });
    }

    @EventListener
    void on(AppointmentRescheduled event) {
        cancelReminder(event.appointmentId(), event.from());
        bookings.summary(event.appointmentId()).ifPresent(booking -> {
            Map<String, Object> model = appointment(booking, booking.customerId());
            model.put("oldStartsAt", formatted(event.from(), booking.customerId()));
            send(booking.customerId(), "booking.rescheduled", model, false);
            scheduleReminder(booking);
        });
    }

    @EventListener
    void on(PaymentSucceeded event) {
        Map<String, Object> model = new HashMap<>();
        model.put("amount", money(event.amountMinor(), event.currency(), event.customerId()));
        model.put("serviceName", event.description());
        model.put("packageName", event.description());
        send(event.customerId(), "payment.received", model, false);
    }

    @EventListener
    @Transactional
    void on(PaymentRefunded event) {
        Map<String, Object> model = new HashMap<>();
        model.put("amount", money(event.amountMinor(), event.currency(), event.customerId()));
        model.put("serviceName", event.description());
        model.put("packageName", event.description());
        send(event.customerId(), "payment.refunded", model, false);
    }

    /** Credits low: once when a package first drops to the studio's threshold. */
    @EventListener
    void on(CreditsChanged event) {
        int threshold = TenantContext.require().config().notifications().lowCreditsThreshold();
        boolean crossed = event.delta() < 0 && event.remaining() <= threshold && event.remaining() - event.delta() > threshold;
        if (threshold == 0 || !crossed || !firstTime("credits.low:" + event.packageId() + ":" + threshold)) {
            return;
        }
        packages.forCustomer(event.customerId()).stream().filter(p -> p.id().equals(event.packageId())).findFirst().ifPresent(pack -> {
            Map<String, Object> model = new HashMap<>();
            model.put("packageName", pack.name());
            model.put("creditsRemaining", pack.creditsRemaining());
            model.put("expiresOn", MessageTemplates.formatDate(pack.expiresAt(), zone(event.customerId()), locale(event.customerId())));
            send(event.customerId(), "credits.low", model, true);
        });
    }

    /** Credits expiring: once per package, when its expiry comes within the studio's warning period. */
    @Transactional
    void expiringSoon() {
        int days = TenantContext.require().config().notifications().expiringSoonDays();
        if (days == 0) {
            return;
        }
        Instant now = clock.instant();
        for (Map.Entry<UUID, CreditPackages.PackageSummary> owned : packages.expiringBetween(now, now.plus(Duration.ofDays(days)))) {
            CreditPackages.PackageSummary pack = owned.getValue();
            if (!firstTime("credits.expiring:" + pack.id())) {
                continue;
            }
            Map<String, Object> model = new HashMap<>();
            model.put("packageName", pack.name());
            model.put("creditsRemaining", pack.creditsRemaining());
            model.put("expiresOn", MessageTemplates.formatDate(pack.expiresAt(), zone(owned.getKey()), locale(owned.getKey())));
            send(owned.getKey(), "credits.expiring", model, true);
        }
    }

    /** A reminder whose booking has since moved or ended is dropped: it carries the start it was set for. */
    @Transactional
    void remind(UUID appointmentId, long startEpochSecond) {
        bookings.summary(appointmentId)
                .filter(booking -> "BOOKED".equals(booking.status()) && booking.startsAt().getEpochSecond() == startEpochSecond)
                .ifPresent(booking -> send(booking.customerId(), "booking.reminder", appointment(booking, booking.customerId()), false));
    }

    private void scheduleReminder(AppointmentSummary booking) {
        int hours = preferences.forCustomer(booking.customerId()).reminderHoursBefore();
        Instant when = booking.startsAt().minus(Duration.ofHours(hours));
        if (hours > 0 && when.isAfter(clock.instant())) {
            jobs.schedule(new TaskInstance<>(REMINDER_TASK, reminderId(booking.id(), booking.startsAt())), when);
        }
    }

    private void cancelReminder(UUID appointmentId, Instant startsAt) {
        String id = reminderId(appointmentId, startsAt);
        if (jobs.client().getScheduledExecution(TaskInstanceId.of(REMINDER_TASK, id)).isPresent()) {
            jobs.client().cancel(TaskInstanceId.of(REMINDER_TASK, id));
        }
    }

    static String reminderId(UUID appointmentId, Instant startsAt) {
        return TenantContext.require().slug() + ":" + appointmentId + ":" + startsAt.getEpochSecond();
    }

    /** Renders and queues {@code event} for each channel the customer opted into and the studio can deliver. */
    private void send(UUID customerId, String event, Map<String, Object> details, boolean nonUrgent) {
        Customer customer = customers.findActive(customerId).orElse(null);
        if (customer == null) {
            return;
        }
        Tenant tenant = TenantContext.require();
        TenantConfig config = tenant.config();
        CustomerPreferences.Preferences wants = preferences.forCustomer(customerId);
        Set<ChannelKind> deliverable = EnumSet.noneOf(ChannelKind.class);
        plugins.enabled(NotificationChannel.class).forEach(channel -> deliverable.addAll(channel.extension().kinds()));
        List<Map.Entry<ChannelKind, String>> targets = new ArrayList<>();
        if (wants.emailOptIn() && customer.getEmail() != null && deliverable.contains(ChannelKind.EMAIL)) {
            targets.add(Map.entry(ChannelKind.EMAIL, customer.getEmail()));
        }
        if (wants.smsOptIn() && customer.getPhone() != null && deliverable.contains(ChannelKind.SMS)) {
            targets.add(Map.entry(ChannelKind.SMS, customer.getPhone()));
        }
        if (wants.whatsappOptIn() && customer.getPhone() != null && deliverable.contains(ChannelKind.WHATSAPP)) {
            targets.add(Map.entry(ChannelKind.WHATSAPP, customer.getPhone()));
        }
        if (targets.isEmpty()) {
            return;
        }
        Locale locale = locale(customerId);
        Map<String, Object> model = new HashMap<>(details);
        model.put("studioName", config.name());
        model.put("studioUrl", tenant.publicBaseUrl().toString());
        model.put("portalUrl", tenant.publicBaseUrl() + "/portal");
        model.put("firstName", customer.getFirstName());
        Instant notBefore = nonUrgent ? afterQuietHours(config, ZoneId.of(config.timezone())) : clock.instant();
        for (Map.Entry<ChannelKind, String> target : targets) {
            RenderedMessage rendered;
            try {
                rendered = templates.render(event, locale, target.getKey(), model, config);
            } catch (RuntimeException e) {
                // A template that cannot be rendered costs the message, not the customer's change. Storing the message
                // is not guarded: it is part of the change's transaction, and a database failure fails both.
                log.error("Could not render {} for customer {} on {}; the change itself stands", event, customerId, target.getKey(), e);
                continue;
            }
            messages.enqueue(new OutgoingMessage(event, customerId, target.getKey(), target.getValue(), rendered.subject(),
                    rendered.text(), rendered.html(), locale.getLanguage()), notBefore);
        }
    }

    private Map<String, Object> appointment(AppointmentSummary booking, UUID customerId) {
        Map<String, Object> model = new HashMap<>();
        model.put("serviceName", booking.serviceName());
        model.put("staffName", booking.staffName());
        model.put("locationName", booking.locationName());
        model.put("startsAt", formatted(booking.startsAt(), customerId));
        return model;
    }

    private String formatted(Instant instant, UUID customerId) {
        return MessageTemplates.formatDateTime(instant, zone(customerId), locale(customerId));
    }

    private String money(long minor, String currency, UUID customerId) {
        return MessageTemplates.formatMoney(minor, currency, locale(customerId));
    }

    private ZoneId zone(UUID customerId) {
        return customers.findActive(customerId).map(c -> ZoneId.of(c.getTimezone()))
                .orElse(ZoneId.of(TenantContext.require().config().timezone()));
    }

    private Locale locale(UUID customerId) {
        TenantConfig config = TenantContext.require().config();
        String language = customers.findActive(customerId).map(Customer::getLocale).filter(config.locales()::contains).orElse(config.locale());
        return Locale.forLanguageTag(language);
    }

    /** Now, or the end of the studio's quiet hours when now falls inside them. */
    private Instant afterQuietHours(TenantConfig config, ZoneId zone) {
        return quietUntil(clock.instant(), zone, config.notifications().quietHoursStart(), config.notifications().quietHoursEnd());
    }

    /**
     * When a non-urgent message may go out: {@code now}, or the next end of the quiet hours {@code [start, end)} in
     * {@code zone} when now falls inside them; hours may wrap midnight (21:00 to 08:00).
     */
    static Instant quietUntil(Instant now, ZoneId zone, @Nullable String start, @Nullable String end) {
        if (start == null || end == null) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime from = LocalTime.parse(start);
        LocalTime until = LocalTime.parse(end);
        LocalTime time = local.toLocalTime();
        boolean quiet = from.isBefore(until) ? !time.isBefore(from) && time.isBefore(until) : !time.isBefore(from) || time.isBefore(until);
        if (!quiet) {
            return now;
        }
        ZonedDateTime wake = local.with(until);
        return (wake.isAfter(local) ? wake : wake.plusDays(1)).toInstant();
    }

    private boolean firstTime(String mark) {
        return jdbc.sql("INSERT INTO " + TenantContext.require().schemaName() + ".notification_marks (mark) VALUES (?) ON CONFLICT DO NOTHING")
                .param(mark).update() == 1;
    }

}
