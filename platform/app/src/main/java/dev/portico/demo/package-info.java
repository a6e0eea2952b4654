/** The demo studios' data: filled once when a demo studio first becomes ready, its class schedule topped up on each start. */
@NullMarked
package dev.portico.demo;

import org.jspecify.annotations.NullMarked;
