package dev.inkwell.domain.user;

/** What sign-in needs to check a password; kept apart from {@link User} so a hash never leaks. */
public record Credentials(long userId, String passwordHash, boolean active) {
}
