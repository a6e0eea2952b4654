/** Running Portico in production: the start-up refusal of unsafe settings, probes and metrics. */
@NullMarked
package dev.portico.operations;

import org.jspecify.annotations.NullMarked;
