/** The audit log: who did what to which object in a studio, from where; written in the studio's own schema. */
@NullMarked
package dev.portico.audit;

import org.jspecify.annotations.NullMarked;
