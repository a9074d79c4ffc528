package dev.inkwell.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque keyset position after the last row of a page of a whole-table list (users,
 * categories, tags): the list it belongs to, that row's sort key as the database computed it
 * ({@code lower(name)}; null for a list ordered by id alone) and its id. Clients see only the
 * encoded form and must send it back unchanged. Its version tag differs from
 * {@link dev.inkwell.domain.post.PostCursor}'s, so neither kind ever decodes as the other, and a
 * cursor of one list is refused by another.
 */
public record TableCursor(String list, long id, String key) {
    private static final String VERSION = "t1";

    public TableCursor {
        if (list.isEmpty() || list.indexOf('|') >= 0 || (key != null && key.isEmpty())) {
            throw new IllegalArgumentException("a table cursor needs a list name without '|' and a non-empty key or none");
        }
    }

    public String encode() {
        String raw = VERSION + "|" + list + "|" + id + "|" + (key == null ? "" : key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@code cursor} encodes, when the server issued it for {@code list}; else a 422 naming {@code cursor}. */
    public static TableCursor decode(String cursor, String list) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 4);
            if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[1].equals(list)) {
                throw invalid();
            }
            return new TableCursor(list, Long.parseLong(parts[2]), parts[3].isEmpty() ? null : parts[3]);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static InvalidException invalid() {
        return new InvalidException("cursor", "is not a cursor this server issued for this list");
    }
}
