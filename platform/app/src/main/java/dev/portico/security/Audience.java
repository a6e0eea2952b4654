package dev.portico.security;

/** Who a token was issued to; a token of one audience is never accepted where the other is expected. */
public enum Audience {
    ADMIN("portico-admin"),
    CUSTOMER("portico-portal");

    private final String claim;

    Audience(String claim) {
        this.claim = claim;
    }

    /** The value of the token's {@code aud} claim. */
    public String claim() {
        return claim;
    }
}
