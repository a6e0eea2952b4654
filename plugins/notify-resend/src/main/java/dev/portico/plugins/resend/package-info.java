/** Email notifications sent through Resend with its Java SDK. */
@NullMarked
package dev.portico.plugins.resend;

import org.jspecify.annotations.NullMarked;
