package dev.inkwell.domain.user;

import dev.inkwell.domain.InvalidException;

import java.util.regex.Pattern;

/** Usernames: 3–64 ASCII letters, digits, '_', '.', '-'; unique regardless of case. */
public final class Username {
    public static final int MIN = 3;
    public static final int MAX = 64;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.-]{" + MIN + "," + MAX + "}");

    private Username() {
    }

    public static String validate(String username) {
        if (username == null || username.isEmpty()) {
            throw new InvalidException("username", "is required");
        }
        if (!SHAPE.matcher(username).matches()) {
            throw new InvalidException("username",
                    "must be " + MIN + " to " + MAX + " characters of letters, digits, '_', '.' or '-'");
        }
        return username;
    }
}
