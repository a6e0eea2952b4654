/** What every HTTP endpoint shares: RFC 9457 problem responses with stable codes. */
@NullMarked
package dev.portico.web;

import org.jspecify.annotations.NullMarked;
