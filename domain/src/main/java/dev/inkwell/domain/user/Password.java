package dev.inkwell.domain.user;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Text;

/** Password rules: 8–256 characters, not only whitespace. Long passphrases are welcome. */
public final class Password {
    public static final int MIN = 8;
    public static final int MAX = 256;

    private Password() {
    }

    public static String validate(String password) {
        if (password == null || password.isEmpty()) {
            throw new InvalidException("password", "is required");
        }
        int n = Text.length(password);
        if (n < MIN || n > MAX || password.isBlank()) {
            throw new InvalidException("password", "must be " + MIN + " to " + MAX + " characters and not only spaces");
        }
        // Any character may be part of a secret, but an unpaired surrogate cannot be hashed as UTF-8.
        return Text.encodable("password", password);
    }
}
