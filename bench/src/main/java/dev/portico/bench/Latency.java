package dev.portico.bench;

import java.util.Locale;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of a set of latencies, in milliseconds. Latencies are recorded in microseconds into an HdrHistogram
 * (three significant digits, up to a minute), which any number of threads may record into at once.
 *
 * @param count how many latencies were recorded
 */
record Latency(long count, double p50, double p95, double p99, double max) {

    private static final long HIGHEST_MICROS = 60_000_000L;

    /** An empty histogram for latencies in microseconds. */
    static Histogram histogram() {
        return new ConcurrentHistogram(HIGHEST_MICROS, 3);
    }

    /** Records {@code nanos} into {@code histogram}, clamped to what it can hold. */
    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.clamp(nanos / 1_000, 1, HIGHEST_MICROS));
    }

    static Latency of(Histogram micros) {
        return new Latency(micros.getTotalCount(), millis(micros, 50), millis(micros, 95), millis(micros, 99),
                micros.getMaxValue() / 1_000.0);
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1_000.0;
    }

    /** {@code p50 / p95 / p99 ms}, e.g. {@code 3.1 / 12.0 / 40.2 ms}. */
    String percentiles() {
        return "%s / %s / %s ms".formatted(ms(p50), ms(p95), ms(p99));
    }

    /** Milliseconds with the precision that means something at their size. */
    static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis)
                : millis >= 10 ? String.format(Locale.ROOT, "%.1f", millis)
                : String.format(Locale.ROOT, "%.2f", millis);
    }
}
