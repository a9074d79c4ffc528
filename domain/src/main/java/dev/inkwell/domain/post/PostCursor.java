package dev.inkwell.domain.post;

import dev.inkwell.domain.InvalidException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque keyset position after the last post of a page: the sort it belongs to, that
 * post's sort key (its creation time, title or rank, as text) and its id. Clients see only
 * the encoded form and must send it back unchanged.
 */
public record PostCursor(PostSort sort, long id, String key) {
    private static final String VERSION = "1";

    public String encode() {
        String raw = VERSION + "|" + sort.code() + "|" + id + "|" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static PostCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 4);
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw invalid();
            }
            return new PostCursor(PostSort.fromCode(parts[1]), Long.parseLong(parts[2]), parts[3]);
        } catch (IllegalArgumentException | InvalidException e) {
            throw invalid();
        }
    }

    private static InvalidException invalid() {
        return new InvalidException("cursor", "is not a cursor this server issued");
    }
}
