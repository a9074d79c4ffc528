package dev.inkwell.ops.demo;

import dev.inkwell.ops.demo.DemoData.Seeded;
import dev.inkwell.ops.demo.DemoData.Size;
import dev.inkwell.domain.post.PostRules;
import org.jdbi.v3.core.Handle;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The posts of a seed and their tags, generated in the JVM, value for value what the seed's SQL
 * generated before (DemoDataIT pins them; DemoPostsIT compares them with that SQL), for post
 * number p (1-based; id = the first post id - 1 + p):
 * <ul>
 * <li>author: uniform over the users, {@code h(p, 6) % users}; category: {@code zipf(p, 7, categories)};
 * <li>title: 8 words, word j {@code zipf(p, 1000 + j, words)}; content: {@code 136 + h(p, 3) % 21} words
 *     (about 1 KB), word j {@code zipf(p, j, words)};
 * <li>published (80%): {@code h(p, 5) % 5 <> 0};
 * <li>created (and updated, and published if so): the anchor minus 730 days, plus p - 1 steps of
 *     730 days / posts, plus {@code u01(p, 10)} times 300 seconds, in PostgreSQL's interval
 *     arithmetic, in UTC;
 * <li>tags: {@code 1 + h(p, 8) % 5} draws {@code zipf(p, 100 + j, tags)}, duplicates dropped (about 3);
 * <li>slug: the title's slug words ({@link PostRules#slugOf}) and "-" and the post's id, unique without a
 *     lookup (a seed fills a database without posts; PostWrites gives a new post "-" and its id when
 *     its words are taken, so no later post can meet one of these).
 * </ul>
 */
final class DemoPosts {
    static final int TITLE_WORDS = 8;
    private static final int MAX_CONTENT_WORDS = 136 + 20;
    private static final int MAX_TAGS = 5;
    static final Instant ANCHOR = Instant.parse("2026-11-01T00:00:00Z");
    private static final long DAY_MICROS = 86_400_000_000L;
    private static final long START_MICROS = ChronoUnit.MICROS.between(Instant.EPOCH, ANCHOR.minus(730, ChronoUnit.DAYS));

    /** PostgreSQL's {@code interval '730 days' / posts}: whole days and microseconds. */
    record Step(long days, long micros) {
    }

    private final Seeded ids;
    private final Vocabulary vocabulary;
    private final Zipf words;
    private final Zipf categories;
    private final Zipf tags;
    private final Step step;

    DemoPosts(Seeded ids, Vocabulary vocabulary, Zipf words, Zipf categories, Zipf tags, Step step) {
        this.ids = ids;
        this.vocabulary = vocabulary;
        this.words = words;
        this.categories = categories;
        this.tags = tags;
        this.step = step;
    }

    /**
     * The generator of the seed {@code ids}, with what it takes from the server: the vocabulary, each
     * Zipf draw's {@code ln(n + 1)}, and the step between two posts ({@code interval '730 days' / posts}).
     * The session needs {@link DemoDataDao#createHelpers}.
     */
    static DemoPosts prepare(Handle handle, Seeded ids, Zipf.Server server) {
        DemoDataDao dao = handle.attach(DemoDataDao.class);
        Vocabulary vocabulary = Vocabulary.load(handle);
        Size size = ids.size();
        Step step = handle.createQuery("""
                SELECT extract(day FROM s)::bigint AS days,
                       (extract(epoch FROM s) * 1000000)::bigint - extract(day FROM s)::bigint * 86400000000 AS micros
                  FROM (SELECT interval '730 days' / greatest(:posts, 1) AS s) q
                """).bind("posts", size.posts()).map((rs, ctx) -> new Step(rs.getLong("days"), rs.getLong("micros"))).one();
        return new DemoPosts(ids, vocabulary, new Zipf(vocabulary.size(), dao.lnPlusOne(vocabulary.size()), server),
                new Zipf(size.categories(), dao.lnPlusOne(size.categories()), server),
                new Zipf(size.tags(), dao.lnPlusOne(size.tags()), server), step);
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Posts {@code first..last} (post numbers, 1-based). */
    Slice slice(int first, int last) {
        Slice s = new Slice(this, first, last - first + 1);
        int word = 0;
        int tag = 0;
        for (int i = 0; i < s.count; i++) {
            long p = first + i;
            s.authors[i] = ids.firstUserId() + Draws.h(p, 6) % ids.size().users();
            s.categories[i] = ids.firstCategoryId() - 1 + categories.draw(p, 7);
            s.published[i] = Draws.h(p, 5) % 5 != 0;
            s.micros[i] = START_MICROS + (p - 1) * step.days() * DAY_MICROS + (long) Math.rint((double) step.micros() * (p - 1))
                    + (long) Math.rint(300_000_000.0 * Draws.u01(p, 10));
            int content = 136 + (int) (Draws.h(p, 3) % 21);
            s.wordStart[i] = word;
            for (int j = 1; j <= TITLE_WORDS; j++) {
                s.words[word++] = words.draw(p, 1000 + j);
            }
            for (int j = 1; j <= content; j++) {
                s.words[word++] = words.draw(p, j);
            }
            s.tagStart[i] = tag;
            int draws = 1 + (int) (Draws.h(p, 8) % MAX_TAGS);
            for (int j = 1; j <= draws; j++) {
                long id = ids.firstTagId() - 1 + tags.draw(p, 100 + j);
                if (!contains(s.tags, s.tagStart[i], tag, id)) {
                    s.tags[tag++] = id;
                }
            }
        }
        s.wordStart[s.count] = word;
        s.tagStart[s.count] = tag;
        return s;
    }

    private static boolean contains(long[] array, int from, int to, long value) {
        for (int i = from; i < to; i++) {
            if (array[i] == value) {
                return true;
            }
        }
        return false;
    }

    /** Generated posts, held until their posts, search rows and tags are written. */
    static final class Slice {
        static final String COPY_POSTS = "COPY posts (id, author_id, category_id, title, slug, content, published, published_at,"
                + " created_at, updated_at) FROM STDIN (FORMAT binary)";
        static final String COPY_SEARCH = "COPY post_search (post_id, published, author_id, search) FROM STDIN (FORMAT binary)";
        static final String COPY_TAGS = "COPY post_tags (post_id, tag_id) FROM STDIN (FORMAT binary)";

        private final DemoPosts posts;
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

        private Slice(DemoPosts posts, int first, int count) {
            this.posts = posts;
            this.first = first;
            this.count = count;
            authors = new long[count];
            categories = new long[count];
            published = new boolean[count];
            micros = new long[count];
            wordStart = new int[count + 1];
            words = new int[count * (TITLE_WORDS + MAX_CONTENT_WORDS)];
            tagStart = new int[count + 1];
            tags = new long[count * MAX_TAGS];
        }

        long id(int i) {
            return posts.ids.firstPostId() - 1 + first + i;
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
                text(copy, wordStart[i], wordStart[i] + TITLE_WORDS);
                slug(copy, wordStart[i], wordStart[i] + TITLE_WORDS, id(i));
                text(copy, wordStart[i] + TITLE_WORDS, wordStart[i + 1]);
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
            Vocabulary vocabulary = posts.vocabulary;
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
            Vocabulary vocabulary = posts.vocabulary;
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
                vectors.of(words, wordStart[i], TITLE_WORDS, wordStart[i + 1] - wordStart[i] - TITLE_WORDS);
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
}
