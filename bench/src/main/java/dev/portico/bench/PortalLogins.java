package dev.portico.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Customer logins through the real magic-link flow, as the portal does them: {@code POST /auth/request-link}, the
 * link read from the dev inbox (delivered by the job runner, as a real channel would be), {@code POST /auth/verify}
 * for an access token and the refresh cookie, and {@code POST /auth/refresh} with that cookie.
 */
final class PortalLogins {

    /** The dev inbox lists an address's newest 50 messages; a batch of links must fit in it. */
    static final int BATCH = 40;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");
    private static final Pattern COOKIE = Pattern.compile("__Host-portalRefreshToken=([^;]*)");

    private final Http http;

    PortalLogins(Http http) {
        this.http = http;
    }

    /** A logged-in customer: the access token, and the refresh cookie's value. */
    record Session(String accessToken, String refreshCookie) {}

    /** Logs the benchmark customer in at the studio on {@code host}. */
    Session login(String host) {
        return verify(host, requestLinks(host, 1).getFirst(), null);
    }

    /**
     * Times {@code samples} verifications of fresh links, one after another, each from sending {@code POST /verify} to
     * its answer; returns the last session.
     */
    Session timeVerify(String host, int samples, Histogram latencies) {
        @Nullable Session last = null;
        for (int done = 0; done < samples; done += BATCH) {
            for (String token : requestLinks(host, Math.min(BATCH, samples - done))) {
                last = verify(host, token, latencies);
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("no verification samples asked for");
        }
        return last;
    }

    /** Times {@code samples} refreshes in a chain, each with the cookie the one before it rotated in. */
    void timeRefresh(String host, Session session, int samples, Histogram latencies) {
        String cookie = session.refreshCookie();
        for (int i = 0; i < samples; i++) {
            long started = System.nanoTime();
            Http.Response refreshed = http.postJson(host, "/api/client-portal/auth/refresh", "",
                    "Cookie", "__Host-portalRefreshToken=" + cookie, "X-Requested-With", "portal");
            Latency.record(latencies, System.nanoTime() - started);
            cookie = cookie(Http.expect(200, refreshed, "refresh at " + host));
        }
    }

    private Session verify(String host, String token, @Nullable Histogram latencies) {
        long started = System.nanoTime();
        Http.Response verified = http.postJson(host, "/api/client-portal/auth/verify", "{\"token\":\"" + token + "\"}");
        if (latencies != null) {
            Latency.record(latencies, System.nanoTime() - started);
        }
        Http.expect(200, verified, "verify at " + host);
        return new Session(verified.json().path("accessToken").asString(), cookie(verified));
    }

    /** Asks for {@code count} links and returns their tokens once the job runner has delivered them all. */
    private List<String> requestLinks(String host, int count) {
        Set<String> before = new HashSet<>(linksInInbox(host));
        for (int i = 0; i < count; i++) {
            Http.expect(202, http.postJson(host, "/api/client-portal/auth/request-link", "{\"email\":\"" + BenchStudios.EMAIL + "\"}"),
                    "request-link at " + host);
        }
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (true) {
            List<String> fresh = linksInInbox(host).stream().filter(link -> !before.contains(link)).toList();
            if (fresh.size() >= count) {
                return fresh.stream().limit(count).map(PortalLogins::token).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(count + " login links asked for at " + host + ", " + fresh.size()
                        + " delivered within " + DELIVERY_TIMEOUT.toSeconds() + " s");
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private List<String> linksInInbox(String host) {
        JsonNode inbox = Http.expect(200, http.get(host, "/api/dev/inbox?to=" + BenchStudios.EMAIL), "dev inbox at " + host).json();
        List<String> links = new ArrayList<>();
        for (JsonNode message : inbox.path("items")) {
            String link = message.path("link").asString("");
            if (!link.isEmpty()) {
                links.add(link);
            }
        }
        return links;
    }

    private static String token(String link) {
        Matcher matcher = TOKEN.matcher(link);
        if (!matcher.find()) {
            throw new IllegalStateException("no token in " + link);
        }
        return matcher.group(1);
    }

    private static String cookie(Http.Response response) {
        for (String header : response.raw().headers().allValues("Set-Cookie")) {
            Matcher matcher = COOKIE.matcher(header);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new IllegalStateException("no refresh cookie in the answer");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
