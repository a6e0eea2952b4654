package dev.portico.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Clients that hold a connection open without finishing their request, and clients behind a proxy, over raw sockets
 * where the timing matters.
 *
 * <p>The limits are the production ones made short, so the test takes seconds: a connection that sends nothing for
 * {@value #IDLE_SECONDS} seconds is closed ({@code server.tomcat.connection-timeout}), a request's headers must be
 * complete {@value #HEADER_SECONDS} seconds after they started ({@code portico.http.request-header-timeout}) and its
 * body {@value #BODY_SECONDS} seconds after the request started ({@code portico.http.request-body-timeout}). Only
 * {@value #PROXY} counts as a proxy here, so what another address forwards is ignored.
 */
@DemoStudiosTest
@TestPropertySource(properties = {
        "server.tomcat.connection-timeout=" + SlowClientsAndProxiesIntegrationTests.IDLE_SECONDS + "s",
        "portico.http.request-header-timeout=" + SlowClientsAndProxiesIntegrationTests.HEADER_SECONDS + "s",
        "portico.http.request-body-timeout=" + SlowClientsAndProxiesIntegrationTests.BODY_SECONDS + "s",
        "server.tomcat.remoteip.internal-proxies=127\\.0\\.14\\.1",
        "portico.rate-limits.verify-per-ip.capacity=3"})
@ExtendWith(HardeningSummary.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsAndProxiesIntegrationTests {

    static final int IDLE_SECONDS = 2;
    static final int HEADER_SECONDS = 3;
    static final int BODY_SECONDS = 3;
    static final String PROXY = "127.0.14.1";
    static final String SERENITY = "serenity.localhost";
    static final String VERIFY = "/api/client-portal/auth/verify";
    static final String UNKNOWN_TOKEN = "{\"token\":\"" + "A".repeat(43) + "\"}";

    @LocalServerPort
    int port;

    /** A connection that never sends its request line is closed once it has been idle for the connection timeout. */
    @Test
    void aConnectionThatSendsNothingIsClosed() throws IOException {
        try (Socket socket = connect("127.0.14.2")) {
            long started = System.nanoTime();
            HardeningSummary.attack("slow client: connect and send nothing");
            assertThat(readUntilClosed(socket, Duration.ofSeconds(IDLE_SECONDS + 8))).as("what the server sent").isEmpty();
            assertThat(since(started)).isBetween(Duration.ofMillis(IDLE_SECONDS * 1000 - 500), Duration.ofSeconds(IDLE_SECONDS + 5));
        }
    }

    /**
     * A "Slowloris": the request line at once, then a header a byte every 400 ms, never idle long enough for the
     * connection timeout. The connection is closed once its headers have been arriving for the header deadline.
     */
    @Test
    void headersTricklingInPastTheDeadlineAreCutOff() throws Exception {
        HardeningSummary.attack("slow client: headers trickled a byte at a time");
        Trickled trickled = trickle("127.0.14.6", "GET /api/client-portal/branding HTTP/1.1\r\nHost: " + SERENITY + "\r\nX-Slow: ", 'x',
                Duration.ofSeconds(HEADER_SECONDS + IDLE_SECONDS + 10));

        assertThat(trickled.answer()).as("nothing is answered to headers that never end").isEmpty();
        assertThat(trickled.took()).as("cut off soon after the deadline").isBetween(Duration.ofSeconds(HEADER_SECONDS),
                Duration.ofSeconds(HEADER_SECONDS + 3));
        HardeningSummary.check("slow client: request header deadline");
    }

    /**
     * A kept-alive connection waiting between requests is no slow request: past the header deadline (and the
     * connection timeout, which the keep-alive timeout replaces between requests) its next request is answered.
     */
    @Test
    void aKeptAliveConnectionIdleBetweenRequestsIsLeftOpen() throws Exception {
        try (Socket socket = connect("127.0.14.7")) {
            byte[] request = ("GET /api/client-portal/branding HTTP/1.1\r\nHost: " + SERENITY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(request);
            assertThat(readResponse(socket)).startsWith("HTTP/1.1 200 ");

            Thread.sleep(Duration.ofSeconds(Math.max(HEADER_SECONDS, IDLE_SECONDS) + 2));
            socket.getOutputStream().write(request);
            assertThat(readResponse(socket)).as("the second request on the same connection").startsWith("HTTP/1.1 200 ");
            HardeningSummary.check("slow client: kept-alive connections left alone");
        }
    }

    /**
     * A "slow POST": the headers arrive at once, then the body a byte every 400 ms, steadily enough that no single
     * wait reaches the connection timeout. Once the body deadline passes the client gets a 408 problem and the
     * connection is closed while it is still sending.
     */
    @Test
    void aBodyTricklingInPastTheDeadlineIsAnswered408AndCutOff() throws Exception {
        HardeningSummary.attack("slow client: body trickled a byte at a time");
        // The start of a valid body, so that no parser stops early: {"token":"AAAA...
        Trickled trickled = trickle("127.0.14.3", head("POST", VERIFY, 10_000) + "{\"token\":\"", 'A',
                Duration.ofSeconds(BODY_SECONDS + IDLE_SECONDS + 10));

        assertThat(trickled.answer()).startsWith("HTTP/1.1 408 ").contains("Content-Type: application/problem+json")
                .contains("\"code\":\"REQUEST_TIMEOUT\"").contains("within " + BODY_SECONDS + " seconds")
                .contains("Connection: close").contains("X-Content-Type-Options: nosniff");
        assertThat(trickled.took()).as("cut off soon after the deadline").isBetween(Duration.ofSeconds(BODY_SECONDS),
                Duration.ofSeconds(BODY_SECONDS + IDLE_SECONDS + 2));
        HardeningSummary.check("slow client: request body deadline");
    }

    /** A body that stops arriving half-way is answered 408 after the connection timeout, not left hanging. */
    @Test
    void aBodyThatStopsHalfWayIsAnswered408() throws Exception {
        try (Socket socket = connect("127.0.14.4")) {
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            out.write((head("POST", VERIFY, UNKNOWN_TOKEN.length()) + UNKNOWN_TOKEN.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            HardeningSummary.attack("slow client: body stopped half-way");
            String answer = readUntilClosed(socket, Duration.ofSeconds(IDLE_SECONDS + 10));

            assertThat(answer).startsWith("HTTP/1.1 408 ").contains("\"code\":\"REQUEST_TIMEOUT\"").doesNotContain("Exception");
            assertThat(since(started)).isLessThan(Duration.ofSeconds(IDLE_SECONDS + 5));
            HardeningSummary.check("slow client: body read timeout");
        }
    }

    /**
     * Behind the proxy, each client the proxy forwards for has a rate-limit bucket of its own; the same header sent
     * by anyone else changes nothing, so a client cannot escape its own limit by claiming to be someone else.
     */
    @Test
    void rateLimitsCountTheClientAProxyForwardsAndIgnoreForgedForwarding() {
        StudioHttp proxy = client(PROXY);
        for (int i = 0; i < 3; i++) {
            assertThat(proxy.post(SERENITY, VERIFY, UNKNOWN_TOKEN, "X-Forwarded-For", "203.0.113.7").status()).isEqualTo(401);
        }
        assertThat(proxy.post(SERENITY, VERIFY, UNKNOWN_TOKEN, "X-Forwarded-For", "203.0.113.7").status())
                .as("the forwarded client's fourth try").isEqualTo(429);
        assertThat(proxy.post(SERENITY, VERIFY, UNKNOWN_TOKEN, "X-Forwarded-For", "203.0.113.8").status())
                .as("another client behind the same proxy").isEqualTo(401);
        HardeningSummary.check("rate limit per forwarded client");

        StudioHttp direct = client("127.0.14.5");
        for (int i = 0; i < 3; i++) {
            HardeningSummary.attack("forged X-Forwarded-For");
            assertThat(direct.post(SERENITY, VERIFY, UNKNOWN_TOKEN, "X-Forwarded-For", "198.51.100." + i).status()).isEqualTo(401);
        }
        HardeningSummary.attack("forged X-Forwarded-For");
        assertThat(direct.post(SERENITY, VERIFY, UNKNOWN_TOKEN, "X-Forwarded-For", "198.51.100." + UUID.randomUUID().hashCode())
                .status()).as("a client that is no proxy stays in its own bucket whatever it forwards").isEqualTo(429);
    }

    // Helpers

    /** What the server sent a trickling client before it closed the connection, and how long after the start. */
    record Trickled(String answer, Duration took) {}

    /**
     * Connects from {@code from}, sends {@code start}, then {@code more} every 400 ms, and reads until the server
     * closes the connection (failing if it has not within {@code atMost}).
     */
    private Trickled trickle(String from, String start, char more, Duration atMost) throws IOException, InterruptedException {
        try (Socket socket = connect(from)) {
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            out.write(start.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        out.write(more);
                        out.flush();
                        Thread.sleep(400);
                    }
                } catch (IOException | InterruptedException stopped) {
                    // The server closed the connection, which is what the test waits for, or the test is over.
                }
            });
            try {
                String answer = readUntilClosed(socket, atMost);
                return new Trickled(answer, since(started));
            } finally {
                trickle.interrupt();
                trickle.join(Duration.ofSeconds(5));
            }
        }
    }

    private Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        return socket;
    }

    private static String head(String method, String path, int contentLength) {
        return method + " " + path + " HTTP/1.1\r\nHost: " + SERENITY + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    /** Everything the server sends until it closes the connection; fails if it has not closed it within {@code atMost}. */
    private static String readUntilClosed(Socket socket, Duration atMost) throws IOException {
        long deadline = System.nanoTime() + atMost.toNanos();
        StringBuilder received = new StringBuilder();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the server kept the connection open for " + atMost + "; it sent: " + received);
            }
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
            int count;
            try {
                count = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (SocketException reset) {
                return received.toString();
            }
            if (count < 0) {
                return received.toString();
            }
            received.append(new String(buffer, 0, count, StandardCharsets.UTF_8));
        }
    }

    /** One response on a kept-alive connection: its head and a body of its Content-Length, or chunked to the last chunk. */
    private static String readResponse(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        StringBuilder received = new StringBuilder();
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new AssertionError("the server closed the connection; it sent: " + received);
            }
            received.append((char) next);
            String text = received.toString();
            int head = text.indexOf("\r\n\r\n");
            if (head < 0) {
                continue;
            }
            Matcher length = Pattern.compile("(?im)^Content-Length: (\\d+)$").matcher(text.substring(0, head));
            if (length.find() ? text.length() - head - 4 >= Integer.parseInt(length.group(1)) : text.endsWith("\r\n0\r\n\r\n")) {
                return text;
            }
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private StudioHttp client(String address) {
        try {
            return new StudioHttp(port, InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
