package dev.inkwell.ops.demo;

import dev.inkwell.persistence.testing.PostgresExtension;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vectors assembled from lexemes are to_tsvector's, byte for byte, also for what the demo
 * vocabulary does not have: stop words (they take a position and add no lexeme, also at the end
 * of a title), words with one stem, a word repeated, titles of stop words only, no content.
 */
class SearchVectorsIT {
    private static final List<String> WORDS = List.of("the", "a", "is", "over", "running", "runs", "run", "runner",
            "cats", "cat", "quickly", "fox", "jumped", "jumping", "zebra", "bacede", "before", "through", "in", "x");

    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private static Vocabulary vocabulary(Handle h) {
        List<List<String>> lexemes = new ArrayList<>();
        for (String word : WORDS) {
            lexemes.add(List.of(h.createQuery("SELECT tsvector_to_array(to_tsvector('english'::regconfig, :word))")
                    .bind("word", word).mapTo(String[].class).one()));
        }
        return Vocabulary.of(WORDS, lexemes);
    }

    private record Post(int[] words, int title, int content) {
        String text(int from, int to) {
            StringBuilder text = new StringBuilder();
            for (int w = from; w < to; w++) {
                text.append(w > from ? " " : "").append(WORDS.get(words[w] - 1));
            }
            return text.toString();
        }
    }

    private static List<Post> posts() {
        List<Post> posts = new ArrayList<>();
        posts.add(new Post(new int[] {1, 2, 3, 1, 2, 3, 1, 2, 5, 6}, 8, 2)); // a title of stop words only
        posts.add(new Post(new int[] {5, 9, 1, 2, 11, 12, 5, 6}, 3, 5)); // title ends in stop words
        posts.add(new Post(new int[] {5, 6, 7, 8, 14, 13}, 6, 0)); // no content
        posts.add(new Post(new int[] {1, 2}, 0, 2)); // no title words
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 300; i++) {
            int title = random.nextInt(9);
            int content = random.nextInt(160);
            int[] words = new int[title + content];
            for (int w = 0; w < words.length; w++) {
                words[w] = 1 + random.nextInt(WORDS.size());
            }
            posts.add(new Post(words, title, content));
        }
        return posts;
    }

    @Test
    void assembledVectorsAreToTsvectorsOfTheText() throws Exception {
        List<Post> posts = posts();

        long different = db.jdbi().withHandle(h -> h.inTransaction(t -> {
            Vocabulary vocabulary = vocabulary(t);
            SearchVectors vectors = new SearchVectors(vocabulary);
            t.execute("CREATE TEMPORARY TABLE assembled (id int, title text, content text, search tsvector) ON COMMIT DROP");
            BinaryCopy.copy(t, "COPY assembled FROM STDIN (FORMAT binary)", copy -> {
                for (int i = 0; i < posts.size(); i++) {
                    Post post = posts.get(i);
                    copy.row(4);
                    copy.field(4);
                    copy.int4(i);
                    byte[] title = post.text(0, post.title()).getBytes(StandardCharsets.UTF_8);
                    copy.field(title.length);
                    copy.bytes(title);
                    byte[] content = post.text(post.title(), post.words().length).getBytes(StandardCharsets.UTF_8);
                    copy.field(content.length);
                    copy.bytes(content);
                    vectors.of(post.words(), 0, post.title(), post.content());
                    copy.field(vectors.length());
                    vectors.writeTo(copy);
                }
            });
            assertThat(t.createQuery("SELECT count(*) FROM assembled").mapTo(Long.class).one()).isEqualTo(posts.size());
            return t.createQuery("""
                    SELECT count(*) FROM assembled
                     WHERE search <> setweight(to_tsvector('english'::regconfig, title), 'A')
                                  || setweight(to_tsvector('english'::regconfig, content), 'B')
                        OR search::text <> (setweight(to_tsvector('english'::regconfig, title), 'A')
                                           || setweight(to_tsvector('english'::regconfig, content), 'B'))::text
                    """).mapTo(Long.class).one();
        }));

        assertThat(different).isZero();
    }

    @Test
    void theTestWordsHaveStopWordsAndSharedStems() {
        db.jdbi().useHandle(h -> {
            Vocabulary vocabulary = vocabulary(h);
            assertThat(vocabulary.lexemesOf(1)).isEmpty(); // "the"
            assertThat(vocabulary.lexemesOf(5)).isEqualTo(vocabulary.lexemesOf(7)); // running, run
            assertThat(vocabulary.lexemeCount()).isLessThan(WORDS.size());
            assertThat(vocabulary.lexemesOf(5)).hasSize(1);
            assertThat(new String(vocabulary.lexeme(vocabulary.lexemesOf(5)[0]), StandardCharsets.UTF_8)).isEqualTo("run");
        });
    }
}
