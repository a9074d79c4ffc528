package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import dev.inkwell.persistence.ChangesCachedReads;
import dev.inkwell.persistence.DirectQuery;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.Types;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The two hot writes of posts as one statement each, what {@link PostWrites} runs: a new post with
 * its tags, and an edit of a post's own fields. Their SQL, their arguments in the order the
 * statements take them, and the new post's retries; run in autocommit (one round trip, no
 * transaction to begin and commit) with plain JDBC ({@link DirectQuery}): through Jdbi, the
 * statement's setup (configuration copies, argument factories, cleanables) cost about as much CPU
 * as the driver's own work. Nothing here invalidates the cache: that is {@link PostWrites}'s, and
 * only it (and the DAO's own transactions) may call these. The statements are named after the
 * service's methods that run them ({@code /* PostWrites.create * /}), as operators find them in
 * {@code pg_stat_statements}.
 */
final class PostStatements {
    /** A tag race needs one more attempt; more means tags are created and deleted in a loop. */
    static final int CREATE_ATTEMPTS = 5;

    /**
     * The post, its missing tags and its tag links, returning the post as {@link PostSearch#SELECT}
     * does. Tags are inserted in one order (sorted by lower-cased name) so that concurrent writers
     * lock new tags in the same order. All parts of the statement see one snapshot: a tag that a
     * concurrent writer committed after it began is neither inserted here (a conflict) nor seen,
     * so the post is inserted only when each of its tags is new here or seen; else nothing is
     * written and {@link #insert} runs the statement again, whose new snapshot sees that tag.
     * The slug is the title's words ({@code :slugWords}) when no post has them (nor had them: an
     * old slug still leads to its post), else the words and "-" and the new post's id, which
     * makes it unique in one lookup however many posts share a title; a post that took the same
     * slug after this statement's snapshot is a conflict on the slug, and then nothing is written
     * either (the next run sees that post and takes the id's slug). Two creates of one title thus
     * make two posts, never an error. Its tags are looked up as {@code lower(name) = ANY(...)}:
     * the generic plan PostgreSQL keeps for it reads a small tags table whole, and a form whose
     * generic plan probes the index for each name cost more (priced at ten probes, above the custom
     * plans, it had PostgreSQL plan the whole statement again for every post).
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
            ), n AS (
                SELECT nextval(pg_get_serial_sequence('posts', 'id')) AS id
            ), p AS (
                INSERT INTO posts (id, author_id, category_id, title, slug, content, published, published_at, publish_at)
                SELECT n.id, :authorId, CAST(:categoryId AS bigint), CAST(:title AS text),
                       CASE WHEN EXISTS (SELECT 1 FROM posts WHERE slug = CAST(:slugWords AS text))
                              OR EXISTS (SELECT 1 FROM post_old_slugs WHERE slug = CAST(:slugWords AS text))
                            THEN CAST(:slugWords AS text) || '-' || n.id ELSE CAST(:slugWords AS text) END,
                       CAST(:content AS text), :published, CASE WHEN :published THEN now() END, CAST(:publishAt AS timestamptz)
                  FROM n
                 WHERE (SELECT count(*) FROM its_tags) = cardinality(CAST(:lowerNames AS text[]))
                ON CONFLICT (slug) DO NOTHING
                RETURNING id, title, slug, content, published, published_at, publish_at, created_at, updated_at, version,
                          author_id, category_id, comment_count
            ), links AS (
                INSERT INTO post_tags (post_id, tag_id) SELECT p.id, t.id FROM p CROSS JOIN its_tags t
            )
            SELECT p.id, p.title, p.slug, p.content, p.published, p.published_at, p.publish_at, p.created_at, p.updated_at, p.version,
                   p.author_id, (SELECT u.username FROM users u WHERE u.id = p.author_id) AS author_username,
                   p.category_id, (SELECT c.name FROM categories c WHERE c.id = p.category_id) AS category_name,
                   ARRAY(SELECT name FROM its_tags ORDER BY lower(name)) AS tags, p.comment_count
              FROM p
            """;

    /**
     * What an edit sets: the non-null fields of {@code :c} (a {@link PostChanges}), a new version.
     * A schedule ({@code publish_at}) is set or cleared when the change names it, and cleared when
     * the change decides {@code published} without it (published now, or a draft without a date);
     * a schedule on a post that stays published breaks {@code posts_publish_at_check} (422).
     */
    static final String SET_CHANGES = """
               SET title        = COALESCE(:c.title, title),
                   slug         = COALESCE(:c.slug, slug),
                   content      = COALESCE(:c.content, content),
                   category_id  = CASE WHEN :c.categoryChanged THEN :c.categoryId ELSE category_id END,
                   published    = COALESCE(:c.published, published),
                   published_at = CASE WHEN NOT COALESCE(:c.published, published) THEN NULL
                                       WHEN published_at IS NULL THEN now()
                                       ELSE published_at END,
                   publish_at   = CASE WHEN :c.publishAtChanged THEN CAST(:c.publishAt AS timestamptz)
                                       WHEN CAST(:c.published AS boolean) IS NOT NULL THEN NULL
                                       ELSE publish_at END,
                   version      = version + 1,
                   updated_at   = now()
            """;

    /** Whether {@code :c} changes a field of the row (tags aside): an edit that changes nothing writes nothing. */
    static final String CHANGES_ANYTHING = """
            (title, content, published, slug) IS DISTINCT FROM
                (COALESCE(:c.title, title), COALESCE(:c.content, content), COALESCE(:c.published, published), COALESCE(:c.slug, slug))
             OR (:c.categoryChanged AND category_id IS DISTINCT FROM CAST(:c.categoryId AS bigint))
             OR publish_at IS DISTINCT FROM CASE WHEN :c.publishAtChanged THEN CAST(:c.publishAt AS timestamptz)
                                                 WHEN CAST(:c.published AS boolean) IS NOT NULL THEN NULL
                                                 ELSE publish_at END
            """;

    /**
     * An edit without tags that the editor may make, at the expected version (any when null),
     * that changes something, returning the post as {@link PostSearch#SELECT} does. The WHERE is
     * checked under the row's lock: READ COMMITTED re-checks it against a row that a concurrent
     * writer committed meanwhile, so access, version and change are decided on the row written.
     * Whether the editor may change the post depends only on its author, which no edit changes.
     */
    static final String PATCH = "WITH p AS (UPDATE posts " + SET_CHANGES + """
             WHERE id = :id
               AND (author_id = :editorId OR :admin)
               AND (CAST(:expectedVersion AS bigint) IS NULL OR version = :expectedVersion)
               AND (""" + CHANGES_ANYTHING + """
            )
            RETURNING id, title, slug, content, published, published_at, publish_at, created_at, updated_at, version,
                      author_id, category_id, comment_count
            )
            """ + " SELECT " + PostSearch.COLUMNS + " FROM p";

    /** {@link #INSERT}, its arguments in this order (see {@link #insertArguments}). */
    private static final DirectQuery<Post> INSERT_POST = DirectQuery.of(PostWrites.class, "create", INSERT,
            PostMapper.reader(), "authorId", "categoryId", "title", "slugWords", "content", "published", "publishAt", "names",
            "lowerNames");
    /** {@link #PATCH}, its arguments in this order (see {@link #patchArguments}). */
    private static final DirectQuery<Post> PATCH_POST = DirectQuery.of(PostWrites.class, "patch", PATCH,
            PostMapper.reader(), "id", "editorId", "admin", "expectedVersion",
            "c.title", "c.content", "c.categoryChanged", "c.categoryId", "c.published", "c.slug", "c.publishAtChanged", "c.publishAt");

    /** {@link #PATCH} (see {@link PostWrites#patch}), in autocommit. */
    @ChangesCachedReads
    static Optional<Post> patch(Jdbi jdbi, long id, long editorId, boolean admin, PostChanges changes, Long expectedVersion) {
        return PATCH_POST.findOne(jdbi, patchArguments(id, editorId, admin, changes, expectedVersion));
    }

    /** {@link #PATCH} on {@code handle} (its transaction, if one is open). */
    @ChangesCachedReads
    static Optional<Post> patch(Handle handle, long id, long editorId, boolean admin, PostChanges changes, Long expectedVersion) {
        return PATCH_POST.findOne(handle, patchArguments(id, editorId, admin, changes, expectedVersion));
    }

    /** {@link #PATCH}'s arguments; a field left as it is (null) binds as a null of its column's type. */
    private static Object[] patchArguments(long id, long editorId, boolean admin, PostChanges changes, Long expectedVersion) {
        return new Object[] {id, editorId, admin, DirectQuery.nullable(expectedVersion, Types.BIGINT),
            DirectQuery.nullable(changes.title(), Types.VARCHAR), DirectQuery.nullable(changes.content(), Types.VARCHAR),
            changes.categoryChanged(), DirectQuery.nullable(changes.categoryId(), Types.BIGINT),
            DirectQuery.nullable(changes.published(), Types.BOOLEAN), DirectQuery.nullable(changes.slug(), Types.VARCHAR),
            changes.publishAtChanged(), DirectQuery.nullable(changes.publishAt(), Types.TIMESTAMP_WITH_TIMEZONE)};
    }

    /** {@link #INSERT} until it wrote the post (see {@link PostWrites#create}), in autocommit. */
    @ChangesCachedReads
    static Post create(Jdbi jdbi, NewPost post) {
        return insert(post, arguments -> INSERT_POST.findOne(jdbi, arguments));
    }

    /**
     * {@link #create} on {@code handle} (its transaction, if one is open): for {@link PostDao#create},
     * which tests use to write fixtures.
     */
    @ChangesCachedReads
    static Post create(Handle handle, NewPost post) {
        return insert(post, arguments -> INSERT_POST.findOne(handle, arguments));
    }

    /** Runs {@link #INSERT} by {@code run} until it wrote the post (see {@link #INSERT}) and returns the post. */
    @ChangesCachedReads
    private static Post insert(NewPost post, Function<Object[], Optional<Post>> run) {
        Object[] arguments = insertArguments(post);
        for (int attempt = 1; ; attempt++) {
            Optional<Post> created = run.apply(arguments);
            if (created.isPresent()) {
                return created.get();
            }
            if (attempt == CREATE_ATTEMPTS) {
                throw new IllegalStateException("the tags or the slug of a new post kept being taken under " + attempt + " attempts");
            }
        }
    }

    /** {@link #INSERT}'s arguments: the tags sorted by lower-cased name, and lower-cased. */
    private static Object[] insertArguments(NewPost post) {
        String[] sorted = post.tags().stream()
                .sorted(Comparator.comparing((String n) -> n.toLowerCase(Locale.ROOT)))
                .toArray(String[]::new);
        String[] lower = Arrays.stream(sorted).map(n -> n.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        return new Object[] {post.authorId(), DirectQuery.nullable(post.categoryId(), Types.BIGINT), post.title(),
            post.slugWords(), post.content(), post.published(), DirectQuery.nullable(post.publishAt(), Types.TIMESTAMP_WITH_TIMEZONE),
            sorted, lower};
    }
}
