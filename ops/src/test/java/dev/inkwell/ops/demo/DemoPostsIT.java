package dev.inkwell.ops.demo;

import dev.inkwell.ops.demo.DemoData.Seeded;
import dev.inkwell.ops.demo.DemoData.Size;
import dev.inkwell.persistence.testing.PostgresExtension;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The posts the JVM generates are those of the SQL that generated them before (kept here as the
 * reference, with its own helpers), at every size the benchmark seeds: DemoDataRowsIT's digests pin
 * a small seed, this compares posts drawn from the whole range of the standard set and of the
 * largest scale, and every post of the local demo set (whose posts are days apart).
 */
class DemoPostsIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private record Row(long id, long author, long category, String title, String content, boolean published, long micros,
                       List<Long> tags) {
    }

    private static void createReference(Handle h) {
        h.attach(DemoDataDao.class).createHelpers();
        h.execute("""
                CREATE FUNCTION pg_temp.zipf(a bigint, salt int, n int) RETURNS int LANGUAGE sql IMMUTABLE
                AS $$ SELECT least(n, floor(exp(pg_temp.u01(a, salt) * ln(n + 1.0::float8)))::int) $$
                """);
        h.execute("CREATE TEMPORARY TABLE demo_vocabulary (k int PRIMARY KEY, word text NOT NULL)");
        h.execute("""
                INSERT INTO demo_vocabulary
                SELECT k, pg_temp.syllable(x % 100) || pg_temp.syllable((x / 100) % 100) || pg_temp.syllable(x / 10000)
                  FROM generate_series(1, 20000) k, LATERAL (SELECT ((k::bigint * 48271) % 1000000)::int AS x) q
                """);
    }

    /** The SELECT of the seed's former INSERT INTO posts and INSERT INTO post_tags, for the given post numbers. */
    private static List<Row> reference(Handle h, Seeded ids, int[] sample) {
        Size size = ids.size();
        return h.createQuery("""
                SELECT :base + p AS id, :userBase + 1 + pg_temp.h(p, 6) % :users AS author,
                       :categoryBase + pg_temp.zipf(p, 7, :categories) AS category,
                       (SELECT string_agg(v.word, ' ' ORDER BY j) FROM generate_series(1, 8) j
                          JOIN demo_vocabulary v ON v.k = pg_temp.zipf(p, 1000 + j, 20000)) AS title,
                       (SELECT string_agg(v.word, ' ' ORDER BY j) FROM generate_series(1, 136 + (pg_temp.h(p, 3) % 21)::int) j
                          JOIN demo_vocabulary v ON v.k = pg_temp.zipf(p, j, 20000)) AS content,
                       published, (extract(epoch FROM t) * 1000000)::bigint AS micros,
                       (SELECT array_agg(tag ORDER BY tag)
                          FROM (SELECT DISTINCT :tagBase + pg_temp.zipf(p, 100 + j, :tags) AS tag
                                  FROM generate_series(1, 1 + (pg_temp.h(p, 8) % 5)::int) j) d) AS tags
                  FROM unnest(:sample::int[]) WITH ORDINALITY s(p, i),
                       LATERAL (SELECT pg_temp.h(p, 5) % 5 <> 0 AS published,
                                       timestamptz '2026-11-01 00:00:00+00' - interval '730 days'
                                       + (p - 1) * (interval '730 days' / greatest(:posts, 1))
                                       + pg_temp.u01(p, 10) * interval '300 seconds' AS t) c
                 ORDER BY i
                """)
                .bind("base", ids.firstPostId() - 1).bind("userBase", ids.firstUserId() - 1)
                .bind("categoryBase", ids.firstCategoryId() - 1).bind("tagBase", ids.firstTagId() - 1)
                .bind("users", size.users()).bind("categories", size.categories()).bind("tags", size.tags())
                .bind("posts", size.posts()).bind("sample", sample)
                .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getLong("author"), rs.getLong("category"), rs.getString("title"),
                        rs.getString("content"), rs.getBoolean("published"), rs.getLong("micros"),
                        Arrays.asList((Long[]) rs.getArray("tags").getArray())))
                .list();
    }

    private static List<Row> generated(Handle h, Seeded ids, int[] sample) {
        DemoDataDao dao = h.attach(DemoDataDao.class);
        DemoPosts posts = DemoPosts.prepare(h, ids, dao::zipf);
        Vocabulary vocabulary = posts.vocabulary();
        List<Row> rows = new ArrayList<>();
        for (int p : sample) {
            PostSlice s = posts.slice(p, p);
            int titleEnd = s.wordStart[0] + DemoPosts.TITLE_WORDS;
            List<Long> tags = Arrays.stream(s.tags, s.tagStart[0], s.tagStart[1]).sorted().boxed().toList();
            rows.add(new Row(s.id(0), s.authors[0], s.categories[0], text(vocabulary, s.words, s.wordStart[0], titleEnd),
                    text(vocabulary, s.words, titleEnd, s.wordStart[1]), s.published[0], s.micros[0], tags));
        }
        return rows;
    }

    private static String text(Vocabulary vocabulary, int[] words, int from, int to) {
        List<String> text = new ArrayList<>();
        for (int w = from; w < to; w++) {
            text.add(new String(vocabulary.word(words[w]), StandardCharsets.UTF_8));
        }
        return String.join(" ", text);
    }

    private void assertSameAsTheSql(Size size, int[] sample) {
        Seeded ids = new Seeded(size, 11, 3, 5, 101, 0);
        db.jdbi().useHandle(h -> {
            h.execute("SET TimeZone = 'UTC'");
            createReference(h);
            List<Row> reference = reference(h, ids, sample);
            List<Row> generated = generated(h, ids, sample);

            assertThat(generated).hasSize(sample.length);
            for (int i = 0; i < sample.length; i++) {
                assertThat(generated.get(i)).as("post %d of %d", sample[i], size.posts()).isEqualTo(reference.get(i));
            }
        });
    }

    private static int[] sample(int posts, int count) {
        SplittableRandom random = new SplittableRandom(posts);
        return IntStream.concat(IntStream.of(1, 2, posts - 1, posts), random.ints(count, 1, posts + 1)).toArray();
    }

    @Test
    void theStandardSetsPostsAreTheSqls() {
        assertSameAsTheSql(Size.STANDARD, sample(Size.STANDARD.posts(), 1_500));
    }

    @Test
    void theLargestScalesPostsAreTheSqls() {
        Size largest = Size.STANDARD.scaled(Size.MAX_SCALE);
        assertSameAsTheSql(largest, sample(largest.posts(), 1_500));
    }

    @Test
    void everyPostOfTheLocalDemoSetIsTheSqls() {
        assertSameAsTheSql(Size.DEMO, IntStream.rangeClosed(1, Size.DEMO.posts()).toArray());
    }
}
