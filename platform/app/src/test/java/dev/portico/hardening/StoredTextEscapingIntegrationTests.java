package dev.portico.hardening;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portico.portal.Ui;
import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.Browsers;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * <li>the emails the customer is sent (the login link; the booking's confirmation, its cancellation, and the studio's
 * cancellation of the class with its reason) hold the text HTML-escaped in their HTML part, which Chromium renders
 * with no element made of it; the plain-text part and the subject, which no one renders as HTML, hold it as typed;</li>
 * <li>the portal shows the name as text in a real browser: no element is made of it and no dialog opens;</li>
 * <li>so do the studio admin's pages: the customer list and page, the deliveries (the confirmation's subject) and the
 * audit log (the service's name in the change recorded).</li>
 * </ul>
 * The calendar feed's side (no line break in stored text starts a property of its own) is
 * {@code IcsCalendarUnitTests.lineBreaksAndControlCharactersInStoredTextCannotAddProperties}.
 *
 * <p>Runs in the browser tests' context, whose demo data the screenshots are taken of: the customer, service,
 * instructor, location, package and classes are this class's own (deactivated afterwards, the classes cancelled) and
 * the studio name is put back.
 */
@DemoStudiosTest
@TestPropertySource(properties = "portico.test.context=browser")
@ExtendWith(HardeningSummary.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredTextEscapingIntegrationTests {

    static final String HOST = "serenity.localhost";
    static final String SCRIPT = HostileInputs.SCRIPT;
    static final String IMG = HostileInputs.IMG;
    static final String STUDIO = "Serenity " + SCRIPT;
    static final String SERVICE = "Flow " + SCRIPT;
    static final String STAFF = "Coach " + IMG;
    static final String LOCATION = "Room " + IMG;
    static final String PRODUCT = "Pack " + IMG;
    static final String REASON = "Sorry: " + SCRIPT;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens tokens;

    StudioHttp http;
    String owner;
    String email;
    String customerId;
    String studioName;
    /** The class's own catalog objects, by kind, to deactivate afterwards. */
    final LinkedHashMap<String, String> own = new LinkedHashMap<>();

    @BeforeAll
    void storeHostileText() throws UnknownHostException {
        http = new StudioHttp(port, InetAddress.getByName("127.0.0.78"));
        owner = http.adminToken(HOST, "owner@serenity.example", "serenity-demo");
        email = "escape-" + UUID.randomUUID() + "@example.com";
        StudioHttp.Response created = http.json("POST", HOST, "/api/admin/customers", owner,
                "{\"firstName\":" + HostileInputs.quote(SCRIPT) + ",\"lastName\":" + HostileInputs.quote(IMG)
                        + ",\"email\":\"" + email + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        customerId = created.json().path("id").asString();
        assertThat(created.json().path("firstName").asString()).as("stored as typed").isEqualTo(SCRIPT);

        studioName = renameStudio(STUDIO);
        bookAndCancelAClassOfItsOwn();
    }

    @AfterAll
    void putBackWhatChanged() {
        renameStudio(studioName);
        // The classes first (their rule's deactivation cancels them), then what they were made of.
        own.reversed().forEach((path, id) -> {
            StudioHttp.Response off = http.json("POST", HOST, path + "/" + id + "/deactivate", owner, null);
            assertThat(off.status()).as(path + ": " + off.body()).isLessThan(300);
        });
        StudioHttp.Response gone = http.json("POST", HOST, "/api/admin/customers/" + customerId + "/deactivate", owner,
                "{\"reason\":\"escaping test done\"}");
        assertThat(gone.status()).as(gone.body()).isLessThan(300);
    }

    /** The login email's HTML holds the names escaped, never as markup; its text part holds them as typed. */
    @Test
    void emailsHoldStoredTextEscapedInHtml() {
        StudioHttp.Response asked = http.json("POST", HOST, "/api/client-portal/auth/request-link", null, "{\"email\":\"" + email + "\"}");
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);

        String html = jdbc.sql("SELECT html FROM tenant_serenity.outbound_messages WHERE recipient = ? AND event = 'auth.login_link' "
                + "ORDER BY created_at DESC LIMIT 1").param(email).query(String.class).single();
        HardeningSummary.check("escaping: rendered email HTML");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("Serenity &lt;script&gt;")
                .doesNotContain(SCRIPT).doesNotContain("<img src=x").doesNotContain("onerror=alert");

        StudioHttp.Response inbox = http.get(HOST, "/api/dev/inbox?to=" + email);
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.json().path("items").get(0).path("body").asString()).as("the plain-text part").contains("Hi " + SCRIPT);
    }

    /** The portal shows the hostile name and studio name as text: no script runs, no dialog opens, no image is made. */
    @Test
    void thePortalShowsStoredTextAsText() {
        Ui ui = Ui.of("en");
        BrowserContext context = Browsers.newContext(1280, 800, "en-GB");
        try {
            Page page = context.newPage();
            List<String> dialogs = new ArrayList<>();
            page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });
            page.navigate("http://serenity.localhost:" + port + "/portal/");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(STUDIO))).isVisible();

            page.getByLabel(ui.t("login.address")).fill(email);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("login.submit"))).click();
            Locator open = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(ui.t("demo.open")));
            assertThat(open).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
            open.click();

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText(SCRIPT);
            HardeningSummary.check("escaping: portal page in a browser");
            assertThat(dialogs).as("dialogs opened by stored text").isEmpty();
            assertThat(page.locator("img[src='x']").count()).as("images made from stored text").isZero();
            assertThat(page.locator("script:not([src])").allTextContents()).as("inline scripts").noneMatch(s -> s.contains("alert(1)"));
            assertThat((Boolean) page.evaluate("() => document.body.innerHTML.includes('&lt;script&gt;alert(1)')"))
                    .as("the name is in the page as escaped text").isTrue();
        } finally {
            context.close();
        }
    }

    /**
     * The booking emails: the confirmation and the customer's cancellation name the service, instructor and location;
     * the studio's cancellation of the class adds its reason. Each HTML part holds them escaped (Chromium, rendering
     * it, makes no element of them and shows them as typed); each text part and subject holds them as typed.
     */
    @Test
    void bookingEmailsHoldCatalogNamesAndTheReasonEscapedInHtml() {
        Map<String, List<String>> expected = Map.of(
                "booking.confirmed", List.of(SERVICE, STAFF, LOCATION),
                "booking.cancelled", List.of(SERVICE, STAFF),
                "session.cancelled", List.of(SERVICE, STAFF, REASON));
        BrowserContext context = Browsers.newContext(800, 600, "en-GB");
        try {
            Page page = context.newPage();
            List<String> dialogs = new ArrayList<>();
            page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });
            expected.forEach((event, typed) -> {
                Map<String, Object> email = jdbc.sql("SELECT subject, body, html FROM tenant_serenity.outbound_messages "
                        + "WHERE customer_id = ?::uuid AND event = ? AND kind = 'EMAIL' ORDER BY created_at DESC LIMIT 1")
                        .param(customerId).param(event).query().singleRow();
                String html = (String) email.get("html");
                HardeningSummary.check("escaping: booking email HTML (" + event + ")");
                for (String text : typed) {
                    assertThat(html).as(event + ": the HTML part never holds the raw text").doesNotContain(text);
                    assertThat((String) email.get("body")).as(event + ": the text part holds it as typed").contains(text);
                }
                assertThat(html).as(event).doesNotContain("<script").doesNotContain("<img");
                assertThat((String) email.get("subject")).as(event + ": the subject holds it as typed").contains(SERVICE);

                page.setContent(html);
                assertThat(page.locator("img, script, [onerror]").count()).as(event + ": elements made of stored text").isZero();
                String shown = (String) page.evaluate("() => document.body.innerText");
                assertThat(typed).as(event + ": shown as typed").allMatch(shown::contains);
            });
            assertThat(dialogs).as("dialogs opened by the emails").isEmpty();
        } finally {
            context.close();
        }
    }

    /**
     * The admin's pages show stored text as text: the customer's name in the list and on their page, the package's
     * name there, the confirmation's subject among the deliveries and the service's name in the audit log.
     */
    @Test
    void theAdminPagesShowStoredTextAsText() {
        Ui ui = Ui.of("en");
        BrowserContext context = Browsers.newContext(1280, 800, "en-GB");
        try {
            Page page = context.newPage();
            List<String> dialogs = new ArrayList<>();
            page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });
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
            assertThat(page.locator("table tbody tr").first()).containsText(own.get("/api/admin/services"));
            assertThat(page.locator("table tbody tr").first()).containsText(SERVICE);
            assertNothingMadeOf(page, "audit log");

            HardeningSummary.check("escaping: admin pages in a browser");
            assertThat(dialogs).as("dialogs opened by stored text").isEmpty();
        } finally {
            context.close();
        }
    }

    /** No image, script or event handler made of the hostile text on the page as it stands. */
    private static void assertNothingMadeOf(Page page, String where) {
        assertThat(page.locator("img[src='x'], [onerror]").count()).as(where + ": elements made of stored text").isZero();
        assertThat(page.locator("script:not([src])").allTextContents()).as(where + ": inline scripts").noneMatch(s -> s.contains("alert(1)"));
    }

    /**
     * A class of its own, in the browser tests' studio, with hostile names: a location, an instructor, a service and a
     * package product (off sale, so no customer of the demo is offered it) granted to this class's customer; two
     * sessions of it. The customer books the first and cancels it, books the second, and the studio cancels that
     * session with a hostile reason: the three booking emails are queued.
     */
    private void bookAndCancelAClassOfItsOwn() {
        String location = create("/api/admin/locations", "{\"name\":" + HostileInputs.quote(LOCATION) + "}", "id");
        String staff = create("/api/admin/staff", "{\"firstName\":\"Coach\",\"displayName\":" + HostileInputs.quote(STAFF) + "}", "id");
        String service = create("/api/admin/services", "{\"name\":" + HostileInputs.quote(SERVICE)
                + ",\"kind\":\"CLASS\",\"durationMinutes\":60,\"capacity\":5,\"staffIds\":[\"" + staff + "\"]}", "id");
        String product = create("/api/admin/package-products", "{\"name\":" + HostileInputs.quote(PRODUCT)
                + ",\"credits\":5,\"validityDays\":60,\"priceMinor\":1000,\"onSale\":false,\"serviceIds\":[\"" + service + "\"]}", "id");
        LocalDate day = LocalDate.now().plusDays(10);
        String rule = create("/api/admin/schedule", "{\"serviceId\":\"" + service + "\",\"staffId\":\"" + staff + "\",\"locationId\":\""
                + location + "\",\"weekdays\":[1,2,3,4,5,6,7],\"startTime\":\"10:00\",\"from\":\"" + day + "\",\"until\":\""
                + day.plusDays(1) + "\",\"capacity\":5}", "rule");
        StudioHttp.Response granted = http.json("POST", HOST, "/api/admin/customers/" + customerId + "/packages", owner,
                "{\"packageProductId\":\"" + product + "\",\"reason\":\"escaping test\"}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);

        StudioHttp.Response sessions = http.json("GET", HOST, "/api/admin/schedule/sessions?ruleId=" + rule, owner, null);
        assertThat(sessions.status()).as(sessions.body()).isEqualTo(200);
        JsonNode items = sessions.json().path("items");
        assertThat(items.size()).as(sessions.body()).isEqualTo(2);
        String customer = tokens.issue(Audience.CUSTOMER, "serenity", customerId, Duration.ofMinutes(10),
                Map.of("type", "access", "role", "CUSTOMER")).value();

        String first = book(customer, service, items.get(0).path("startsAt").asString());
        StudioHttp.Response cancelled = http.json("POST", HOST, "/api/client-portal/appointments/" + first + "/cancel", customer,
                "{\"reason\":" + HostileInputs.quote(REASON) + "}");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);

        book(customer, service, items.get(1).path("startsAt").asString());
        StudioHttp.Response called = http.json("POST", HOST, "/api/admin/schedule/sessions/" + items.get(1).path("id").asString()
                + "/cancel", owner, "{\"reason\":" + HostileInputs.quote(REASON) + "}");
        assertThat(called.status()).as(called.body()).isEqualTo(200);
    }

    private String create(String path, String body, String field) {
        StudioHttp.Response created = http.json("POST", HOST, path, owner, body);
        assertThat(created.status()).as(path + ": " + created.body()).isEqualTo(201);
        JsonNode made = field.equals("id") ? created.json() : created.json().path(field);
        own.put(path, made.path("id").asString());
        return made.path("id").asString();
    }

    private String book(String customer, String service, String startsAt) {
        StudioHttp.Response booked = http.json("POST", HOST, "/api/client-portal/appointments", customer,
                "{\"serviceId\":\"" + service + "\",\"startsAt\":\"" + startsAt + "\",\"payWith\":\"credits\"}");
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        return booked.json().path("id").asString();
    }

    /** Sets the studio's name through its admin settings; returns the name it had. */
    private String renameStudio(String name) {
        StudioHttp.Response settings = http.json("GET", HOST, "/api/admin/settings", owner, null);
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        String before = settings.json().path("name").asString();
        ObjectNode changed = (ObjectNode) settings.json();
        changed.put("name", name);
        StudioHttp.Response put = http.json("PUT", HOST, "/api/admin/settings", owner, changed.toString());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        return before;
    }
}
