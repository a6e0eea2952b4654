/** Messages to customers through the studio's enabled channel plugins; in the demo profile, the development inbox. */
@NullMarked
package dev.portico.notifications;

import org.jspecify.annotations.NullMarked;
