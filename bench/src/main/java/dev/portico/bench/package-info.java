/**
 * The benchmark harness ({@link dev.portico.bench.PorticoBench}) and the availability engine's JMH benchmarks; run both
 * with {@code bench/run.sh}.
 */
@NullMarked
package dev.portico.bench;

import org.jspecify.annotations.NullMarked;
