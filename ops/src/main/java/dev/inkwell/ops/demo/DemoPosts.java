package dev.inkwell.ops.demo;

import dev.inkwell.ops.demo.DemoData.Seeded;
import dev.inkwell.ops.demo.DemoData.Size;
import dev.inkwell.domain.post.PostRules;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The posts of a seed and their tags, generated in the JVM, value for value what the seed's SQL
 * generated before (DemoDataRowsIT pins them; DemoPostsIT compares them with that SQL), for post
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
    static final int MAX_CONTENT_WORDS = 136 + 20;
    static final int MAX_TAGS = 5;
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
    PostSlice slice(int first, int last) {
        PostSlice s = new PostSlice(ids.firstPostId(), vocabulary, first, last - first + 1);
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
}
