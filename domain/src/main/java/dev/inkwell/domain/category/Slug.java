package dev.inkwell.domain.category;

import dev.inkwell.domain.InvalidException;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL slugs: lower-case ASCII words of letters and digits joined by single hyphens, 1–100 long. */
public final class Slug {
    public static final int MAX = 100;
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    private Slug() {
    }

    public static String validate(String slug) {
        if (slug == null || slug.isEmpty()) {
            throw new InvalidException("slug", "is required");
        }
        if (slug.length() > MAX || !SHAPE.matcher(slug).matches()) {
            throw new InvalidException("slug",
                    "must be 1 to " + MAX + " lower-case letters or digits, words joined by single hyphens");
        }
        return slug;
    }

    /** Derives a slug from a display name ("Café Culture!" → "cafe-culture"), or throws if none is left. */
    public static String fromName(String name) {
        String slug = words(name, MAX);
        if (slug.isEmpty()) {
            throw new InvalidException("slug", "cannot be derived from the name; give one");
        }
        return slug;
    }

    /**
     * The words of {@code text} as a slug, at most {@code max} long ("Café Culture!" → "cafe-culture"):
     * accents dropped, ASCII letters and digits kept, the rest separating words; empty when none is left.
     */
    public static String words(String text, int max) {
        String ascii = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > max) {
            slug = slug.substring(0, max).replaceAll("-+$", "");
        }
        return slug;
    }
}
