/** The platform operators' API: onboarding studios without a restart, reloading tenant config, offboarding. */
@NullMarked
package dev.portico.onboarding;

import org.jspecify.annotations.NullMarked;
