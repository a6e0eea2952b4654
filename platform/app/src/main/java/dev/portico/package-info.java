/** Portico's application root; each sub-package is one feature module. */
@NullMarked
package dev.portico;

import org.jspecify.annotations.NullMarked;
