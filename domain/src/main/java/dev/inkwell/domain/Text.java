package dev.inkwell.domain;

/** Length rules shared by every text field; lengths count Unicode code points, as PostgreSQL does. */
public final class Text {
    private Text() {
    }

    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Returns {@code value} if it has {@code min..max} code points, else throws for {@code field}. */
    public static String require(String field, String value, int min, int max) {
        if (value == null) {
            throw new InvalidException(field, "is required");
        }
        int n = length(value);
        if (n < min || n > max) {
            throw new InvalidException(field, min == max ? "must be " + min + " characters"
                    : "must be " + min + " to " + max + " characters long");
        }
        return value;
    }

    /** Like {@link #require} but null stays null (an optional field). */
    public static String optional(String field, String value, int max) {
        return value == null ? null : require(field, value, 0, max);
    }
}
