package dev.portico.plugins.resend;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * WireMock standing in for {@code https://api.resend.com}, which the Resend SDK hard-codes.
 *
 * <p>WireMock serves HTTPS on a free loopback port with a throwaway certificate for {@code api.resend.com}. The
 * test JVM is pointed at it the way a corporate network would point it at a proxy: {@code https.proxyHost} and
 * {@code https.proxyPort} name a {@link ConnectTunnel} that leads to WireMock, and {@code javax.net.ssl.trustStore}
 * trusts that certificate. OkHttp, inside the SDK, reads both through the JDK's default {@code ProxySelector} and
 * trust manager, so the real SDK code runs unchanged, TLS and host-name checks included. (WireMock's own HTTPS
 * proxying would mint certificates per host, but that relies on JDK internals that Java 23+ no longer offers.)
 *
 * <p>The settings are JVM-wide and this module's tests run in one JVM of their own; {@link #close()} restores them.
 */
final class ResendApiStub implements AutoCloseable {

    static final String HOST = "api.resend.com";

    private static final String PASSWORD = "stub-only";
    private static final List<String> PROPERTIES = List.of("https.proxyHost", "https.proxyPort",
            "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType");

    private final WireMockServer server;
    private final ConnectTunnel tunnel;
    private final Map<String, String> previous;

    private ResendApiStub(WireMockServer server, ConnectTunnel tunnel, Map<String, String> previous) {
        this.server = server;
        this.tunnel = tunnel;
        this.previous = previous;
    }

    /** Starts the stub and routes this JVM's HTTPS for {@value #HOST} to it; {@code workDir} keeps the key stores. */
    static ResendApiStub start(Path workDir) throws IOException, GeneralSecurityException, InterruptedException {
        Path keyStore = workDir.resolve("api.resend.com.p12");
        Path trustStore = workDir.resolve("trust.p12");
        createCertificate(keyStore);
        writeTrustStore(keyStore, trustStore);

        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystoreType("PKCS12")
                .keystorePath(keyStore.toString())
                .keystorePassword(PASSWORD)
                .keyManagerPassword(PASSWORD));
        server.start();
        ConnectTunnel tunnel = ConnectTunnel.to(server.httpsPort());

        Map<String, String> previous = new HashMap<>();
        PROPERTIES.forEach(name -> previous.put(name, System.getProperty(name)));
        System.setProperty("https.proxyHost", "127.0.0.1");
        System.setProperty("https.proxyPort", Integer.toString(tunnel.port()));
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        return new ResendApiStub(server, tunnel, previous);
    }

    WireMockServer server() {
        return server;
    }

    /** The {@code host:port} of every connection a client opened through the proxy. */
    List<String> tunnelledTo() {
        return tunnel.requestedAuthorities();
    }

    @Override
    public void close() throws IOException {
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        tunnel.close();
        server.stop();
    }

    /** A self-signed certificate for {@value #HOST}, valid for a day, made by the JDK's own keytool. */
    private static void createCertificate(Path keyStore) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "keytool.exe" : "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", HOST,
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1",
                "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST,
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool could not create the stub certificate: " + output);
        }
    }

    /** A trust store holding only the stub's certificate, so nothing else passes TLS in this JVM meanwhile. */
    private static void writeTrustStore(Path keyStore, Path trustStore) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = keys.getCertificate(HOST);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry(HOST, certificate);
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trusted.store(out, PASSWORD.toCharArray());
        }
    }
}
