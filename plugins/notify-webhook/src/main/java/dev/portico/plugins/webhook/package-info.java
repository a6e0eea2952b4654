/** A notification channel that mirrors each message to a studio's own system as a signed JSON POST. */
@NullMarked
package dev.portico.plugins.webhook;

import org.jspecify.annotations.NullMarked;
