package dev.portico.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * HTTP load on 127.0.0.1, bounded in time: a closed loop (a fixed number of clients, each sending its next request
 * when the last one answered) to find how much an endpoint can serve, and an open loop (requests started at a constant
 * rate whatever the answers do) for the latency customers would see at a given load. Open-loop latency counts from
 * when a request was due, not when it was sent, so a stalled server cannot hide its stall (no coordinated omission).
 * Each request runs on its own virtual thread; the generator shares the machine's CPUs with the server it measures.
 */
final class LoadGenerator {

    /** Open-loop requests in flight beyond which new ones are not sent but counted as errors: keeps a stall bounded. */
    static final int MAX_IN_FLIGHT = 512;
    private static final String SHED = "shed";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;

    LoadGenerator(HttpClient client) {
        this.client = client;
    }

    /** The same kind of request, for one studio or rotating over many (each with its own host and token). */
    static final class Target {

        private final String name;
        private final List<HttpRequest> requests;
        private final AtomicLong next = new AtomicLong();

        Target(String name, List<HttpRequest.Builder> requests) {
            if (requests.isEmpty()) {
                throw new IllegalArgumentException("no requests for " + name);
            }
            this.name = name;
            this.requests = requests.stream().map(r -> r.timeout(REQUEST_TIMEOUT).GET().build()).toList();
        }

        String name() {
            return name;
        }

        HttpRequest next() {
            return requests.get((int) Math.floorMod(next.getAndIncrement(), (long) requests.size()));
        }
    }

    /**
     * What one run of load produced.
     *
     * @param requests   answered or failed requests (open loop: including those shed at {@link #MAX_IN_FLIGHT})
     * @param errors     anything but a 200: another status, a time-out or I/O failure, or a shed request
     * @param errorKinds the errors by kind: {@code HTTP 503}, an exception's class name, or {@code shed}
     * @param bytes      response body bytes of the 200s
     */
    record Outcome(long requests, long errors, Map<String, Long> errorKinds, double seconds, long bytes, Latency latency) {

        double throughput() {
            return (requests - errors) / seconds;
        }

        double errorRate() {
            return requests == 0 ? 0 : (double) errors / requests;
        }

        long meanBytes() {
            long ok = requests - errors;
            return ok == 0 ? 0 : bytes / ok;
        }

        /** e.g. {@code 0.00%}, or {@code 2.06% (HttpTimeoutException 120, shed 31)}. */
        String errorPercent() {
            String rate = String.format(Locale.ROOT, "%.2f%%", errorRate() * 100);
            if (errorKinds.isEmpty()) {
                return rate;
            }
            List<String> kinds = new ArrayList<>();
            errorKinds.forEach((kind, count) -> kinds.add(kind + " " + count));
            return rate + " (" + String.join(", ", kinds) + ")";
        }
    }

    /** {@code concurrency} clients sending back to back for {@code duration}. */
    Outcome closed(Target target, int concurrency, Duration duration) {
        Tally tally = new Tally();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        String error = send(target.next(), tally);
                        tally.answered(error, System.nanoTime() - sent);
                    }
                });
            }
        }
        return tally.outcome((System.nanoTime() - start) / 1e9);
    }

    /** Requests started at {@code rate} per second for {@code duration}; waits (bounded) for the last answers. */
    Outcome open(Target target, double rate, Duration duration) {
        Tally tally = new Tally();
        AtomicInteger inFlight = new AtomicInteger();
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long due = start; due < end; due += interval) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
                    inFlight.decrementAndGet();
                    tally.unsent(SHED);
                    continue;
                }
                long dueAt = due;
                HttpRequest request = target.next();
                senders.submit(() -> {
                    try {
                        String error = send(request, tally);
                        tally.answered(error, System.nanoTime() - dueAt);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            }
        }
        return tally.outcome(duration.toNanos() / 1e9);
    }

    /** One level of a throughput sweep. */
    record Level(int concurrency, Outcome outcome) {}

    /** A closed-loop sweep over concurrency levels and the level that served the most. */
    record Capacity(List<Level> levels, Level best) {

        double throughput() {
            return best.outcome().throughput();
        }

        /** e.g. {@code 1: 310/s p99 4.1 ms, 4: 1,020/s p99 9.8 ms, 16: 1,190/s p99 31.0 ms}. */
        String describe() {
            List<String> parts = new ArrayList<>();
            for (Level level : levels) {
                Outcome outcome = level.outcome();
                parts.add(level.concurrency() + ": " + perSecond(outcome.throughput()) + " p99 " + Latency.ms(outcome.latency().p99())
                        + " ms" + (outcome.errors() > 0 ? ", errors " + outcome.errorPercent() : ""));
            }
            return String.join("; ", parts);
        }
    }

    /**
     * Raises concurrency through {@code levels}, {@code step} each, and stops once throughput has fallen 10% below
     * the best level: past the knee, more clients only queue.
     */
    Capacity capacity(Target target, int[] levels, Duration step) {
        List<Level> measured = new ArrayList<>();
        @Nullable Level best = null;
        for (int concurrency : levels) {
            Level level = new Level(concurrency, closed(target, concurrency, step));
            measured.add(level);
            if (best == null || level.outcome().throughput() > best.outcome().throughput()) {
                best = level;
            } else if (level.outcome().throughput() < 0.9 * best.outcome().throughput()) {
                break;
            }
        }
        return new Capacity(List.copyOf(measured), Objects.requireNonNull(best, "no concurrency levels"));
    }

    /** Sends one request and counts its body; returns what went wrong, or null for a 200. */
    private @Nullable String send(HttpRequest request, Tally tally) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode();
            }
            tally.bytes.add(response.body().length);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** One run's requests, errors by kind, latencies and answer bytes, counted from any number of threads. */
    private static final class Tally {

        private final Histogram latencies = Latency.histogram();
        private final LongAdder requests = new LongAdder();
        private final LongAdder bytes = new LongAdder();
        private final Map<String, LongAdder> errors = new ConcurrentSkipListMap<>();

        /** A request that got an answer, or failed, after {@code nanos}. */
        void answered(@Nullable String error, long nanos) {
            Latency.record(latencies, nanos);
            requests.increment();
            if (error != null) {
                errors.computeIfAbsent(error, k -> new LongAdder()).increment();
            }
        }

        /** A request that was never sent: an error with no latency. */
        void unsent(String reason) {
            requests.increment();
            errors.computeIfAbsent(reason, k -> new LongAdder()).increment();
        }

        Outcome outcome(double seconds) {
            Map<String, Long> kinds = new LinkedHashMap<>();
            errors.forEach((kind, count) -> kinds.put(kind, count.sum()));
            long failed = kinds.values().stream().mapToLong(Long::longValue).sum();
            return new Outcome(requests.sum(), failed, kinds, seconds, bytes.sum(), Latency.of(latencies));
        }
    }

    /** e.g. {@code 1,234/s}. */
    static String perSecond(double rate) {
        return String.format(Locale.ROOT, "%,.0f/s", rate);
    }
}
