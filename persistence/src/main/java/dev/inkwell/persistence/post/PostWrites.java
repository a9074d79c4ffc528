package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.persistence.StatementNames;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * The API's hot write, a new post, on Jdbi's core API (as {@link PostReads} reads: a SqlObject
 * call attaches a new extension each time) and in one statement: no transaction to open and
 * commit, one round trip. {@link PostDao#create} runs the same statement on its handle.
 */
public final class PostWrites {
    /** A tag race needs one more attempt; more means tags are created and deleted in a loop. */
    static final int CREATE_ATTEMPTS = 5;

    /**
     * The post, its missing tags and its tag links, returning the post as {@link PostSearch#SELECT}
     * does. Tags are inserted in one order (sorted by lower-cased name) so that concurrent writers
     * lock new tags in the same order. All parts of the statement see one snapshot: a tag that a
     * concurrent writer committed after it began is neither inserted here (a conflict) nor seen,
     * so the post is inserted only when each of its tags is new here or seen; else nothing is
     * written and {@link #create} runs the statement again, whose new snapshot sees that tag.
     */
    static final String INSERT = """
            WITH new_tags AS (
                INSERT INTO tags (name) SELECT unnest(CAST(:names AS text[]))
                ON CONFLICT (lower(name)) DO NOTHING
                RETURNING id, name
            ), its_tags AS (
                SELECT id, name FROM new_tags
                UNION ALL
                SELECT t.id, t.name FROM tags t WHERE lower(t.name) = ANY(CAST(:lowerNames AS text[]))
            ), p AS (
                INSERT INTO posts (author_id, category_id, title, content, published, published_at)
                SELECT :authorId, CAST(:categoryId AS bigint), CAST(:title AS text), CAST(:content AS text), :published,
                       CASE WHEN :published THEN now() END
                 WHERE (SELECT count(*) FROM its_tags) = cardinality(CAST(:lowerNames AS text[]))
                RETURNING id, title, content, published, published_at, created_at, updated_at, version, author_id, category_id
            ), links AS (
                INSERT INTO post_tags (post_id, tag_id) SELECT p.id, t.id FROM p CROSS JOIN its_tags t
            )
            SELECT p.id, p.title, p.content, p.published, p.published_at, p.created_at, p.updated_at, p.version,
                   p.author_id, (SELECT u.username FROM users u WHERE u.id = p.author_id) AS author_username,
                   p.category_id, (SELECT c.name FROM categories c WHERE c.id = p.category_id) AS category_name,
                   ARRAY(SELECT name FROM its_tags ORDER BY lower(name)) AS tags
              FROM p
            """;

    private final Jdbi jdbi;

    public PostWrites(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Creates the post and its tags (tags are created on first use) and returns it. Errors as a DAO method's. */
    public Post create(NewPost post) {
        return StatementNames.use(jdbi, PostWrites.class, "create", handle -> create(handle, post));
    }

    /** {@link #create} on {@code handle} (its transaction, if one is open). */
    static Post create(Handle handle, NewPost post) {
        String[] sorted = post.tags().stream()
                .sorted(Comparator.comparing((String n) -> n.toLowerCase(Locale.ROOT)))
                .toArray(String[]::new);
        String[] lower = Arrays.stream(sorted).map(n -> n.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        for (int attempt = 1; ; attempt++) {
            Optional<Post> created = handle.createQuery(INSERT)
                    .bindMethods(post)
                    .bind("names", sorted)
                    .bind("lowerNames", lower)
                    .map(PostMapper.POSTS)
                    .findOne();
            if (created.isPresent()) {
                return created.get();
            }
            if (attempt == CREATE_ATTEMPTS) {
                throw new IllegalStateException("the tags of a new post kept changing under " + attempt + " attempts");
            }
        }
    }
}
