package dev.portico.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The harness's own calls to Portico (logins, onboarding, checks), one at a time, to 127.0.0.1 with a studio's
 * {@code Host}. The load itself goes through {@link LoadGenerator}.
 */
final class Http {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final int port;

    Http(HttpClient client, int port) {
        this.client = client;
        this.port = port;
    }

    /** An answer, with its body parsed when it is JSON. */
    record Response(int status, String body, HttpResponse<String> raw) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }

    /** A request to {@code path} on this Portico, for the studio at {@code host} (null: no studio). */
    HttpRequest.Builder request(String host, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT);
        return host == null ? builder : builder.header("Host", host);
    }

    Response get(String host, String path) {
        return send(request(host, path).GET().build());
    }

    Response postJson(String host, String path, String json, String... headers) {
        HttpRequest.Builder builder = request(host, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Fails the phase with the answer in the message unless {@code response} has the {@code expected} status. */
    static Response expect(int expected, Response response, String what) {
        if (response.status() != expected) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + response.status() + " " + abbreviate(response.body()));
        }
        return response;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
