package dev.inkwell.domain.user;

import dev.inkwell.domain.InvalidException;

import java.util.Locale;

/** What a user may do: any signed-in user writes their own content; admins may do anything. */
public enum Role {
    USER, ADMIN;

    /** The value stored in {@code users.role} and shown on the wire. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromCode(String code) {
        for (Role role : values()) {
            if (role.code().equals(code)) {
                return role;
            }
        }
        throw new InvalidException("role", "must be one of user, admin");
    }
}
