/** The customer portal's composite views, such as {@code /me}, built from the features' public services. */
@NullMarked
package dev.portico.portal;

import org.jspecify.annotations.NullMarked;
