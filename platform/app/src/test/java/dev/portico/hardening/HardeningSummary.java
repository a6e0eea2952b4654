package dev.portico.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hardening suite covered and tried, written once every test class that uses it has run: to the log and
 * to {@code target/hardening-summary.txt}. Leaks are counted where they are found, so the summary says how many
 * there were even when the failing assertion is read elsewhere; it must say 0.
 */
final class HardeningSummary implements BeforeAllCallback {

    private static final Logger log = LoggerFactory.getLogger(HardeningSummary.class);
    private static final Path FILE = Path.of("target", "hardening-summary.txt");

    private static final Map<String, AtomicInteger> attacks = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
    private static final List<String> leaks = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, String> endpoints = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> findings = new ConcurrentHashMap<>();

    /** One attack request of this kind was sent (and its answer checked). */
    static void attack(String kind) {
        attacks.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    /** One non-attack promise (a header, a limit) was checked. */
    static void check(String kind) {
        checks.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    /** An endpoint of the API document and how the suite treats it: exercised, or allow-listed with a reason. */
    static void endpoint(String endpoint, String treatment) {
        endpoints.put(endpoint, treatment);
    }

    /** Another studio's strings found in an answer. */
    static void leak(String where, List<String> found) {
        leaks.add(where + ": " + found);
    }

    private static final Map<String, AtomicInteger> invariants = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> faults = new ConcurrentHashMap<>();
    private static final List<String> lostWrites = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());

    /** One invariant (capacity, ledger sum, one refund, ...) was checked against the database after a burst or a fault. */
    static void invariant(String kind) {
        invariants.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    /** One fault (database restart, provider down, node killed, ...) was injected. */
    static void fault(String kind) {
        faults.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    /** A write the app acknowledged that the database does not hold. */
    static void lostWrite(String where) {
        lostWrites.add(where);
    }

    /** Something that must happen once happened more often (a booking, a refund, a message, a job). */
    static void duplicate(String where) {
        duplicates.add(where);
    }

    /** A kind of finding this run looks for, so that the summary says 0 when there was none. */
    static void looksFor(String kind) {
        findings.computeIfAbsent(kind, k -> java.util.Collections.synchronizedList(new ArrayList<>()));
    }

    /** A broken promise of kind {@code kind} (a 5xx, a write by a refused request...), with what showed it. */
    static void finding(String kind, String detail) {
        looksFor(kind);
        findings.get(kind).add(detail);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store closes after the last test of the run, whichever classes ran.
        context.getRoot().getStore(ExtensionContext.Namespace.create(HardeningSummary.class))
                .computeIfAbsent("writer", key -> new Writer(), Writer.class);
    }

    private static final class Writer implements AutoCloseable {

        @Override
        public void close() {
            String text = render();
            log.info("\n{}", text);
            try {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String render() {
        StringBuilder text = new StringBuilder("Portico hardening summary\n\n");
        Map<String, List<String>> byTreatment = new TreeMap<>();
        endpoints.forEach((endpoint, treatment) -> byTreatment.computeIfAbsent(treatment, t -> new ArrayList<>()).add(endpoint));
        text.append("Endpoints in /v3/api-docs: ").append(endpoints.size()).append('\n');
        byTreatment.forEach((treatment, list) -> {
            text.append("  ").append(treatment).append(": ").append(list.size()).append('\n');
            new TreeSet<>(list).forEach(endpoint -> text.append("    ").append(endpoint).append('\n'));
        });
        int total = attacks.values().stream().mapToInt(AtomicInteger::get).sum();
        text.append("\nAttacks tried: ").append(total).append('\n');
        new TreeMap<>(attacks).forEach((kind, count) -> text.append("  ").append(kind).append(": ").append(count).append('\n'));
        int checked = checks.values().stream().mapToInt(AtomicInteger::get).sum();
        text.append("\nOther promises checked: ").append(checked).append('\n');
        new TreeMap<>(checks).forEach((kind, count) -> text.append("  ").append(kind).append(": ").append(count).append('\n'));
        if (!findings.isEmpty()) {
            text.append("\nBad input findings: ").append(findings.values().stream().mapToInt(List::size).sum()).append('\n');
            new TreeMap<>(findings).forEach((kind, list) -> {
                text.append("  ").append(kind).append(": ").append(list.size()).append('\n');
                synchronized (list) {
                    list.forEach(detail -> text.append("    ").append(detail).append('\n'));
                }
            });
        }
        text.append("\nLeaks found: ").append(leaks.size()).append('\n');
        synchronized (leaks) {
            leaks.forEach(leak -> text.append("  ").append(leak).append('\n'));
        }
        text.append(renderConcurrencyAndFaults());
        return text.toString();
    }

    private static String renderConcurrencyAndFaults() {
        StringBuilder text = new StringBuilder();
        text.append("\nInvariants checked: ").append(invariants.values().stream().mapToInt(AtomicInteger::get).sum()).append('\n');
        new TreeMap<>(invariants).forEach((kind, count) -> text.append("  ").append(kind).append(": ").append(count).append('\n'));
        text.append("\nFaults injected: ").append(faults.values().stream().mapToInt(AtomicInteger::get).sum()).append('\n');
        new TreeMap<>(faults).forEach((kind, count) -> text.append("  ").append(kind).append(": ").append(count).append('\n'));
        text.append("\nLost writes: ").append(lostWrites.size()).append('\n');
        synchronized (lostWrites) {
            lostWrites.forEach(lost -> text.append("  ").append(lost).append('\n'));
        }
        text.append("\nDuplicates: ").append(duplicates.size()).append('\n');
        synchronized (duplicates) {
            duplicates.forEach(duplicate -> text.append("  ").append(duplicate).append('\n'));
        }
        return text.toString();
    }
}
