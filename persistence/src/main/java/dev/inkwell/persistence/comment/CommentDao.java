package dev.inkwell.persistence.comment;

import dev.inkwell.domain.comment.Comment;
import dev.inkwell.persistence.ChangesCachedReads;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Comments: single reads, the access checks' heads, and the writes. A comment's insert, hiding
 * and delete change its post's {@code comment_count} (triggers of changeset 017), which the post
 * cache keeps: those run only through {@link CommentWrites}. Pages are {@link CommentPages}'.
 */
@RegisterRowMapper(CommentMapper.class)
public interface CommentDao extends SqlObject {

    /** What a comment read selects of a comment row {@code c}. */
    String COLUMNS = """
            c.id, c.post_id, c.parent_id, c.path, c.author_id,
                   (SELECT u.username FROM users u WHERE u.id = c.author_id) AS author_username,
                   c.body, c.hidden, c.created_at, c.updated_at
            """;

    /**
     * The new comment, when post {@code postId} exists and is published (empty otherwise). The
     * thread's rules are the database's: a parent of another post or one nested too deep fails
     * on constraints that {@code SqlErrors} names.
     */
    @ChangesCachedReads
    @SqlQuery("""
            WITH c AS (
                INSERT INTO comments (post_id, parent_id, author_id, body)
                SELECT p.id, CAST(:parentId AS bigint), :authorId, :body FROM posts p WHERE p.id = :postId AND p.published
                RETURNING *
            )
            SELECT""" + " " + COLUMNS + " FROM c")
    Optional<Comment> insert(long postId, Long parentId, long authorId, String body);

    @SqlQuery("SELECT " + COLUMNS + " FROM comments c WHERE c.id = :id AND c.post_id = :postId")
    Optional<Comment> find(long postId, long id);

    /** What an access check needs of a comment and its post. */
    record Head(long authorId, boolean hidden, OffsetDateTime createdAt, long postAuthorId, boolean postPublished) {
    }

    @SqlQuery("""
            SELECT c.author_id, c.hidden, c.created_at, p.author_id AS post_author_id, p.published AS post_published
              FROM comments c JOIN posts p ON p.id = c.post_id
             WHERE c.id = :id AND c.post_id = :postId
            """)
    @RegisterConstructorMapper(Head.class)
    Optional<Head> findHead(long postId, long id);

    /**
     * Sets the body of the author's own comment while it is younger than {@code windowSeconds};
     * empty when nothing was written (not theirs, too old, no such comment, or the same body).
     * Changes no count: the post's cached copy stays good.
     */
    @SqlQuery("""
            WITH c AS (
                UPDATE comments SET body = :body, updated_at = now()
                 WHERE id = :id AND post_id = :postId AND author_id = :editorId
                   AND created_at > now() - make_interval(secs => :windowSeconds)
                   AND body IS DISTINCT FROM :body
                RETURNING *
            )
            SELECT""" + " " + COLUMNS + " FROM c")
    Optional<Comment> edit(long postId, long id, long editorId, String body, long windowSeconds);

    /** Hides or shows a comment; false when it was already so (or does not exist). */
    @ChangesCachedReads
    @SqlUpdate("UPDATE comments SET hidden = :hidden WHERE id = :id AND post_id = :postId AND hidden <> :hidden")
    boolean setHidden(long postId, long id, boolean hidden);

    /** Deletes a comment with its replies; false when there was none. */
    @ChangesCachedReads
    @SqlUpdate("DELETE FROM comments WHERE id = :id AND post_id = :postId")
    boolean delete(long postId, long id);
}
