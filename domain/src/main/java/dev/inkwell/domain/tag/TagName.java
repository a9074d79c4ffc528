package dev.inkwell.domain.tag;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Violations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Tag names: 1–50 characters of letters, digits, single spaces and {@code _ . + # -} ("c++",
 * "c#", "machine learning"), starting with a letter or digit. Input is trimmed and inner runs of
 * whitespace become one space.
 */
public final class TagName {
    public static final int MAX = 50;
    /** A post carries at most this many tags. */
    public static final int MAX_PER_POST = 20;
    private static final Pattern SHAPE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.+#-]*");
    /** Compiled once: {@code String.replaceAll} compiles its pattern on every call, and every post write normalizes its tags. */
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TagName() {
    }

    public static String normalize(String raw) {
        return normalize("name", raw);
    }

    public static String normalize(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidException(field, "must not be blank");
        }
        String name = SPACES.matcher(raw.strip()).replaceAll(" ");
        if (name.codePointCount(0, name.length()) > MAX || !SHAPE.matcher(name).matches()) {
            throw new InvalidException(field, "must be 1 to " + MAX
                    + " letters, digits, spaces or _ . + # -, starting with a letter or digit");
        }
        return name;
    }

    /**
     * Normalizes a post's tag list: each name checked, duplicates (ignoring case) dropped, the
     * first spelling kept, order kept.
     */
    public static List<String> normalizeAll(String field, List<String> raw) {
        Violations v = new Violations();
        Map<String, String> byKey = new LinkedHashMap<>();
        for (int i = 0; i < raw.size() && i <= MAX_PER_POST * 2; i++) {
            String name = v.collect(normalizer(field + "[" + i + "]", raw.get(i)));
            if (name != null) {
                byKey.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            }
        }
        v.throwIfAny();
        if (byKey.size() > MAX_PER_POST || raw.size() > MAX_PER_POST * 2) {
            throw new InvalidException(field, "must have at most " + MAX_PER_POST + " tags");
        }
        return List.copyOf(byKey.values());
    }

    private static Supplier<String> normalizer(String field, String raw) {
        return () -> normalize(field, raw);
    }
}
