package dev.inkwell.persistence.post;

import dev.inkwell.domain.NotFoundException;
import dev.inkwell.domain.StaleVersionException;
import dev.inkwell.domain.post.CategoryPostStats;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import dev.inkwell.persistence.ChangesCachedReads;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Posts with their tags: writes, optimistic locking, the analytics (lists and searches: {@link PostReads}). */
@RegisterRowMapper(PostMapper.class)
@RegisterConstructorMapper(CategoryPostStats.class)
public interface PostDao extends SqlObject {

    /**
     * Creates the post and its tags (tags are created on first use) and returns it, on this DAO's
     * handle (in its transaction, if one is open), without invalidating the cache: the insert of
     * {@link PostWrites#create}, which the application calls instead. Kept for tests, which write
     * their fixtures through the DAO they already hold, in persistence, api and ops alike; a write
     * service takes a cache, and a fixture has nothing cached to drop.
     */
    @ChangesCachedReads
    default Post create(NewPost post) {
        return PostStatements.create(getHandle(), post);
    }

    @SqlQuery(PostSearch.BY_ID)
    Optional<Post> findById(long id);

    /** What a write's access check needs of a post (its author, whether it is published, its version): none of its text. */
    record Head(long authorId, boolean published, long version) {
    }

    @SqlQuery("SELECT author_id, published, version FROM posts WHERE id = :id")
    @RegisterConstructorMapper(Head.class)
    Optional<Head> findHead(long id);

    /**
     * Applies {@code changes} and returns the new state. With {@code expectedVersion} the write
     * only happens if the post is still at that version ({@link StaleVersionException}
     * otherwise); without it the last write wins. A change adds one to the version; changes
     * that leave the post as it was write nothing and keep its version and {@code updated_at}
     * (so other clients' {@code If-Match} stays good).
     */
    @ChangesCachedReads
    @Transaction
    default Post update(long id, PostChanges changes, Long expectedVersion) {
        long current = lockVersion(id).orElseThrow(() -> new NotFoundException("post", id));
        if (expectedVersion != null && expectedVersion != current) {
            throw new StaleVersionException("post " + id, expectedVersion, current);
        }
        boolean tagsChanged = changes.tags() != null && replaceTags(id, changes.tags());
        updateRow(id, changes, tagsChanged);
        return findById(id).orElseThrow();
    }

    /** Deletes a post with its tag links. */
    @ChangesCachedReads
    @SqlUpdate("DELETE FROM posts WHERE id = :id")
    boolean delete(long id);

    /**
     * Published posts per category (every category, also those without posts), most first. Read
     * from the counters that triggers on posts keep (migration 012), not from the posts: the same
     * numbers as {@code count(*)} and {@code round(avg(length(content)), 2)} over the published
     * posts (avg of an integer is its numeric sum divided by the count, as here), without a scan.
     * A category's counts are spread over a few rows (slots, against lock waits of concurrent writers).
     */
    @SqlQuery("""
            SELECT c.id AS category_id, c.name AS category, COALESCE(s.post_count, 0) AS post_count,
                   COALESCE(round(s.content_length::numeric / NULLIF(s.post_count, 0), 2), 0)::float8 AS avg_content_length
              FROM categories c
              LEFT JOIN (SELECT category_id, sum(post_count)::bigint AS post_count, sum(content_length) AS content_length
                           FROM category_post_stats GROUP BY category_id) s ON s.category_id = c.id
             ORDER BY post_count DESC, lower(c.name), c.id
            """)
    List<CategoryPostStats> postsPerCategory();

    /**
     * Where {@code slug} leads: the post that has it, or else the post that had it (an old slug,
     * migration 015), with that post's slug now. Empty when no post has or had it.
     */
    @SqlQuery("""
            (SELECT id, slug FROM posts WHERE slug = :slug)
            UNION ALL
            (SELECT p.id, p.slug FROM post_old_slugs o JOIN posts p ON p.id = o.post_id WHERE o.slug = :slug)
            LIMIT 1
            """)
    @RegisterConstructorMapper(SlugTarget.class)
    Optional<SlugTarget> findSlug(String slug);

    /** The post a slug leads to, and that post's slug now (the same, or the one to redirect to). */
    record SlugTarget(long id, String slug) {
    }

