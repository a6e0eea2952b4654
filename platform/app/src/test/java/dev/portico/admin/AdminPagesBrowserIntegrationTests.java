package dev.portico.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.portico.support.Accessibility.assertAccessible;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portico.portal.Ui;
import dev.portico.support.Browsers;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The studio admin's pages end to end in Debian's Chromium against the real app: the owner enables and configures
 * a plugin from its settings schema (the secret write-only), which survives a reload (and the new login a reload
 * asks for) and shows in the audit log; the front desk sees plugins read-only, on a phone; a colour changed on the
 * branding page reaches the customers' portal; the owner adds a front-desk account on the Team page and cuts it off
 * again. Every page visited passes an axe-core check.
 */
@DemoStudiosTest
// The browser tests' database; what these tests change they put back (plugins, branding, an added admin account), as
// the portal's tests there look at Serenity's messages and colours.
@TestPropertySource(properties = "portico.test.context=browser")
class AdminPagesBrowserIntegrationTests {

    private static final String OWNER = "owner@serenity.example";
    private static final String DESK = "desk@serenity.example";
    private static final String PASSWORD = "serenity-demo";
    private static final String WEBHOOK = "notify-webhook";
    private static final String HOOK_URL = "https://studio.example/hooks/portico";
    /** A reference the host resolves from its environment; unset here, so the plugin never calls out in tests. */
    private static final String SECRET = "${PORTICO_TEST_WEBHOOK_SECRET}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final Ui ui = Ui.of("en");
    private final List<BrowserContext> contexts = new ArrayList<>();
    private JsonNode brandingBefore;
    /** The account the Team page test adds; removed afterwards, as the API has no way to delete one. */
    private String addedAdmin;

    @AfterEach
    void putBackWhatChanged() {
        contexts.forEach(BrowserContext::close);
        if (addedAdmin != null) {
            jdbc.sql("DELETE FROM platform.admin_users WHERE email = ?").param(addedAdmin).update();
        }
        StudioHttp http = new StudioHttp(port);
        String owner = http.adminToken("serenity.localhost", OWNER, PASSWORD);
        http.json("PUT", "serenity.localhost", "/api/admin/plugins/" + WEBHOOK, owner, "{\"enabled\": false, \"settings\": {}}");
        if (brandingBefore != null) {
            JsonNode now = http.json("GET", "serenity.localhost", "/api/admin/branding", owner, null).json();
            tools.jackson.databind.node.ObjectNode restore = (tools.jackson.databind.node.ObjectNode) brandingBefore.deepCopy();
            restore.remove("packs");
            restore.put("version", now.path("version").asLong());
            StudioHttp.Response restored = http.json("PUT", "serenity.localhost", "/api/admin/branding", owner, restore.toString());
            org.assertj.core.api.Assertions.assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        }
    }

    @Test
    void theOwnerEnablesAPluginWhichStaysEnabledAndIsAudited() {
        Page page = open(1280, 800);

        // Any admin page asks for a login first, and says the login lasts only while the page is open.
        page.navigate(url("/admin/plugins"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ui.t("admin.login.title")))).isVisible();
        assertThat(page.getByText(ui.t("admin.login.memoryOnly"))).isVisible();
        assertAccessible(page, "admin login");
        logIn(page, OWNER);
        assertThat(heading(page)).hasText(ui.t("admin.plugins.title"));
        assertThat(page).hasURL(Pattern.compile("/admin/plugins$"));
        assertAccessible(page, "plugins");

