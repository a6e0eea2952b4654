package dev.portico.plugin.api;

/** Decides whether a customer may book, cancel or reschedule, and what happens to the credit. */
public interface PolicyRule extends PorticoExtension {

    /** Evaluates one action; must be a pure function of its arguments so a preview equals the real outcome. */
    PolicyDecision evaluate(PolicyContext policy, ExtensionContext context);
}
