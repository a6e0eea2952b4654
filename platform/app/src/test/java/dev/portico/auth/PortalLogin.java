package dev.portico.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.support.StudioHttp;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
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

    /**
     * Asks for an email link and waits for it in the dev inbox; returns its token. Other mail (such as the notice
     * of a new login) lands in the same inbox, so it waits for a link it has not seen before.
     */
    String emailLinkToken(String host, String email) {
        Set<String> seen = links(host, email);
        assertThat(requestLink(host, "{\"email\":\"" + email + "\"}").status()).isEqualTo(202);
        String link = await().atMost(Duration.ofSeconds(15)).until(
                () -> links(host, email).stream().filter(l -> !seen.contains(l)).findFirst().orElse(null), java.util.Objects::nonNull);
        return tokenIn(link);
    }

    private Set<String> links(String host, String email) {
        Set<String> links = new HashSet<>();
        inbox(host, email).forEach(message -> {
            if (!message.path("link").isMissingNode() && !message.path("link").isNull() && !message.path("link").asString().isEmpty()) {
                links.add(message.path("link").asString());
            }
        });
        return links;
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
