package dev.inkwell.persistence.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The layout of the read cache's entries that carry JSON as sent (a post, a list page): one ASCII
 * header line, then the JSON, so that a hit hands the JSON out without parsing it. What the
 * header holds is each kind's own ({@code PostEntryCodec}, {@link ListPage}).
 */
public final class HeaderLine {
    private HeaderLine() {
    }

    /** {@code header}, a newline, then {@code json}. */
    public static byte[] join(String header, byte[] json) {
        byte[] line = (header + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(line, line.length + json.length);
        System.arraycopy(json, 0, out, line.length, json.length);
        return out;
    }

    /** The index of the header's newline, or {@code entry.length} when there is none (not an entry of this layout). */
    public static int end(byte[] entry) {
        int newline = 0;
        while (newline < entry.length && entry[newline] != '\n') {
            newline++;
        }
        return newline;
    }

    /** The header of an entry whose {@link #end} is {@code end}. */
    public static String header(byte[] entry, int end) {
        return new String(entry, 0, end, StandardCharsets.US_ASCII);
    }

    /** The JSON after the header line that ends at {@code end}. */
    public static byte[] json(byte[] entry, int end) {
        return Arrays.copyOfRange(entry, end + 1, entry.length);
    }
}
