/** Customer login: magic links by email, SMS or WhatsApp, short access tokens, and rotating refresh sessions. */
@NullMarked
package dev.portico.auth;

import org.jspecify.annotations.NullMarked;
