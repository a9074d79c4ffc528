package dev.inkwell.api.user;

/** {@code PATCH /api/users/{id}}: any subset; {@code is_active} and {@code role} are for admins. */
public record UpdateUserRequest(String username, String email, String password, Boolean isActive, String role) {
}
