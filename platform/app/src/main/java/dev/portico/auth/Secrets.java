package dev.portico.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random bearer secrets (256 bits, URL-safe) and the SHA-256 hashes that are all we ever store of them. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private Secrets() {
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code value} could be a secret we issued; anything else is refused before touching the database. */
    static boolean wellFormed(String value) {
        return SHAPE.matcher(value).matches();
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
