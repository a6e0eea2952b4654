/** How a studio looks: theme packs, token overrides, and the public branding the portal starts from. */
@NullMarked
package dev.portico.branding;

import org.jspecify.annotations.NullMarked;
