/** The development inbox: a channel that keeps messages in the studio's database for people to read. */
@NullMarked
package dev.portico.plugins.devinbox;

import org.jspecify.annotations.NullMarked;
