package dev.inkwell.domain;

/**
 * Rules shared by every text field: lengths count Unicode code points, as PostgreSQL does; and a
 * text is text: no control characters but newline (LF, CR) and tab, and no unpaired UTF-16
 * surrogate (JSON's "\ud800" escape), which no encoding can store and the driver would turn
 * into '?' without a word.
 */
public final class Text {
    private Text() {
    }

    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Returns {@code value} if it is text of {@code min..max} code points, else throws for {@code field}. */
    public static String require(String field, String value, int min, int max) {
        if (value == null) {
            throw new InvalidException(field, "is required");
        }
        int n = length(value);
        if (n < min || n > max) {
            throw new InvalidException(field, min == max ? "must be " + min + " characters"
                    : "must be " + min + " to " + max + " characters long");
        }
        return plain(field, value);
    }

    /** Like {@link #require} but null stays null (an optional field). */
    public static String optional(String field, String value, int max) {
        return value == null ? null : require(field, value, 0, max);
    }

    /** Returns {@code value} if it has no control character but newline and tab, and no unpaired surrogate. */
    public static String plain(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new InvalidException(field, "must not contain control characters (newline and tab are allowed)");
            }
        }
        return encodable(field, value);
    }

    /** Returns {@code value} if it has no unpaired surrogate (for secrets, where any other character is fine). */
    public static String encodable(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidException(field, "must not contain an unpaired UTF-16 surrogate (\\ud800-\\udfff): it is not text");
            }
        }
        return value;
    }
}
