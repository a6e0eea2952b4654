package dev.portico.security;

import dev.portico.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/** What a studio admin may do: owners everything, front desk customers and bookings but no plugins or refunds. */
public enum AdminRole {
    OWNER,
    FRONT_DESK;

    /** 403 unless the token is the studio owner's; {@code what} completes "Only the studio's owner can ...". */
    public static void requireOwner(Jwt admin, String what) {
        if (!OWNER.name().equals(admin.getClaimAsString("role"))) {
            throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "Forbidden", "Only the studio's owner can " + what + ".");
        }
    }

    /** 403 unless the token carries one of the studio roles. */
    public static void requireStaff(Jwt admin) {
        String role = admin.getClaimAsString("role");
        if (!OWNER.name().equals(role) && !FRONT_DESK.name().equals(role)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "Forbidden", "Your account may not read this.");
        }
    }
}
