package dev.inkwell.domain.user;

import dev.inkwell.domain.InvalidException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail addresses: the common "local@domain.tld" syntax (no quoted local parts, no IP
 * literals), at most 254 characters, stored lower-case so uniqueness ignores case.
 */
public final class Email {
    public static final int MAX = 254;
    private static final Pattern SHAPE = Pattern.compile(
            "[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    private Email() {
    }

    /** Returns the address trimmed and lower-cased, or throws if it is not an address. */
    public static String normalize(String email) {
        if (email == null || email.isBlank()) {
            throw new InvalidException("email", "is required");
        }
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        if (normalized.length() > MAX || !SHAPE.matcher(normalized).matches()) {
            throw new InvalidException("email", "must be a valid e-mail address");
        }
        return normalized;
    }
}
