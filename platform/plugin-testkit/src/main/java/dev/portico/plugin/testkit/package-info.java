/** Test a Portico plugin the way the host runs it: its jar loaded through PF4J, called with a fake studio's context. */
@NullMarked
package dev.portico.plugin.testkit;

import org.jspecify.annotations.NullMarked;
