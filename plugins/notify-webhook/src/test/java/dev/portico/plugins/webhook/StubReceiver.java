package dev.portico.plugins.webhook;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A studio's webhook endpoint on a local port: records what it receives and answers as told. */
final class StubReceiver implements AutoCloseable {

    /** One request as the receiver saw it; header names in lower case. */
    record Received(String method, String path, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile Map<String, String> responseHeaders = Map.of();
    private volatile Duration delay = Duration.ZERO;

    StubReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/portico";
    }

    /** Answer every request with {@code status} and these headers. */
    StubReceiver answers(int status, Map<String, String> headers) {
        this.status = status;
        this.responseHeaders = Map.copyOf(headers);
        return this;
    }

    /** Wait this long before answering. */
    StubReceiver delays(Duration delay) {
        this.delay = delay;
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received onlyRequest() {
        if (received.size() != 1) {
            throw new AssertionError("expected one request, got " + received.size());
        }
        return received.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    lowerCase(exchange.getRequestHeaders()), body));
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            responseHeaders.forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> lowerCase(Headers headers) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return lower;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
