package dev.portico.hardening;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portico.portal.Ui;
import dev.portico.support.Browsers;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Stored text is escaped wherever it is rendered. Hostile text goes in through ordinary, valid API calls (a customer's
 * first and last name set by the studio, the studio's own name set in its settings), then:
 * <ul>
 * <li>the email the customer is sent (its HTML part, as rendered from the templates) holds the text HTML-escaped and
 * never as a tag; the plain-text part, which no one renders as HTML, holds it as typed;</li>
 * <li>the portal shows the name as text in a real browser: no element is made of it and no dialog opens.</li>
 * </ul>
 * The calendar feed's side (no line break in stored text starts a property of its own) is
 * {@code IcsCalendarUnitTests.lineBreaksAndControlCharactersInStoredTextCannotAddProperties}.
 *
 * <p>Runs in the browser tests' context; the customer is this class's own and the studio name is put back.
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

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    StudioHttp http;
    String owner;
    String email;
    String customerId;
    String studioName;

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
    }

    @AfterAll
    void putBackWhatChanged() {
        renameStudio(studioName);
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
