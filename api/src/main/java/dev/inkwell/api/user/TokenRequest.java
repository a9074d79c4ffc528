package dev.inkwell.api.user;

/** {@code POST /api/tokens}: sign-in. */
public record TokenRequest(String username, String password) {
}
