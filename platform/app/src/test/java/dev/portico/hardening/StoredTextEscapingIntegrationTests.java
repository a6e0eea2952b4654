package dev.portico.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portico.audit.Actor;
import dev.portico.jobs.Jobs;
import dev.portico.plugins.TenantPlugins;
import dev.portico.portal.Ui;
import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.Browsers;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StripeWebhooks;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stored text is escaped wherever it is rendered. Hostile text goes in through ordinary, valid API calls (a customer's
 * first and last name set by the studio, the studio's own name set in its settings; a service, an instructor, a
 * location and a package of the class's own, and the reason a class is cancelled with), then:
 * <ul>
 * <li>every email a customer is sent holds the text HTML-escaped in its HTML part, which Chromium renders with no
 * element made of it and shows as typed; the plain-text part and the subject, which no one renders as HTML, hold it as
 * typed. Each kind is triggered the way the app sends it: the login link and the login it announces; the booking's
 * confirmation, cancellation, rescheduling and the studio's cancellation of the class with its reason; the reminder
 * and the look for expiring packages, by moving their scheduled job to now; credits running low, by a booking; the
 * payment received and refunded, through pay-stripe against a local stand-in for Stripe and its signed webhook; the late
 * cancellation, at the studio whose policy allows it; and, in Arabic for a customer who reads Arabic, the
 * confirmation, the late cancellation and credits running low;</li>
 * <li>a studio's own HTML template keeps the studio's markup but cannot put a value in unescaped: the admin API refuses
 * {@code {{{name}}}}, {@code {{&name}}} and a change of delimiters in it;</li>
 * <li>the portal shows the name as text in a real browser: no element is made of it and no dialog opens;</li>
 * <li>so do the studio admin's pages: the customer list and page, the deliveries (the confirmation's subject) and the
 * audit log (the service's name in the change recorded).</li>
 * </ul>
 * The calendar feed's side (no line break in stored text starts a property of its own) is
 * {@code IcsCalendarUnitTests.lineBreaksAndControlCharactersInStoredTextCannotAddProperties}.
 *
 * <p>Runs in the browser tests' context, whose demo data the screenshots are taken of: the customers, services,
 * instructors, locations, packages and classes are this class's own (deactivated afterwards, the classes cancelled),
 * and what it changes of the studios (their names, serenity's templates, pay-stripe) is put back.
 */
@DemoStudiosTest
@TestPropertySource(properties = "portico.test.context=browser")
@ExtendWith(HardeningSummary.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredTextEscapingIntegrationTests {

    static final String HOST = "serenity.localhost";
    static final String IRONWORKS = "ironworks.localhost";
    static final String SCRIPT = HostileInputs.SCRIPT;
    static final String IMG = HostileInputs.IMG;
    static final String STUDIO = "Serenity " + SCRIPT;
    static final String IRONWORKS_STUDIO = "Ironworks " + IMG;
    static final String SERVICE = "Flow " + SCRIPT;
    static final String STAFF = "Coach " + IMG;
    static final String LOCATION = "Room " + IMG;
    static final String PRODUCT = "Pack " + IMG;
    static final String REASON = "Sorry: " + SCRIPT;
    static final String WEBHOOK_SECRET = "whsec_escaping_test";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens tokens;

    @Autowired
    Jobs jobs;

    @Autowired
    TenantRegistry registry;

    @Autowired
    TenantPlugins plugins;

    StudioHttp http;
    String owner;
    String ironworksOwner;
    String email;
    String customerId;
    String customer;
    String studioName;
    String ironworksName;
    /** The serenity class's service and its sessions, by start. */
    String service;
    JsonNode sessions;
    /** The class's own catalog objects, to deactivate afterwards. */
    final List<Owned> own = new ArrayList<>();

    record Owned(String host, String token, String path, String id) {}

    @BeforeAll
    void storeHostileText() throws UnknownHostException {
        http = new StudioHttp(port, InetAddress.getByName("127.0.0.78"));
        owner = http.adminToken(HOST, "owner@serenity.example", "serenity-demo");
        ironworksOwner = http.adminToken(IRONWORKS, "owner@ironworks.example", "ironworks-demo");
        email = "escape-" + UUID.randomUUID() + "@example.com";
        customerId = createCustomer(HOST, owner, email, null);
        customer = tokens.issue(Audience.CUSTOMER, "serenity", customerId, Duration.ofMinutes(30),
                Map.of("type", "access", "role", "CUSTOMER")).value();

        studioName = renameStudio(HOST, owner, STUDIO);
        ironworksName = renameStudio(IRONWORKS, ironworksOwner, IRONWORKS_STUDIO);
        bookCancelAndMoveInAClassOfItsOwn();
    }

    @AfterAll
    void putBackWhatChanged() {
        if (studioName != null) {
            renameStudio(HOST, owner, studioName);
        }
        if (ironworksName != null) {
            renameStudio(IRONWORKS, ironworksOwner, ironworksName);
        }
        // The classes first (their rule's deactivation cancels them), then what they were made of.
        own.reversed().forEach(made -> {
            StudioHttp.Response off = http.json("POST", made.host(), made.path() + "/" + made.id() + "/deactivate", made.token(),
                    made.path().endsWith("/customers") ? "{\"reason\":\"escaping test done\"}" : null);
            assertThat(off.status()).as(made.path() + ": " + off.body()).isLessThan(300);
        });
    }

    /**
     * The login email's HTML holds the names escaped, never as markup; its text part holds them as typed. Following
     * its link sends the login's announcement, escaped the same way.
     */
    @Test
    void loginEmailsHoldStoredTextEscapedInHtml() {
        StudioHttp.Response asked = http.json("POST", HOST, "/api/client-portal/auth/request-link", null, "{\"email\":\"" + email + "\"}");
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);

        Map<String, Object> sent = jdbc.sql("SELECT body, html FROM tenant_serenity.outbound_messages WHERE recipient = ? "
                + "AND event = 'auth.login_link' ORDER BY created_at DESC LIMIT 1").param(email).query().singleRow();
        String html = (String) sent.get("html");
        HardeningSummary.check("escaping: rendered email HTML");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("Serenity &lt;script&gt;")
                .doesNotContain(SCRIPT).doesNotContain("<img src=x").doesNotContain("onerror=alert");
        String text = (String) sent.get("body");
        assertThat(text).as("the plain-text part").contains("Hi " + SCRIPT);

        Matcher link = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(text);
        assertThat(link.find()).as(text).isTrue();
        StudioHttp.Response in = http.json("POST", HOST, "/api/client-portal/auth/verify", null, "{\"token\":\"" + link.group(1) + "\"}");
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        inBrowser(page -> assertEmail(page, "tenant_serenity", customerId, "auth.login_succeeded", List.of(), STUDIO));
    }

    /** The portal shows the hostile name and studio name as text: no script runs, no dialog opens, no image is made. */
    @Test
    void thePortalShowsStoredTextAsText() {
        Ui ui = Ui.of("en");
        inBrowser(1280, 800, page -> {
            page.navigate("http://serenity.localhost:" + port + "/portal/");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(STUDIO))).isVisible();

            page.getByLabel(ui.t("login.address")).fill(email);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("login.submit"))).click();
            Locator open = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(ui.t("demo.open")));
            assertThat(open).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
            open.click();

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText(SCRIPT);
            HardeningSummary.check("escaping: portal page in a browser");
            assertNothingMadeOf(page, "portal");
            assertThat((Boolean) page.evaluate("() => document.body.innerHTML.includes('&lt;script&gt;alert(1)')"))
                    .as("the name is in the page as escaped text").isTrue();
        });
    }

    /**
     * The booking emails name the service, instructor and location (the studio's cancellation adds its reason), the
     * credit emails the package: the confirmation, the customer's cancellation, the studio's cancellation of the class,
     * the move to another class, its reminder, credits running low and the package about to expire.
     */
    @Test
    void bookingAndCreditEmailsHoldCatalogNamesAndTheReasonEscapedInHtml() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("booking.confirmed", List.of(SERVICE, STAFF, LOCATION));
        expected.put("booking.cancelled", List.of(SERVICE, STAFF));
        expected.put("session.cancelled", List.of(SERVICE, STAFF, REASON));
        expected.put("booking.rescheduled", List.of(SERVICE, STAFF, LOCATION));
        expected.put("booking.reminder", List.of(SERVICE, STAFF, LOCATION));
        expected.put("credits.low", List.of(PRODUCT));
        expected.put("credits.expiring", List.of(PRODUCT));
        inBrowser(page -> expected.forEach((event, typed) -> assertEmail(page, "tenant_serenity", customerId, event, typed,
                event.startsWith("credits.") ? PRODUCT : SERVICE)));
    }

    /**
     * A visit paid through pay-stripe (against a local stand-in for Stripe, confirmed by its signed webhook) and
     * refunded when the customer cancels: the receipt and the refund name the service, escaped in their HTML.
     */
    @Test
    void paymentEmailsHoldTheServiceNameEscapedInHtml() {
        WireMockServer stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
        Tenant serenity = registry.findBySlug("serenity").orElseThrow();
        try {
            stripe.stubFor(post("/v1/payment_intents").willReturn(stripeJson("""
                    {"id": "pi_escaping", "object": "payment_intent", "amount": 5000, "amount_received": 0,
                     "client_secret": "pi_escaping_secret_abc", "created": 1767225600, "currency": "aed", "description": "Portico",
                     "latest_charge": null, "livemode": false, "metadata": {}, "payment_method_types": ["card"],
                     "status": "requires_payment_method"}
                    """)));
            stripe.stubFor(post("/v1/refunds").willReturn(stripeJson("""
                    {"id": "re_escaping", "object": "refund", "amount": 5000, "created": 1767225600, "currency": "aed",
                     "metadata": {}, "payment_intent": "pi_escaping", "reason": "requested_by_customer", "status": "succeeded"}
                    """)));
            TenantContext.runAs(serenity, () -> plugins.configure("pay-stripe", true, Map.of("secretKey", "sk_test_escaping",
                    "webhookSecret", WEBHOOK_SECRET, "mode", "payment_intent", "apiBaseUrl", "http://127.0.0.1:" + stripe.port()),
                    Actor.system("test")));

            StudioHttp.Response booked = http.json("POST", HOST, "/api/client-portal/appointments", customer, "{\"serviceId\":\"" + service
                    + "\",\"startsAt\":\"" + sessions.get(3).path("startsAt").asString() + "\",\"payWith\":\"pay_per_visit\"}");
            assertThat(booked.status()).as(booked.body()).isEqualTo(201);
            String paymentId = booked.json().path("checkout").path("paymentId").asString();
            String event = """
                    {"id": "evt_%s", "object": "event", "api_version": "2026-07-29.dahlia", "created": %d,
                     "data": {"object": {"id": "pi_escaping", "object": "payment_intent", "amount": 5000, "amount_received": 5000,
                       "client_secret": "pi_escaping_secret_abc", "created": 1767225600, "currency": "aed", "description": "Portico",
                       "latest_charge": null, "livemode": false, "metadata": {"paymentId": "%s", "tenant": "serenity"},
                       "payment_method_types": ["card"], "status": "succeeded"}},
                     "livemode": false, "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null},
                     "type": "payment_intent.succeeded"}
                    """.formatted(paymentId, Instant.now().getEpochSecond(), paymentId);
            StudioHttp.Response paid = http.post(HOST, "/api/webhooks/payments/pay-stripe", event, "Stripe-Signature", stripeSignature(event));
            assertThat(paid.status()).as(paid.body()).isEqualTo(200);

            StudioHttp.Response cancelled = http.json("POST", HOST, "/api/client-portal/appointments/" + booked.json().path("id").asString()
                    + "/cancel", customer, "{}");
            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
            awaitEmail("tenant_serenity", customerId, "payment.refunded");
        } finally {
            TenantContext.runAs(serenity, () -> plugins.configure("pay-stripe", false, Map.of(), Actor.system("test")));
            stripe.stop();
        }
        inBrowser(page -> {
            assertEmail(page, "tenant_serenity", customerId, "payment.received", List.of(SERVICE), null);
            assertEmail(page, "tenant_serenity", customerId, "payment.refunded", List.of(SERVICE), null);
        });
    }

    /**
     * At the other studio, whose late cancellations forfeit the credit, a class of its own whose service's cancel window
     * is a year long: every cancellation is late. A customer who reads Arabic gets the Arabic templates (right to left),
     * and they escape the same: the confirmation, credits running low and the late cancellation. The late cancellation
     * is checked in English too, for a second customer.
     */
    @Test
    void arabicAndLateCancellationEmailsHoldStoredTextEscapedInHtml() {
        String arabic = createCustomer(IRONWORKS, ironworksOwner, "escape-ar-" + UUID.randomUUID() + "@example.com", "ar");
        ClassOfItsOwn late = classOfItsOwn(IRONWORKS, ironworksOwner, arabic, ",\"cancelWindowMinutes\":525600", 60,
                LocalDate.now(ZoneId.of("Europe/London")).plusDays(2), 1);
        String english = createCustomer(IRONWORKS, ironworksOwner, "escape-en-" + UUID.randomUUID() + "@example.com", "en");
        StudioHttp.Response granted = http.json("POST", IRONWORKS, "/api/admin/customers/" + english + "/packages", ironworksOwner,
                "{\"packageProductId\":\"" + late.product() + "\",\"reason\":\"escaping test\"}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        for (String customer : List.of(arabic, english)) {
            String token = tokens.issue(Audience.CUSTOMER, "ironworks", customer, Duration.ofMinutes(10),
                    Map.of("type", "access", "role", "CUSTOMER")).value();
            String booked = book(IRONWORKS, token, late.service(), late.sessions().get(0).path("startsAt").asString(), "credits");
            StudioHttp.Response cancelled = http.json("POST", IRONWORKS, "/api/client-portal/appointments/" + booked + "/cancel", token, "{}");
            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
            assertThat(cancelled.json().path("creditOutcome").asString()).isEqualTo("FORFEITED");
        }

        inBrowser(page -> {
            assertThat((String) assertEmail(page, "tenant_ironworks", english, "booking.late_cancelled", List.of(SERVICE, STAFF), SERVICE)
                    .get("html")).as("the English layout").contains("<html lang=\"en\" dir=\"ltr\">");
            for (String event : List.of("booking.confirmed", "credits.low", "booking.late_cancelled")) {
                boolean credits = event.startsWith("credits.");
                Map<String, Object> sent = assertEmail(page, "tenant_ironworks", arabic, event,
                        credits ? List.of(PRODUCT) : List.of(SERVICE, STAFF), credits ? PRODUCT : SERVICE);
                assertThat((String) sent.get("html")).as(event + ": the Arabic layout").contains("<html lang=\"ar\" dir=\"rtl\">");
                assertThat((String) sent.get("body")).as(event + ": the Arabic text").containsPattern("\\p{IsArabic}{3}");
                assertThat((String) sent.get("subject")).as(event + ": the Arabic subject").containsPattern("\\p{IsArabic}{3}");
            }
        });
    }

    /**
     * A studio's own HTML template is the studio's markup and is kept as written, but the values in it are escaped all
     * the same: the admin API refuses a template that would put one in unescaped, or change the delimiters to hide it.
     */
    @Test
    void aStudiosOwnHtmlTemplateKeepsItsMarkupButEscapesTheValues() {
        StudioHttp.Response before = http.json("GET", HOST, "/api/admin/templates", owner, null);
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        long version = before.json().path("version").asLong();
        try {
            for (String unescaped : List.of("<p>{{{firstName}}}</p>", "<p>{{& firstName}}</p>", "{{=<% %>=}}<p><%{firstName}%></p>")) {
                StudioHttp.Response refused = putTemplates(unescaped, version);
                HardeningSummary.attack("escaping: unescaped value in a studio's HTML template");
                assertThat(refused.status()).as(unescaped + ": " + refused.body()).isEqualTo(400);
                assertThat(refused.body()).as(unescaped).contains("templates.auth.login_link.en.html");
            }

            StudioHttp.Response saved = putTemplates("{{<email}}{{$body}}<p><b class=\"studio\">Welcome back</b>, {{firstName}}</p>"
                    + "<p><a href=\"{{link}}\">Log in</a></p>{{/body}}{{$button}}{{/button}}{{/email}}", version);
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            StudioHttp.Response asked = http.json("POST", HOST, "/api/client-portal/auth/request-link", null, "{\"email\":\"" + email + "\"}");
            assertThat(asked.status()).as(asked.body()).isEqualTo(202);
            inBrowser(page -> {
                Map<String, Object> sent = assertEmail(page, "tenant_serenity", customerId, "auth.login_link", List.of(), STUDIO);
                assertThat((String) sent.get("html")).as("the studio's own markup").contains("<b class=\"studio\">Welcome back</b>");
                assertThat(page.locator("b.studio").count()).isEqualTo(1);
            });
        } finally {
            long current = http.json("GET", HOST, "/api/admin/templates", owner, null).json().path("version").asLong();
            StudioHttp.Response back = http.json("PUT", HOST, "/api/admin/templates", owner, "{\"templates\":"
                    + before.json().path("templates") + ",\"version\":" + current + "}");
            assertThat(back.status()).as(back.body()).isEqualTo(200);
        }
    }

    /**
     * The admin's pages show stored text as text: the customer's name in the list and on their page, the package's
     * name there, the confirmation's subject among the deliveries and the service's name in the audit log.
     */
    @Test
    void theAdminPagesShowStoredTextAsText() {
        Ui ui = Ui.of("en");
        inBrowser(1280, 800, page -> {
            page.navigate("http://serenity.localhost:" + port + "/admin/customers");
            page.getByLabel(ui.t("admin.login.email"), new Page.GetByLabelOptions().setExact(true)).fill("owner@serenity.example");
            page.getByLabel(ui.t("admin.login.password"), new Page.GetByLabelOptions().setExact(true)).fill("serenity-demo");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.login.submit"))).click();

            page.getByLabel(ui.t("admin.customers.search")).fill(email);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.customers.find"))).click();
            Locator name = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(SCRIPT + " " + IMG));
            assertThat(name).isVisible();
            assertNothingMadeOf(page, "customer list");
            name.click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText(SCRIPT + " " + IMG);
            assertThat(page.locator("table tbody tr").first()).containsText(PRODUCT);
            assertNothingMadeOf(page, "customer page");

            Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName(ui.t("admin.nav.label")));
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.t("admin.nav.notifications"))).click();
            page.getByLabel(ui.t("admin.audit.customerId"), new Page.GetByLabelOptions().setExact(true)).fill(customerId);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.list.apply"))).click();
            assertThat(page.locator("table tbody")).containsText("Booked: " + SERVICE);
            assertNothingMadeOf(page, "deliveries");

            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.t("admin.nav.audit"))).click();
            page.getByLabel(ui.t("admin.audit.action"), new Page.GetByLabelOptions().setExact(true)).fill("service.created");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.list.apply"))).click();
            assertThat(page.locator("table tbody tr").first()).containsText(service);
            assertThat(page.locator("table tbody tr").first()).containsText(SERVICE);
            assertNothingMadeOf(page, "audit log");

            HardeningSummary.check("escaping: admin pages in a browser");
        });
    }

    /** No image, script or event handler made of the hostile text on the page as it stands. */
    private static void assertNothingMadeOf(Page page, String where) {
        assertThat(page.locator("img[src='x'], [onerror]").count()).as(where + ": elements made of stored text").isZero();
        assertThat(page.locator("script:not([src])").allTextContents()).as(where + ": inline scripts").noneMatch(s -> s.contains("alert(1)"));
    }

    /** Runs {@code check} with a page of its own in Chromium; no dialog may open meanwhile. */
    private static void inBrowser(Consumer<Page> check) {
        inBrowser(800, 600, check);
    }

    private static void inBrowser(int width, int height, Consumer<Page> check) {
        BrowserContext context = Browsers.newContext(width, height, "en-GB");
        try {
            Page page = context.newPage();
            List<String> dialogs = new ArrayList<>();
            page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });
            check.accept(page);
            assertThat(dialogs).as("dialogs opened by stored text").isEmpty();
        } finally {
            context.close();
        }
    }

    /**
     * The newest email of {@code event} to the customer: its HTML part never holds the stored text raw (the customer's
     * first name and the studio's name, which every email shows, and {@code typed}), and Chromium, rendering it, makes
     * no element of them and shows them as typed; its text part holds them as typed, and so does its subject
     * {@code inSubject} when given. Returns the email.
     */
    private Map<String, Object> assertEmail(Page page, String schema, String recipient, String event, List<String> typed,
            @Nullable String inSubject) {
        Map<String, Object> email = jdbc.sql("SELECT subject, body, html FROM " + schema + ".outbound_messages "
                + "WHERE customer_id = ?::uuid AND event = ? AND kind = 'EMAIL' ORDER BY created_at DESC LIMIT 1")
                .param(recipient).param(event).query().singleRow();
        String html = (String) email.get("html");
        List<String> all = new ArrayList<>(typed);
        all.add(SCRIPT);
        all.add(schema.equals("tenant_serenity") ? STUDIO : IRONWORKS_STUDIO);
        HardeningSummary.check("escaping: email HTML (" + event + (html.contains("<html lang=\"ar\"") ? ", ar" : "") + ")");
        for (String text : all) {
            assertThat(html).as(event + ": the HTML part never holds the raw text").doesNotContain(text);
            assertThat((String) email.get("body")).as(event + ": the text part holds it as typed").contains(text);
        }
        assertThat(html).as(event).doesNotContain("<script").doesNotContain("<img").doesNotContain("onerror=");
        if (inSubject != null) {
            assertThat((String) email.get("subject")).as(event + ": the subject holds it as typed").contains(inSubject);
        }

        page.setContent(html);
        assertThat(page.locator("img, script, [onerror]").count()).as(event + ": elements made of stored text").isZero();
        String shown = (String) page.evaluate("() => document.body.innerText");
        assertThat(all).as(event + ": shown as typed").allMatch(shown::contains);
        return email;
    }

    private void awaitEmail(String schema, String recipient, String event) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.sql("SELECT count(*) FROM " + schema
                + ".outbound_messages WHERE customer_id = ?::uuid AND event = ? AND kind = 'EMAIL'").param(recipient).param(event)
                .query(Long.class).single() > 0);
    }

    /**
     * A class of its own in serenity with hostile names, and a package of 3 credits valid 6 days granted to this class's
     * customer; four sessions from the day after tomorrow. The customer books the first (the package drops to the
     * threshold: credits low) and cancels it, books the second, which the studio cancels with a hostile reason, then
     * books the first again and moves it to the third. The move's reminder and the hourly look for expiring packages
     * are then run at once, by moving their jobs to now. The look runs for every studio, but no package of the demo's
     * customers expires within the week, so it tells only this class's customer.
     */
    private void bookCancelAndMoveInAClassOfItsOwn() {
        ClassOfItsOwn serenity = classOfItsOwn(HOST, owner, customerId, ",\"priceMinor\":5000,\"payPerVisitAllowed\":true", 6,
                LocalDate.now(ZoneId.of("Asia/Dubai")).plusDays(2), 4);
        service = serenity.service();
        sessions = serenity.sessions();

        String first = book(HOST, customer, service, sessions.get(0).path("startsAt").asString(), "credits");
        StudioHttp.Response cancelled = http.json("POST", HOST, "/api/client-portal/appointments/" + first + "/cancel", customer,
                "{\"reason\":" + HostileInputs.quote(REASON) + "}");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);

        book(HOST, customer, service, sessions.get(1).path("startsAt").asString(), "credits");
        StudioHttp.Response called = http.json("POST", HOST, "/api/admin/schedule/sessions/" + sessions.get(1).path("id").asString()
                + "/cancel", owner, "{\"reason\":" + HostileInputs.quote(REASON) + "}");
        assertThat(called.status()).as(called.body()).isEqualTo(200);

        String moving = book(HOST, customer, service, sessions.get(0).path("startsAt").asString(), "credits");
        String to = sessions.get(2).path("startsAt").asString();
        StudioHttp.Response moved = http.json("POST", HOST, "/api/client-portal/appointments/" + moving + "/reschedule", customer,
                "{\"startsAt\":\"" + to + "\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);

        TaskInstanceId reminder = TaskInstanceId.of("appointment-reminder",
                "serenity:" + moving + ":" + OffsetDateTime.parse(to).toEpochSecond());
        assertThat(jobs.client().getScheduledExecution(reminder)).as("the moved booking's reminder").isPresent();
        jobs.client().reschedule(reminder, Instant.now());
        jobs.client().reschedule(TaskInstanceId.of("credits-expiring", "recurring"), Instant.now());
        // Scheduling a job that is already there changes nothing, but one due now wakes the runner before its next poll.
        jobs.schedule(new TaskInstance<>("credits-expiring", "recurring"), Instant.now());
        awaitEmail("tenant_serenity", customerId, "booking.reminder");
        awaitEmail("tenant_serenity", customerId, "credits.expiring");
    }

    record ClassOfItsOwn(String service, String product, JsonNode sessions) {}

    /**
     * A location, an instructor, a service (with {@code serviceExtra} in its body) and a package product of 3 credits
     * (off sale, so no customer of the demo is offered it) with hostile names, the package granted to {@code grantee};
     * a class every day at 10:00 from {@code day} for {@code days} days.
     */
    private ClassOfItsOwn classOfItsOwn(String host, String token, String grantee, String serviceExtra, int validityDays,
            LocalDate day, int days) {
        String location = create(host, token, "/api/admin/locations", "{\"name\":" + HostileInputs.quote(LOCATION) + "}", "id");
        String staff = create(host, token, "/api/admin/staff", "{\"firstName\":\"Coach\",\"displayName\":" + HostileInputs.quote(STAFF) + "}", "id");
        String service = create(host, token, "/api/admin/services", "{\"name\":" + HostileInputs.quote(SERVICE)
                + ",\"kind\":\"CLASS\",\"durationMinutes\":60,\"capacity\":5,\"staffIds\":[\"" + staff + "\"]" + serviceExtra + "}", "id");
        String product = create(host, token, "/api/admin/package-products", "{\"name\":" + HostileInputs.quote(PRODUCT)
                + ",\"credits\":3,\"validityDays\":" + validityDays + ",\"priceMinor\":1000,\"onSale\":false,\"serviceIds\":[\"" + service + "\"]}", "id");
        String rule = create(host, token, "/api/admin/schedule", "{\"serviceId\":\"" + service + "\",\"staffId\":\"" + staff + "\",\"locationId\":\""
                + location + "\",\"weekdays\":[1,2,3,4,5,6,7],\"startTime\":\"10:00\",\"from\":\"" + day + "\",\"until\":\""
                + day.plusDays(days - 1) + "\",\"capacity\":5}", "rule");
        StudioHttp.Response granted = http.json("POST", host, "/api/admin/customers/" + grantee + "/packages", token,
                "{\"packageProductId\":\"" + product + "\",\"reason\":\"escaping test\"}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);

        StudioHttp.Response listed = http.json("GET", host, "/api/admin/schedule/sessions?ruleId=" + rule, token, null);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().path("items").size()).as(listed.body()).isEqualTo(days);
        return new ClassOfItsOwn(service, product, listed.json().path("items"));
    }

    /** A customer of the class's own, named with hostile text by the studio; deactivated afterwards. */
    private String createCustomer(String host, String token, String address, @Nullable String locale) {
        StudioHttp.Response created = http.json("POST", host, "/api/admin/customers", token,
                "{\"firstName\":" + HostileInputs.quote(SCRIPT) + ",\"lastName\":" + HostileInputs.quote(IMG)
                        + ",\"email\":\"" + address + "\"" + (locale == null ? "" : ",\"locale\":\"" + locale + "\"") + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("firstName").asString()).as("stored as typed").isEqualTo(SCRIPT);
        String id = created.json().path("id").asString();
        own.add(new Owned(host, token, "/api/admin/customers", id));
        return id;
    }

    private String create(String host, String token, String path, String body, String field) {
        StudioHttp.Response created = http.json("POST", host, path, token, body);
        assertThat(created.status()).as(path + ": " + created.body()).isEqualTo(201);
        JsonNode made = field.equals("id") ? created.json() : created.json().path(field);
        own.add(new Owned(host, token, path, made.path("id").asString()));
        return made.path("id").asString();
    }

    private String book(String host, String token, String service, String startsAt, String payWith) {
        StudioHttp.Response booked = http.json("POST", host, "/api/client-portal/appointments", token,
                "{\"serviceId\":\"" + service + "\",\"startsAt\":\"" + startsAt + "\",\"payWith\":\"" + payWith + "\"}");
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        return booked.json().path("id").asString();
    }

    /** Sets the studio's name through its admin settings; returns the name it had. */
    private String renameStudio(String host, String token, String name) {
        StudioHttp.Response settings = http.json("GET", host, "/api/admin/settings", token, null);
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        String before = settings.json().path("name").asString();
        ObjectNode changed = (ObjectNode) settings.json();
        changed.put("name", name);
        StudioHttp.Response put = http.json("PUT", host, "/api/admin/settings", token, changed.toString());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        return before;
    }

    /** Serenity's templates: an override of the login link's HTML in English, and nothing else. */
    private StudioHttp.Response putTemplates(String html, long version) {
        return http.json("PUT", HOST, "/api/admin/templates", owner, "{\"templates\":{\"auth.login_link\":{\"en\":{\"html\":"
                + HostileInputs.quote(html) + "}}},\"version\":" + version + "}");
    }

    private static String stripeSignature(String body) {
        return StripeWebhooks.signature(WEBHOOK_SECRET, body);
    }

    private static ResponseDefinitionBuilder stripeJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withHeader("Request-Id", "req_escaping").withBody(body);
    }
}
