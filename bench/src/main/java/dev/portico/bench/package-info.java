/** JMH benchmarks for Portico's hot paths; run them with {@code bench/run.sh}. */
@NullMarked
package dev.portico.bench;

import org.jspecify.annotations.NullMarked;
