package dev.inkwell.domain.user;

import java.time.OffsetDateTime;

/** A user account as everyone but the authentication code sees it: never a password hash. */
public record User(
        long id,
        String username,
        String email,
        Role role,
        boolean active,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
