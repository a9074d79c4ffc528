package dev.inkwell.api.post;

import dev.inkwell.domain.InvalidException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post's entity tag and the conditional headers that name it. The tag is the post's version
 * and a digest of its JSON as sent ({@code "3-9f86d081884c7d65"}): the version alone stayed the
 * same when the post's author, category or a tag was renamed, so one tag named different bodies
 * and a client's {@code If-None-Match} could keep an old name for ever. The digest (the first 64
 * bits of SHA-256, about a microsecond per post) changes with any byte. {@code If-Match} compares
 * the version only: it guards the post's own edits, and a rename of what the post embeds is no lost
 * update of it (the bare version, {@code "3"}, is accepted too, as tags were issued before).
 * {@code If-None-Match} compares whole tags, weakly (RFC 9110 13.1.2), as a cache sends them back.
 */
public final class PostETag {
    /** An {@code If-Match} tag: a tag as issued (the digest optional, weak or strong) or a bare version number. */
    private static final Pattern IF_MATCH = Pattern.compile("(?:W/)?\"(\\d{1,18})(?:-[0-9a-f]{16})?\"|(\\d{1,18})");
    private static final HexFormat HEX = HexFormat.of();
    private PostETag() {
    }

    /** The {@code ETag} header's value for a post at {@code version} sent as {@code json}, quotes included. */
    public static String of(long version, byte[] json) {
        return "\"" + version + "-" + HEX.formatHex(sha256(json), 0, 8) + "\"";
    }

    /**
     * The {@code ETag} of a body that has no version of its own (a feed): the digest alone,
     * quoted ({@code "9f86d081884c7d65"}).
     */
    public static String ofBody(byte[] body) {
        return "\"" + HEX.formatHex(sha256(body), 0, 8) + "\"";
    }

    /** The version an {@code If-Match} names; null when absent or "*" (any version); 422 when it names none. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher m = IF_MATCH.matcher(ifMatch.strip());
        if (!m.matches()) {
            throw new InvalidException("If-Match", "must be the post's ETag, e.g. \"3-9f86d081884c7d65\"");
        }
        return Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /**
     * Whether an {@code If-None-Match} (null when absent) names {@code etag}: "*", or a list of
     * tags one of which equals it once a weak prefix is set aside. A malformed header names nothing
     * (the full answer is never wrong).
     */
    public static boolean notModified(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String header = ifNoneMatch.strip();
        if (header.equals("*")) {
            return true;
        }
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
