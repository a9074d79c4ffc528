package dev.inkwell.ops.demo;

import org.jdbi.v3.core.Handle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The words of demo posts, each with its lexemes under the 'english' text search configuration as
 * PostgreSQL computed them once per word (a stop word has none, a word usually has one), so that
 * a post's search vector is assembled from them ({@link SearchVectors}) rather than recomputed
 * from its text. Lexemes are numbered in tsvector order (bytewise), so a vector's entries sort as
 * numbers.
 */
final class Vocabulary {
    private final byte[][] words;
    private final int[][] lexemesOfWord;
    private final byte[][] lexemes;

    private Vocabulary(byte[][] words, int[][] lexemesOfWord, byte[][] lexemes) {
        this.words = words;
        this.lexemesOfWord = lexemesOfWord;
        this.lexemes = lexemes;
    }

    /**
     * The words of posts (the session needs {@link DemoDataDao#createHelpers}): 20,000 distinct six-letter
     * words, three consonant-vowel syllables from the base-100 digits of a bijection of the rank k, so a
     * search for one word finds that word only; each with its lexemes as the insert trigger's expression
     * makes them, computed once here rather than once per post.
     */
    static Vocabulary load(Handle handle) {
        List<Map.Entry<String, List<String>>> words = handle.createQuery("""
                SELECT word, tsvector_to_array(to_tsvector('english'::regconfig, word)) AS lexemes
                  FROM generate_series(1, 20000) k,
                       LATERAL (SELECT ((k::bigint * 48271) % 1000000)::int AS x) q,
                       LATERAL (SELECT pg_temp.syllable(x % 100) || pg_temp.syllable((x / 100) % 100)
                                       || pg_temp.syllable(x / 10000) AS word) w
                 ORDER BY k
                """).map((rs, ctx) -> Map.entry(rs.getString("word"), List.of((String[]) rs.getArray("lexemes").getArray())))
                .list();
        return of(words.stream().map(Map.Entry::getKey).toList(), words.stream().map(Map.Entry::getValue).toList());
    }

    /**
     * {@code words.get(i)} is word number i + 1, {@code lexemes.get(i)} its lexemes. A word must be one
     * run of ASCII letters: the text search parser then reads it as one token, one position.
     */
    static Vocabulary of(List<String> words, List<List<String>> lexemes) {
        if (words.size() != lexemes.size()) {
            throw new IllegalArgumentException("one list of lexemes per word");
        }
        Map<String, Integer> ranks = new TreeMap<>((x, y) -> Arrays.compareUnsigned(bytes(x), bytes(y)));
        lexemes.forEach(list -> list.forEach(lexeme -> ranks.put(lexeme, 0)));
        byte[][] sorted = new byte[ranks.size()][];
        int rank = 0;
        for (Map.Entry<String, Integer> entry : ranks.entrySet()) {
            entry.setValue(rank);
            sorted[rank++] = bytes(entry.getKey());
        }
        byte[][] wordBytes = new byte[words.size()][];
        int[][] lexemesOfWord = new int[words.size()][];
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.matches("[A-Za-z]+")) {
                throw new IllegalArgumentException("not a plain word: " + word);
            }
            wordBytes[i] = bytes(word);
            lexemesOfWord[i] = lexemes.get(i).stream().mapToInt(ranks::get).sorted().distinct().toArray();
        }
        return new Vocabulary(wordBytes, lexemesOfWord, sorted);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    int size() {
        return words.length;
    }

    /** Word number {@code k} (1-based, as the seed's ranks). */
    byte[] word(int k) {
        return words[k - 1];
    }

    /** The lexeme numbers of word {@code k}. */
    int[] lexemesOf(int k) {
        return lexemesOfWord[k - 1];
    }

    int lexemeCount() {
        return lexemes.length;
    }

    byte[] lexeme(int number) {
        return lexemes[number];
    }
}
