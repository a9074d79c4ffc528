package dev.inkwell.domain.user;

import dev.inkwell.domain.InvalidException;


/** Usernames: 3–64 ASCII letters, digits, '_', '.', '-'; unique regardless of case. */
public final class Username {
    public static final int MIN = 3;
    public static final int MAX = 64;

    private Username() {
    }

    public static String validate(String username) {
        if (username == null || username.isEmpty()) {
            throw new InvalidException("username", "is required");
        }
        if (!hasShape(username)) {
            throw new InvalidException("username",
                    "must be " + MIN + " to " + MAX + " characters of letters, digits, '_', '.' or '-'");
        }
        return username;
    }

    /** MIN to MAX of [A-Za-z0-9_.-], checked by hand (a bulk request validates 10,000 names). */
    static boolean hasShape(String username) {
        int length = username.length();
        if (length < MIN || length > MAX) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = username.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
