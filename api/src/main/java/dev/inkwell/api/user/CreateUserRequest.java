package dev.inkwell.api.user;

/** {@code POST /api/users}: sign-up. */
public record CreateUserRequest(String username, String email, String password) {
}
