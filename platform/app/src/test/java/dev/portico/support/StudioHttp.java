package dev.portico.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP against a running Portico, addressing a studio by its {@code Host} the way a browser does
 * ({@code serenity.localhost:PORT} resolves to 127.0.0.1).
 */
public final class StudioHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final int port;

    public StudioHttp(int port) {
        this.port = port;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * A client that connects from {@code from}, another loopback address such as {@code 127.0.0.23}: the app then sees
     * another client IP, with rate-limit buckets of its own.
     */
    public StudioHttp(int port, java.net.InetAddress from) {
        this.port = port;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).localAddress(from).build();
    }

    /** A response with its body parsed as JSON when it is JSON. */
    public record Response(int status, String contentType, String body, JsonNode json, java.net.http.HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    /** GET {@code path} on the host {@code host} (e.g. {@code serenity.localhost}). */
    public Response get(String host, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Host", host)
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build();
        return send(request);
    }

    /** A JSON request with an optional bearer token. */
    public Response json(String method, String host, String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Host", host)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    /** A request to {@code host} with extra headers, e.g. cookies and CSRF headers. */
    public Response post(String host, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Host", host)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** Logs in as a studio admin and returns the access token. */
    public String adminToken(String host, String email, String password) {
        Response login = json("POST", host, "/api/admin/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (login.status() != 200) {
            throw new AssertionError("admin login failed: " + login.status() + " " + login.body());
        }
        return login.json().path("accessToken").asString();
    }

    /** Any request, sent to 127.0.0.1 on the app's port. */
    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = contentType.contains("json") && !response.body().isEmpty()
                    ? JSON.readTree(response.body()) : JSON.missingNode();
            return new Response(response.statusCode(), contentType, response.body(), json, response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
