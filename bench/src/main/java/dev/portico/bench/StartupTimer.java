package dev.portico.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up time of the runnable jar, as a child process on the harness's database: from the moment the process is
 * started to the first 200 of {@code GET /api/client-portal/branding} on {@code serenity.localhost}, polled every
 * 50 ms. The database is already running (its start-up is not counted) and Portico runs as {@code ./portico run}
 * would on an external database: demo profile, the repository's tenant configs and plugins, plain log lines.
 */
final class StartupTimer {

    static final Duration POLL = Duration.ofMillis(50);
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);

    private final Path java;
    private final Path root;
    private final BenchDatabase database;
    private final Path logs;
    private final HttpClient client;

    StartupTimer(Path java, Path root, BenchDatabase database, Path logs, HttpClient client) {
        this.java = java;
        this.root = root;
        this.database = database;
        this.logs = logs;
        this.client = client;
    }

    /** How a child is started: JVM options, then {@code -jar} and the jar. */
    record Launch(List<String> jvmOptions, Path jar) {

        Launch with(String option) {
            List<String> options = new ArrayList<>(jvmOptions);
            options.add(option);
            return new Launch(List.copyOf(options), jar);
        }
    }

    /** Starts {@code launch} on {@code databaseName}, times it to the first 200, and stops it. */
    Duration timeToFirstOk(Launch launch, String databaseName, String logName) throws IOException, InterruptedException {
        int port = freePort();
        long started = System.nanoTime();
        Process process = start(launch, databaseName, port, logs.resolve(logName + ".log"));
        try {
            awaitFirstOk(process, port, started, logName);
            return Duration.ofNanos(System.nanoTime() - started);
        } finally {
            stop(process);
        }
    }

    /**
     * A training run for a JDK AOT cache (JEP 483/514): Portico starts fully, answers a few portal requests and is
     * stopped with SIGTERM, and the JVM writes at exit the classes it loaded and linked, with their profiles.
     */
    void train(Launch launch, Path cache, String databaseName) throws IOException, InterruptedException {
        Files.deleteIfExists(cache);
        int port = freePort();
        Process process = start(launch.with("-XX:AOTCacheOutput=" + cache), databaseName, port, logs.resolve("aot-training.log"));
        try {
            awaitFirstOk(process, port, System.nanoTime(), "aot-training");
            for (int i = 0; i < 20; i++) {
                branding(port);
            }
        } finally {
            stop(process);
        }
        if (!Files.isRegularFile(cache)) {
            throw new IOException("the training run wrote no AOT cache; see " + logs.resolve("aot-training.log"));
        }
    }

    /** Unpacks the runnable jar (Spring Boot's {@code -Djarmode=tools extract}), the layout a JDK AOT cache needs. */
    Path extract(Path execJar, Path destination) throws IOException, InterruptedException {
        BenchDatabase.deleteRecursively(destination);
        Process process = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", execJar.toString(), "extract",
                "--destination", destination.toString())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("extract.log").toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("extracting " + execJar + " failed; see " + logs.resolve("extract.log"));
        }
        return destination.resolve(execJar.getFileName());
    }

    private Process start(Launch launch, String databaseName, int port, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(launch.jvmOptions());
        command.add("-jar");
        command.add(launch.jar().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPRING_DATASOURCE_URL", database.url(databaseName));
        env.put("SPRING_DATASOURCE_USERNAME", BenchDatabase.USER);
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("SPRING_PROFILES_ACTIVE", "demo");
        env.put("PORTICO_DEMO_ALLOW_EXTERNAL_DATABASE", "true");
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("PORTICO_TENANT_CONFIG_DIR", root.resolve("tenant-config").toString());
        env.put("PORTICO_PLUGINS_DIR", root.resolve("target/plugins").toString());
        env.put("PORTICO_LOG_FORMAT", "");
        return builder.start();
    }

    private void awaitFirstOk(Process process, int port, long started, String name) throws IOException, InterruptedException {
        long deadline = started + LIMIT.toNanos();
        while (branding(port) != 200) {
            if (!process.isAlive()) {
                throw new IOException(name + ": Portico exited with " + process.exitValue() + " before answering; see "
                        + logs.resolve(name + ".log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(name + ": no 200 within " + LIMIT.toSeconds() + " s; see " + logs.resolve(name + ".log"));
            }
            Thread.sleep(POLL);
        }
    }

    /** The status of {@code GET /api/client-portal/branding} at Serenity, or 0 while nothing listens. */
    private int branding(int port) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/client-portal/branding"))
                .header("Host", "serenity.localhost")
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    /** SIGTERM (a graceful shutdown, during which an AOT cache is written), then SIGKILL if it takes too long. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The middle of {@code durations} (the lower middle for an even count). */
    static Duration median(List<Duration> durations) {
        List<Duration> sorted = durations.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
