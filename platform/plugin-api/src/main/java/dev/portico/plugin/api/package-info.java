/** Extension points and value types that Portico plugins implement; free of Spring so integrators need nothing else. */
@NullMarked
package dev.portico.plugin.api;

import org.jspecify.annotations.NullMarked;
