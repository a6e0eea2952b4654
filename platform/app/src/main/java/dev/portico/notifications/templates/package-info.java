/** The Mustache machinery behind {@link dev.portico.notifications.MessageTemplates}: compiling and the shipped templates. */
@NullMarked
package dev.portico.notifications.templates;

import org.jspecify.annotations.NullMarked;
