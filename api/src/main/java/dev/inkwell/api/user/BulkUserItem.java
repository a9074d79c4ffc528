package dev.inkwell.api.user;

/** One user of {@code POST /api/users/bulk}; such users sign in after an admin sets a password. */
public record BulkUserItem(String username, String email) {
}
