package dev.portico.plugin.api;

/** Thrown when a webhook's signature is missing, wrong or too old; the host answers 400 and acts on nothing. */
public class WebhookRejectedException extends Exception {

    public WebhookRejectedException(String message) {
        super(message);
    }
}
