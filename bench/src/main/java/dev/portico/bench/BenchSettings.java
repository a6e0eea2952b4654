package dev.portico.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How much work one run does, read from the environment ({@code bench/run.sh} documents the variables).
 *
 * @param tenants      how many benchmark studios to provision, seed and spread load over ({@code BENCH_TENANTS})
 * @param measure      length of each constant-rate (open-loop) run, the one the percentiles come from ({@code BENCH_SECONDS})
 * @param step         length of each concurrency level of the throughput sweep, and of each endpoint's warm-up
 * @param authSamples  magic-link verifications and refreshes timed, each
 * @param startupRuns  child processes started per start-up figure (the median is reported)
 * @param quick        a smoke run: few studios, short phases, short JMH; its figures are not comparable with targets
 * @param profile      record each endpoint's open-loop run with Java Flight Recorder ({@code BENCH_PROFILE=1})
 * @param root         the repository's root folder
 */
record BenchSettings(int tenants, Duration measure, Duration step, int authSamples, int startupRuns, boolean quick, boolean profile,
        Path root) {

    /** Concurrency levels of the closed-loop sweep that finds an endpoint's maximum throughput. */
    static final int[] SWEEP = {4, 16, 64, 256};

    /** The tenant count the ops issue's targets are stated for. */
    static final int TARGET_TENANTS = 1000;

    static BenchSettings fromEnvironment(Map<String, String> env) {
        boolean quick = flag(env, "BENCH_QUICK");
        int tenants = Integer.parseInt(env.getOrDefault("BENCH_TENANTS", quick ? "20" : String.valueOf(TARGET_TENANTS)));
        int seconds = Integer.parseInt(env.getOrDefault("BENCH_SECONDS", quick ? "3" : "15"));
        if (tenants < 1 || seconds < 1) {
            throw new IllegalArgumentException("BENCH_TENANTS and BENCH_SECONDS must be positive");
        }
        Path root = Path.of(env.getOrDefault("BENCH_ROOT", ".")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("tenant-config")) || !Files.isDirectory(root.resolve("bench"))) {
            throw new IllegalArgumentException(root + " is not the repository's root (no tenant-config/ or bench/); run bench/run.sh");
        }
        Duration measure = Duration.ofSeconds(seconds);
        Duration step = Duration.ofMillis(Math.max(2_000, measure.toMillis() / 3));
        return new BenchSettings(tenants, measure, step, quick ? 40 : 300, quick ? 1 : 3, quick, flag(env, "BENCH_PROFILE"), root);
    }

    private static boolean flag(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "");
        return value.equals("1") || value.equalsIgnoreCase("true");
    }

    /** Where a run keeps its database, logs, studio configs and AOT cache: rebuilt every run. */
    Path work() {
        return root.resolve("bench/target/harness");
    }

    /** Whether there are as many studios as the targets that depend on the count are stated for. */
    boolean atTargetScale() {
        return tenants >= TARGET_TENANTS;
    }
}
