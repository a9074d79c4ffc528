package dev.inkwell.ops.demo;

import dev.inkwell.domain.post.PostRules;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Posts that {@link DemoPosts#slice} generated, held until their posts, search rows and tags are
 * written: their values as arrays (a slice is a few arrays however many posts it holds, not an object
 * per post), and the rows of the three {@code COPY}s that write them, in PostgreSQL's binary format.
 */
final class PostSlice {
    static final String COPY_POSTS = "COPY posts (id, author_id, category_id, title, slug, content, published, published_at,"
            + " created_at, updated_at) FROM STDIN (FORMAT binary)";
    static final String COPY_SEARCH = "COPY post_search (post_id, published, author_id, search) FROM STDIN (FORMAT binary)";
    static final String COPY_TAGS = "COPY post_tags (post_id, tag_id) FROM STDIN (FORMAT binary)";

    private final long firstPostId;
    private final Vocabulary vocabulary;
    final int first;
    final int count;
    final long[] authors;
    final long[] categories;
    final boolean[] published;
    final long[] micros;
    final int[] wordStart;
    final int[] words;
    final int[] tagStart;
    final long[] tags;

    /** Room for posts {@code first..first+count-1} (post numbers) of a seed whose first post id is {@code firstPostId}. */
    PostSlice(long firstPostId, Vocabulary vocabulary, int first, int count) {
        this.firstPostId = firstPostId;
        this.vocabulary = vocabulary;
        this.first = first;
        this.count = count;
        authors = new long[count];
        categories = new long[count];
        published = new boolean[count];
        micros = new long[count];
        wordStart = new int[count + 1];
        words = new int[count * (DemoPosts.TITLE_WORDS + DemoPosts.MAX_CONTENT_WORDS)];
        tagStart = new int[count + 1];
        tags = new long[count * DemoPosts.MAX_TAGS];
    }

    long id(int i) {
        return firstPostId - 1 + first + i;
    }

    int tagCount() {
        return tagStart[count];
    }

    /** The rows of {@link #COPY_POSTS}. */
    void writePosts(BinaryCopy copy) throws SQLException {
        for (int i = 0; i < count; i++) {
            copy.row(10);
            copy.int8Field(id(i));
            copy.int8Field(authors[i]);
            copy.int8Field(categories[i]);
            text(copy, wordStart[i], wordStart[i] + DemoPosts.TITLE_WORDS);
            slug(copy, wordStart[i], wordStart[i] + DemoPosts.TITLE_WORDS, id(i));
            text(copy, wordStart[i] + DemoPosts.TITLE_WORDS, wordStart[i + 1]);
            copy.boolField(published[i]);
            if (published[i]) {
                copy.timestampField(micros[i]);
            } else {
                copy.nullField();
            }
            copy.timestampField(micros[i]);
            copy.timestampField(micros[i]);
        }
    }

    /**
     * The slug of a title of words {@code from..to-1} and post {@code id}: the words lower-cased
     * (a vocabulary word is one run of ASCII letters, so these are the title's slug words), joined
     * by hyphens and cut as {@link PostRules#slugOf} cuts them, then "-" and the id.
     */
    private void slug(BinaryCopy copy, int from, int to, long id) throws SQLException {
        byte[] slug = new byte[PostRules.SLUG_WORDS_MAX + 21];
        int length = 0;
        for (int w = from; w < to && length < PostRules.SLUG_WORDS_MAX; w++) {
            if (w > from) {
                slug[length++] = '-';
            }
            for (byte b : vocabulary.word(words[w])) {
                if (length < PostRules.SLUG_WORDS_MAX) {
                    slug[length++] = (byte) Character.toLowerCase(b);
                }
            }
        }
        while (length > 0 && slug[length - 1] == '-') {
            length--;
        }
        byte[] suffix = ("-" + id).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(suffix, 0, slug, length, suffix.length);
        length += suffix.length;
        copy.field(length);
        copy.bytes(Arrays.copyOf(slug, length));
    }

    /** Words {@code from..to-1}, separated by spaces. */
    private void text(BinaryCopy copy, int from, int to) throws SQLException {
        int length = to - from - 1;
        for (int w = from; w < to; w++) {
            length += vocabulary.word(words[w]).length;
        }
        copy.field(length);
        for (int w = from; w < to; w++) {
            if (w > from) {
                copy.int1(' ');
            }
            copy.bytes(vocabulary.word(words[w]));
        }
    }

    /** The rows of {@link #COPY_SEARCH}: the post's vector as the insert trigger would have computed it. */
    void writeSearch(BinaryCopy copy, SearchVectors vectors) throws SQLException {
        for (int i = 0; i < count; i++) {
            copy.row(4);
            copy.int8Field(id(i));
            copy.boolField(published[i]);
            copy.int8Field(authors[i]);
            vectors.of(words, wordStart[i], DemoPosts.TITLE_WORDS, wordStart[i + 1] - wordStart[i] - DemoPosts.TITLE_WORDS);
            copy.field(vectors.length());
            vectors.writeTo(copy);
        }
    }

    /** The rows of {@link #COPY_TAGS}. */
    void writeTags(BinaryCopy copy) throws SQLException {
        for (int i = 0; i < count; i++) {
            for (int t = tagStart[i]; t < tagStart[i + 1]; t++) {
                copy.row(2);
                copy.int8Field(id(i));
                copy.int8Field(tags[t]);
            }
        }
    }
}
