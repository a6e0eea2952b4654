/**
 * The plugin host: loads plugin jars through PF4J once per process, lets each studio enable and configure
 * plugins, resolves and masks their secrets, and contains a failing plugin so it harms no one else.
 */
@NullMarked
package dev.portico.plugins;

import org.jspecify.annotations.NullMarked;
