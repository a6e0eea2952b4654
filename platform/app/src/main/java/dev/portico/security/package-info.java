/** Who is calling: signed access tokens for admins and customers, each bound to one studio, and the HTTP security rules. */
@NullMarked
package dev.portico.security;

import org.jspecify.annotations.NullMarked;