    /** When the post is to be published; empty when it is not scheduled (or does not exist). */
    @SqlQuery("SELECT publish_at FROM posts WHERE id = :id AND publish_at IS NOT NULL")
    Optional<OffsetDateTime> findPublishAt(long id);

    /** What publishing a scheduled post sets: published at its scheduled time, no schedule left, a new version. */
    String PUBLISH = "UPDATE posts SET published = true, published_at = publish_at, publish_at = NULL,"
            + " version = version + 1, updated_at = now()";

    /**
     * Publishes post {@code id} if it is due (scheduled at or before now); true when this call did.
     * The condition is checked again on the row as it is when its lock is had (READ COMMITTED), so
     * of two runs at once, or a run after a reschedule or a cancel, only one that finds it due
     * publishes it.
     */
    @ChangesCachedReads
    @SqlUpdate(PUBLISH + " WHERE id = :id AND publish_at <= now()")
    boolean publishIfDue(long id);

    /**
     * Publishes up to {@code limit} due posts, the longest due first, and returns their ids. Rows
     * another transaction holds are skipped (it is publishing, rescheduling or deleting them; a
     * later sweep finds what it left due), so that sweeps on several workers share the work.
     */
    @ChangesCachedReads
    @SqlQuery(PUBLISH + """
             WHERE publish_at <= now()
               AND id IN (SELECT id FROM posts WHERE publish_at <= now() ORDER BY publish_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING id
            """)
    List<Long> publishDue(int limit);

    /** The posts that embed this author's username (for cache invalidation). */
    @SqlQuery("SELECT id FROM posts WHERE author_id = :userId")
    List<Long> idsByAuthor(long userId);

    /** The posts that embed this category's name (for cache invalidation). */
    @SqlQuery("SELECT id FROM posts WHERE category_id = :categoryId")
    List<Long> idsInCategory(long categoryId);

    /** The posts that carry this tag (for cache invalidation). */
    @SqlQuery("SELECT post_id FROM post_tags WHERE tag_id = :tagId")
    List<Long> idsWithTag(long tagId);

    /** Writes {@code changes} unless they (and the tags) leave the post as it is; true when written. */
    @ChangesCachedReads
    @SqlUpdate("UPDATE posts " + PostStatements.SET_CHANGES + " WHERE id = :id AND (:tagsChanged OR " + PostStatements.CHANGES_ANYTHING + ")")
    boolean updateRow(long id, @BindMethods("c") PostChanges changes, boolean tagsChanged);

    /** The post's version, its row locked until the end of the transaction. */
    @SqlQuery("SELECT version FROM posts WHERE id = :id FOR NO KEY UPDATE")
    Optional<Long> lockVersion(long id);

    /**
     * Makes {@code names} the post's tag set, creating missing tags; true when the set changed.
     * Names are taken in one order (lower-cased) so that concurrent writers lock new tags in the
     * same order.
     */
    @ChangesCachedReads
    default boolean replaceTags(long postId, List<String> names) {
        String[] sorted = names.stream()
                .sorted(Comparator.comparing((String n) -> n.toLowerCase(Locale.ROOT)))
                .toArray(String[]::new);
        String[] lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        if (sorted.length > 0) {
            insertMissingTags(sorted);
        }
        int removed = removeTagsNotIn(postId, lower);
        int added = lower.length > 0 ? addTags(postId, lower) : 0;
        return removed + added > 0;
    }

    @ChangesCachedReads
    @SqlUpdate("INSERT INTO tags (name) SELECT unnest(:names::text[]) ON CONFLICT (lower(name)) DO NOTHING")
    void insertMissingTags(String[] names);

    @ChangesCachedReads
    @SqlUpdate("""
            DELETE FROM post_tags pt USING tags t
             WHERE pt.post_id = :postId AND t.id = pt.tag_id AND lower(t.name) <> ALL(:lowerNames::text[])
            """)
    int removeTagsNotIn(long postId, String[] lowerNames);

    @ChangesCachedReads
    @SqlUpdate("""
            INSERT INTO post_tags (post_id, tag_id)
            SELECT :postId, t.id FROM tags t WHERE lower(t.name) = ANY(:lowerNames::text[])
            ON CONFLICT DO NOTHING
            """)
    int addTags(long postId, String[] lowerNames);
}
