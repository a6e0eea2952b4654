package dev.portico.security;

import dev.portico.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates platform operators by their key: the SHA-256 of the bearer token is compared in constant time with
 * that of {@code portico.platform.operator-key}, so neither the key's content nor its length leaks through timing.
 * With no key configured the whole platform API answers 404, as if it did not exist. Studio admin and customer
 * tokens are not operator keys and are refused (401).
 */
final class OperatorKeyFilter extends OncePerRequestFilter {

    /** The authority an operator's requests carry. */
    static final String ROLE = "PLATFORM_OPERATOR";

    private final byte @Nullable [] keyHash;

    OperatorKeyFilter(PlatformOperatorProperties properties) {
        this.keyHash = properties.operatorKey().isEmpty() ? null : sha256(properties.operatorKey());
    }

    boolean enabled() {
        return keyHash != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (keyHash == null) {
            Problems.write(response, HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", "The platform API is not enabled on this deployment.");
            return;
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(keyHash, sha256(header.substring(7).strip()))) {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    "operator", null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
        }
        chain.doFilter(request, response);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
