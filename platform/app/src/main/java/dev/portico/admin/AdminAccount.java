package dev.portico.admin;

import dev.portico.security.AdminRole;
import java.util.UUID;

/**
 * A studio admin.
 *
 * @param id    account id, the subject of their tokens
 * @param email login email, lower case
 * @param role  what they may do
 */
public record AdminAccount(UUID id, String email, AdminRole role) {}
