package dev.portico.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.support.StudioHttp;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** A customer's side of the login flow over real HTTP, reading links from the studio's dev inbox. */
final class PortalLogin {

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");
    private static final Pattern COOKIE = Pattern.compile("__Host-portalRefreshToken=([^;]*)");

    private final StudioHttp http;

    PortalLogin(StudioHttp http) {
        this.http = http;
    }

    StudioHttp.Response requestLink(String host, String json) {
        return http.post(host, "/api/client-portal/auth/request-link", json);
    }

    /** Asks for an email link and waits for it in the dev inbox; returns the newest link's token. */
    String emailLinkToken(String host, String email) {
        int before = inbox(host, email).size();
        assertThat(requestLink(host, "{\"email\":\"" + email + "\"}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> inbox(host, email).size() > before);
        return tokenIn(inbox(host, email).get(0).path("link").asString());
    }

    JsonNode inbox(String host, String to) {
        return http.get(host, "/api/dev/inbox?to=" + to.replace("+", "%2B")).json().path("items");
    }

    StudioHttp.Response verify(String host, String token) {
        return http.post(host, "/api/client-portal/auth/verify", "{\"token\":\"" + token + "\"}");
    }

    StudioHttp.Response refresh(String host, String cookie) {
        return http.post(host, "/api/client-portal/auth/refresh", null,
                "Cookie", "__Host-portalRefreshToken=" + cookie, "X-Requested-With", "portal");
    }

    StudioHttp.Response logout(String host, String cookie) {
        return http.post(host, "/api/client-portal/auth/logout", null,
                "Cookie", "__Host-portalRefreshToken=" + cookie, "X-Requested-With", "portal");
    }

    StudioHttp.Response me(String host, String accessToken) {
        return http.json("GET", host, "/api/client-portal/me", accessToken, null);
    }

    static String tokenIn(String link) {
        Matcher matcher = TOKEN.matcher(link);
        assertThat(matcher.find()).as("a token in " + link).isTrue();
        return matcher.group(1);
    }

    static String cookieIn(StudioHttp.Response response) {
        Matcher matcher = COOKIE.matcher(response.header("Set-Cookie"));
        assertThat(matcher.find()).as("a refresh cookie in " + response.header("Set-Cookie")).isTrue();
        return matcher.group(1);
    }
}
