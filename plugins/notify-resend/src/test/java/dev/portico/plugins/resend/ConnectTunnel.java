package dev.portico.plugins.resend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The smallest HTTP proxy that serves HTTPS clients: it answers every {@code CONNECT host:port} with a tunnel to
 * one local port and remembers which {@code host:port} was asked for. The TLS session inside the tunnel runs
 * between the client and whatever listens on that port, so the client still checks the certificate it gets.
 */
final class ConnectTunnel implements AutoCloseable {

    private static final int MAX_HEAD = 8192;

    private final ServerSocket listener;
    private final int targetPort;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> requested = new CopyOnWriteArrayList<>();

    private ConnectTunnel(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** A tunnel listening on a free loopback port and leading to {@code targetPort} on loopback. */
    static ConnectTunnel to(int targetPort) throws IOException {
        ConnectTunnel tunnel = new ConnectTunnel(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
        tunnel.threads.submit(tunnel::accept);
        return tunnel;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Every {@code host:port} a client asked to be connected to, in order. */
    List<String> requestedAuthorities() {
        return List.copyOf(requested);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                threads.submit(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            String head = readHead(client.getInputStream());
            String[] requestLine = head.lines().findFirst().orElse("").split(" ");
            OutputStream toClient = client.getOutputStream();
            if (requestLine.length < 2 || !requestLine[0].equals("CONNECT")) {
                toClient.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            requested.add(requestLine[1]);
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                open.add(upstream);
                toClient.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                toClient.flush();
                threads.submit(() -> pump(client, upstream));
                pump(upstream, client);
            } finally {
                open.removeIf(Socket::isClosed);
            }
        } catch (IOException e) {
            // the client or the server hung up; nothing to tidy beyond the sockets
        }
    }

    /** Copies bytes until {@code from} ends, then tells {@code to} no more are coming. */
    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed the tunnel
        }
    }

    /** The request head up to the blank line, read byte by byte so nothing of the tunnel is swallowed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length && head.size() < MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
