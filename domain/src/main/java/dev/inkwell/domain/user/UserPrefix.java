package dev.inkwell.domain.user;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Text;

/**
 * A search of users by the start of their username, or, when it holds an '@', of their e-mail
 * address: {@code prefix} is the text to match in the lower case both are compared in, and
 * {@code holdable} says whether a username (an address) could start with it at all. A prefix
 * of characters none can hold matches nothing, so it is never sent to the database.
 *
 * <p>Only ASCII letters are lower-cased: usernames and stored addresses are ASCII, and Java's
 * full lower-casing maps some other characters onto ASCII ones (the Kelvin sign onto 'k'),
 * which would make a search for a character no username holds find users.
 */
public record UserPrefix(String prefix, boolean byEmail, boolean holdable) {
    /** No username nor address is longer. */
    public static final int MAX = Email.MAX;
    /** The characters of an address besides lower-case letters and digits (those of its local part, '@', '.' and '-'). */
    private static final String EMAIL_SYMBOLS = ".!#$%&'*+/=?^_`{|}~-@";

    /**
     * The search {@code q} asks for: a 422 naming {@code q} when it is empty, longer than
     * {@value #MAX} characters, or holds what PostgreSQL cannot take (NUL, an unpaired surrogate);
     * any other text is a search, matching nothing when no username or address could start so.
     */
    public static UserPrefix of(String q) {
        if (q == null || q.isEmpty() || Text.length(q) > MAX) {
            throw new InvalidException("q", "must be 1 to " + MAX + " characters long");
        }
        if (q.indexOf('\u0000') >= 0) {
            throw new InvalidException("q", "must not contain NUL");
        }
        Text.encodable("q", q);
        boolean byEmail = q.indexOf('@') >= 0;
        StringBuilder lower = new StringBuilder(q.length());
        boolean holdable = true;
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            char l = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            lower.append(l);
            holdable &= holds(l, byEmail);
        }
        return new UserPrefix(lower.toString(), byEmail, holdable);
    }

    /**
     * Whether {@code key} (from a client's cursor) could be what this kind of search sorts by: a
     * username's lower case, or an address. Anything else (a NUL, which PostgreSQL cannot take,
     * too) is not a key this server issued.
     */
    public boolean mayBeKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX || (key.indexOf('@') >= 0) != byEmail) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (!holds(key.charAt(i), byEmail)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a lower-case username ({@code byEmail} false) or address may hold {@code c}. */
    private static boolean holds(char c, boolean byEmail) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || (byEmail ? EMAIL_SYMBOLS.indexOf(c) >= 0 : c == '_' || c == '.' || c == '-');
    }
}