        // Laptop layout: the sidebar.
        Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName(ui.t("admin.nav.label")));
        assertThat(nav).isVisible();
        assertThat(nav.boundingBox().x).isLessThan(100);

        Locator card = plugin(page, WEBHOOK);
        assertThat(enabledSwitch(card)).not().isChecked();
        card.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.t("admin.plugins.settingsOf", "id", WEBHOOK))).click();
        assertThat(heading(page)).hasText(WEBHOOK);
        Locator secret = page.getByLabel(Pattern.compile("^Signing secret"));
        assertThat(page.locator(".field").filter(new Locator.FilterOptions().setHas(secret)))
                .containsText(ui.t("admin.settings.secretNotSet"));

        // Enabling without the required values is refused in place, under each field.
        page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName(ui.t("admin.plugins.enabledLabel"))).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.plugins.save"))).click();
        assertThat(page.getByLabel(Pattern.compile("^URL"))).hasAttribute("aria-invalid", "true");
        assertThat(page.getByText(ui.t("admin.settings.errors.required")).first()).isVisible();
        assertAccessible(page, "plugin settings with errors");

        page.getByLabel(Pattern.compile("^URL")).fill(HOOK_URL);
        secret.fill(SECRET);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.plugins.save"))).click();
        assertThat(status(page, ui.t("admin.plugins.saved", "id", WEBHOOK))).isVisible();
        assertThat(webhookRow()).containsEntry("enabled", true).containsEntry("url", HOOK_URL).containsEntry("signingSecret", SECRET);

        // The secret is write-only: "Set", an empty field, its value nowhere on the page.
        assertThat(page.locator(".field").filter(new Locator.FilterOptions().setHas(secret)))
                .containsText(ui.t("admin.settings.secretSet"));
        assertThat(secret).hasValue("");
        assertThat(page.content()).doesNotContain("PORTICO_TEST_WEBHOOK_SECRET");
        assertThat((String) page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")).doesNotContain("eyJ");

        // A reload forgets the token: log in again, and land back on the plugin, still enabled.
        page.reload();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ui.t("admin.login.title")))).isVisible();
        logIn(page, OWNER);
        assertThat(heading(page)).hasText(WEBHOOK);
        assertThat(page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName(ui.t("admin.plugins.enabledLabel")))).isChecked();
        assertThat(page.getByLabel(Pattern.compile("^URL"))).hasValue(HOOK_URL);
        nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.t("admin.nav.plugins"))).click();
        assertThat(enabledSwitch(plugin(page, WEBHOOK))).isChecked();

        // Saving the unchanged form keeps the stored secret.
        page.navigate(url("/admin/plugins/" + WEBHOOK));
        logIn(page, OWNER);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.plugins.save"))).click();
        assertThat(status(page, ui.t("admin.plugins.saved", "id", WEBHOOK))).isVisible();
        assertThat(webhookRow()).containsEntry("signingSecret", SECRET);

        // The change is in the audit log, newest first, masked.
        nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.t("admin.nav.audit"))).click();
        assertThat(heading(page)).hasText(ui.t("admin.audit.title"));
        page.getByLabel(ui.t("admin.audit.action"), new Page.GetByLabelOptions().setExact(true)).fill("admin.plugin_changed");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.list.apply"))).click();
        Locator newest = page.locator("table tbody tr").first();
        assertThat(newest).containsText("admin.plugin_changed");
        assertThat(newest).containsText("plugin " + WEBHOOK);
        assertThat(newest).containsText("********");
        assertThat(page.locator("table")).not().containsText("PORTICO_TEST_WEBHOOK_SECRET");
        assertAccessible(page, "audit log");

        nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.t("admin.nav.notifications"))).click();
        assertThat(heading(page)).hasText(ui.t("admin.notifications.title"));
        assertThat(page.getByLabel(ui.t("admin.notifications.status"))).isVisible();
        assertAccessible(page, "deliveries");

        // Logging out forgets the token at once.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("nav.logout"))).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ui.t("admin.login.title")))).isVisible();
        page.goBack();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ui.t("admin.login.title")))).isVisible();
    }

    @Test
    void theFrontDeskSeesPluginsReadOnlyOnAPhone() {
        Page page = open(390, 844);
        page.navigate(url("/admin/"));
        logIn(page, DESK);
        assertThat(heading(page)).hasText(ui.t("admin.plugins.title"));
        assertThat(page.getByText(ui.t("admin.plugins.readOnly"))).isVisible();
        assertThat(enabledSwitch(plugin(page, "notify-dev-inbox"))).isChecked();
        assertThat(enabledSwitch(plugin(page, "notify-dev-inbox"))).isDisabled();
        assertAccessible(page, "plugins (front desk, phone)");

        plugin(page, WEBHOOK).getByRole(AriaRole.LINK).click();
        assertThat(page.getByLabel(Pattern.compile("^URL"))).isDisabled();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.plugins.save")))).hasCount(0);

        // Phone layout: the links sit behind the Menu button in the top bar.
        Locator menu = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.nav.menu")));
        Locator audit = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(ui.t("admin.nav.audit")));
        assertThat(audit).isHidden();
        menu.click();
        assertThat(menu).hasAttribute("aria-expanded", "true");
        assertAccessible(page, "menu open (phone)");
        audit.click();
        assertThat(heading(page)).hasText(ui.t("admin.audit.title"));
        assertThat(audit).isHidden();
    }

    @Test
    void aColourChangedOnTheBrandingPageReachesThePortal() {
        StudioHttp http = new StudioHttp(port);
        brandingBefore = http.json("GET", "serenity.localhost", "/api/admin/branding",
                http.adminToken("serenity.localhost", OWNER, PASSWORD), null).json();
        Page page = open(1280, 800);
        page.navigate(url("/admin/branding"));
        logIn(page, OWNER);
        assertThat(heading(page)).hasText(ui.t("admin.branding.title"));
        assertAccessible(page, "branding");

        Locator primary = page.getByLabel(ui.t("admin.branding.tokens.color-primary"), new Page.GetByLabelOptions().setExact(true));
        primary.fill("#8a2be2");
        Locator preview = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(ui.t("admin.branding.preview")));
        assertThat(preview).hasAttribute("style", Pattern.compile("--color-primary:\\s*#8a2be2"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.branding.save"))).click();
        assertThat(status(page, ui.t("admin.branding.saved"))).isVisible();

        page.navigate(url("/portal/"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Serenity Yoga & Pilates"))).isVisible();
        assertThat(((String) page.evaluate("() => getComputedStyle(document.documentElement).getPropertyValue('--color-primary')")).strip())
                .isEqualTo("#8a2be2");
    }

    @Test
    void theFrontDeskFindsACustomerAndGivesHerTwoCredits() {
        String chloesPack = "5e000011-0000-4000-8000-000000000004";
        int before = jdbc.sql("SELECT credits_remaining FROM tenant_serenity.customer_packages WHERE id = ?::uuid")
                .param(chloesPack).query(Integer.class).single();
        Page page = open(1280, 800);
        page.navigate(url("/admin/customers"));
        logIn(page, DESK);
        page.getByLabel(ui.t("admin.customers.search")).fill("Dubois");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.customers.find"))).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Chloé Dubois")).click();
        assertAccessible(page, "customer");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.customers.adjustOf", "name", "Reformer 8-Pack"))).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel(ui.t("admin.adjust.delta"), new Locator.GetByLabelOptions().setExact(true)).fill("2");
        dialog.getByLabel(ui.t("admin.adjust.reason"), new Locator.GetByLabelOptions().setExact(true)).fill("Class cancelled by the studio");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("admin.adjust.confirm"))).click();
        assertThat(status(page, ui.t("admin.customers.adjusted"))).isVisible();

        assertThat(jdbc.sql("SELECT credits_remaining FROM tenant_serenity.customer_packages WHERE id = ?::uuid")
                .param(chloesPack).query(Integer.class).single()).isEqualTo(before + 2);
        assertThat(jdbc.sql("SELECT delta || ' ' || note FROM tenant_serenity.credit_ledger WHERE customer_package_id = ?::uuid ORDER BY id DESC LIMIT 1")
                .param(chloesPack).query(String.class).single()).isEqualTo("2 Class cancelled by the studio");
    }

    @Test
    void theOwnerAddsAFrontDeskAccountAndDeactivatesItWhichEndsItsLogins() {
        String email = "team-" + UUID.randomUUID().toString().substring(0, 8) + "@serenity.example";
        String password = "team-page-" + UUID.randomUUID();
        addedAdmin = email;
        Page page = open(1280, 800);
        page.navigate(url("/admin/team"));
        logIn(page, OWNER);
        assertThat(heading(page)).hasText(ui.t("admin.team.title"));
        Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName(ui.t("admin.nav.label")));
        assertThat(nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.t("admin.nav.team")))).isVisible();
        assertThat(account(page, OWNER)).containsText(ui.t("admin.team.you"));
        assertAccessible(page, "team");

        // Too short a password is refused at its field, before the server is asked.
        Locator emailField = page.getByLabel(ui.t("admin.team.email"), new Page.GetByLabelOptions().setExact(true));
        Locator passwordField = page.getByLabel(ui.t("admin.team.password"), new Page.GetByLabelOptions().setExact(true));
        emailField.fill(email);
        page.getByLabel(ui.t("admin.team.role"), new Page.GetByLabelOptions().setExact(true)).selectOption("FRONT_DESK");
        passwordField.fill("too-short");
        Locator add = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.team.addSubmit")));
        add.click();
        assertThat(passwordField).hasAttribute("aria-invalid", "true");
        assertThat(passwordField).isFocused();
        assertAccessible(page, "team with a field error");

        passwordField.fill(password);
        add.click();
        assertThat(status(page, ui.t("admin.team.added", "email", email))).isVisible();
        Locator row = account(page, email);
        assertThat(row).containsText(ui.t("admin.role.FRONT_DESK"));
        assertThat(row).containsText(ui.t("admin.team.active"));
        assertThat(row).containsText(ui.t("admin.team.never"));
        assertThat(emailField).isFocused();
        assertThat(jdbc.sql("SELECT role || ' ' || active FROM platform.admin_users WHERE email = ?").param(email)
                .query(String.class).single()).isEqualTo("FRONT_DESK true");

        // The new account logs in (in a browser of its own), and is not offered the Team page.
        Page desk = open(1280, 800);
        desk.navigate(url("/admin/customers"));
        logIn(desk, email, password);
        assertThat(heading(desk)).hasText(ui.t("admin.customers.title"));
        Locator deskNav = desk.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName(ui.t("admin.nav.label")));
        assertThat(deskNav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.t("admin.nav.customers")))).isVisible();
        assertThat(deskNav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.t("admin.nav.team")))).hasCount(0);

        // The owner cuts it off; the button, now "Reactivate", keeps the focus.
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("admin.team.deactivateOf", "email", email))).click();
        assertThat(status(page, ui.t("admin.team.deactivated", "email", email))).isVisible();
        assertThat(row).containsText(ui.t("admin.team.inactive"));
        assertThat(row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("admin.team.reactivateOf", "email", email))))
                .isFocused();
        assertAccessible(page, "team after deactivating");

        // Its open session ends on its next request, and its password no longer logs in.
        desk.getByLabel(ui.t("admin.customers.search")).fill("Dubois");
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.customers.find"))).click();
        assertThat(desk.getByText(ui.t("admin.login.expired"))).isVisible();
        desk.getByLabel(ui.t("admin.login.email"), new Page.GetByLabelOptions().setExact(true)).fill(email);
        desk.getByLabel(ui.t("admin.login.password"), new Page.GetByLabelOptions().setExact(true)).fill(password);
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.login.submit"))).click();
        assertThat(desk.getByRole(AriaRole.ALERT)).containsText("do not match");
        assertThat(desk.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ui.t("admin.login.title")))).isVisible();
        assertThat(new StudioHttp(port).json("POST", "serenity.localhost", "/api/admin/auth/login", null,
                "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}").status()).isEqualTo(401);
    }

    private void logIn(Page page, String email) {
        logIn(page, email, PASSWORD);
    }

    private void logIn(Page page, String email, String password) {
        page.getByLabel(ui.t("admin.login.email"), new Page.GetByLabelOptions().setExact(true)).fill(email);
        page.getByLabel(ui.t("admin.login.password"), new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("admin.login.submit"))).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ui.t("admin.login.title")))).hasCount(0);
    }

    private Locator heading(Page page) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
    }

    private Locator account(Page page, String email) {
        return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(email));
    }

    private Locator plugin(Page page, String id) {
        return page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(id).setExact(true));
    }

    private Locator enabledSwitch(Locator card) {
        return card.getByRole(AriaRole.SWITCH, new Locator.GetByRoleOptions().setName(ui.t("admin.plugins.enabled")).setExact(true));
    }

    private Locator status(Page page, String text) {
        return page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText(text));
    }

    private Map<String, Object> webhookRow() {
        return jdbc.sql("""
                SELECT p.enabled, p.settings->>'url' AS url, p.settings->>'signingSecret' AS "signingSecret"
                  FROM platform.tenant_plugins p JOIN platform.tenants t ON t.id = p.tenant_id
                 WHERE t.slug = 'serenity' AND p.plugin_id = ?""").param(WEBHOOK).query().singleRow();
    }

    private Page open(int width, int height) {
        BrowserContext context = Browsers.newContext(width, height, "en-GB");
        contexts.add(context);
        return context.newPage();
    }

    private String url(String path) {
        return "http://serenity.localhost:" + port + path;
    }
}
