package dev.inkwell.ops.demo;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * A post's search vector as the insert trigger of changeset 011 computes it,
 * {@code setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', content), 'B')},
 * assembled from the {@link Vocabulary}'s lexemes instead of parsing and stemming the text again,
 * in tsvector's binary form (for COPY). What to_tsvector and || do, and so what this does: every
 * word takes the next position (a stop word too, though it adds no lexeme); the content's
 * positions follow the title's largest position that has a lexeme; a lexeme keeps its positions in
 * order, each with its weight. One instance per thread: it reuses its arrays.
 */
final class SearchVectors {
    private static final int WEIGHT_A = 3 << 14;
    private static final int WEIGHT_B = 2 << 14;
    /** Fewer words than tsvector's limits (255 positions per lexeme, position 16,383), so that neither applies. */
    static final int MAX_WORDS = 255;

    private final Vocabulary vocabulary;
    /** lexeme number << 16 | position, sorted: the vector's entries in order, their positions in order. */
    private long[] entries = new long[256];
    private int count;
    private int lastTitlePosition;
    private int lexemes;
    private int bytes;

    SearchVectors(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /**
     * Takes the vector of a post whose words (vocabulary numbers) are {@code words[from, from + titleWords)}
     * for the title and the {@code contentWords} after them for the content; then {@link #length()} and
     * {@link #writeTo(BinaryCopy)}.
     */
    void of(int[] words, int from, int titleWords, int contentWords) {
        if (titleWords + contentWords > MAX_WORDS) {
            throw new IllegalArgumentException("more than " + MAX_WORDS + " words");
        }
        count = 0;
        lastTitlePosition = 0;
        for (int j = 0; j < titleWords; j++) {
            if (add(words[from + j], j + 1)) {
                lastTitlePosition = j + 1;
            }
        }
        for (int j = 0; j < contentWords; j++) {
            add(words[from + titleWords + j], lastTitlePosition + j + 1);
        }
        Arrays.sort(entries, 0, count);
        lexemes = 0;
        bytes = Integer.BYTES;
        long previous = -1;
        for (int i = 0; i < count; i++) {
            long lexeme = entries[i] >>> 16;
            if (lexeme != previous) {
                lexemes++;
                bytes += vocabulary.lexeme((int) lexeme).length + 1 + Short.BYTES;
                previous = lexeme;
            }
            bytes += Short.BYTES;
        }
    }

    private boolean add(int word, int position) {
        int[] lexemesOfWord = vocabulary.lexemesOf(word);
        if (count + lexemesOfWord.length > entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        for (int lexeme : lexemesOfWord) {
            entries[count++] = (long) lexeme << 16 | position;
        }
        return lexemesOfWord.length > 0;
    }

    /** The binary form's size in bytes. */
    int length() {
        return bytes;
    }

    /**
     * tsvector's binary form: the number of lexemes, then each lexeme (in order, NUL-terminated)
     * with its number of positions and the positions (weight in the top two bits).
     */
    void writeTo(BinaryCopy copy) throws SQLException {
        copy.int4(lexemes);
        int i = 0;
        while (i < count) {
            long lexeme = entries[i] >>> 16;
            int end = i + 1;
            while (end < count && entries[end] >>> 16 == lexeme) {
                end++;
            }
            copy.bytes(vocabulary.lexeme((int) lexeme));
            copy.int1(0);
            copy.int2(end - i);
            for (; i < end; i++) {
                int position = (int) (entries[i] & 0xFFFF);
                copy.int2(position | (position <= lastTitlePosition ? WEIGHT_A : WEIGHT_B));
            }
        }
    }
}
