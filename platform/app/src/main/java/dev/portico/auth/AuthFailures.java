package dev.portico.auth;

import dev.portico.web.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The refusals of the login flow, each a 401 with a code the portal switches on. */
final class AuthFailures {

    private AuthFailures() {
    }

    static ApiException tokenInvalid() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "TOKEN_INVALID", "Link not valid",
                "This login link is not valid. Please request a new one.");
    }

    static ApiException tokenExpired() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "TOKEN_EXPIRED", "Link expired",
                "This login link has expired. Please request a new one.");
    }

    static ApiException tokenUsed() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "TOKEN_USED", "Link already used",
                "This login link was already used. Please request a new one.");
    }

    static ApiException sessionEnded() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Session ended",
                "Your session has ended. Please log in again.");
    }

    static ApiException csrf() {
        return new ApiException(HttpStatus.FORBIDDEN, "CSRF_CHECK_FAILED", "Request refused",
                "This request must come from the studio's portal.", List.of());
    }
}
