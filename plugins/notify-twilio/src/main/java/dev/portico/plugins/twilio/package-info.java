/** SMS and WhatsApp notifications sent through Twilio with its Java SDK. */
@NullMarked
package dev.portico.plugins.twilio;

import org.jspecify.annotations.NullMarked;
