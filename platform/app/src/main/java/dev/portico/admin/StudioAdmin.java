package dev.portico.admin;

import dev.portico.security.AdminRole;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A studio admin account as its studio's owner manages it; never its password.
 *
 * @param id          account id, the subject of its tokens
 * @param email       login email, lower case
 * @param role        what it may do
 * @param active      false once the studio has cut it off: it can neither log in nor use a token it holds
 * @param createdAt   when it was made
 * @param lastLoginAt its latest successful login, if any
 */
public record StudioAdmin(UUID id, String email, AdminRole role, boolean active, OffsetDateTime createdAt,
        @Nullable OffsetDateTime lastLoginAt) {}
