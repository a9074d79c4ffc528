package dev.inkwell.persistence.comment;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.TableCursor;
import dev.inkwell.domain.comment.Comment;
import dev.inkwell.persistence.StatementNames;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Pages of a post's comments in thread order: by path, so each comment is followed by its
 * replies (oldest first, depth first), in one statement per page that also counts what the
 * reader may see. A page is asked for by number or after a cursor (a {@link TableCursor} of the
 * list "post-{id}-comments" whose key is the last comment's path): the same statement, the
 * first page starting after the empty path, which sorts before every other. Hidden comments
 * are shown only to readers who see them ({@link Reader}).
 */
public final class CommentPages {
    private static final String PAGE = "SELECT " + CommentDao.COLUMNS + """
            , (SELECT count(*) FROM comments x WHERE x.post_id = :postId AND %1$s) AS total
              FROM comments c
             WHERE c.post_id = :postId AND c.path > CAST(:afterPath AS bigint[]) AND %2$s
             ORDER BY c.path
             LIMIT :limit OFFSET :offset
            """.formatted(visible("x"), visible("c"));
    private static final String COUNT = "SELECT count(*) FROM comments x WHERE x.post_id = :postId AND " + visible("x");
    /** A path as a cursor carries it: ids joined by dots, as many as a thread has levels. */
    private static final Pattern PATH = Pattern.compile("[1-9][0-9]{0,17}(\\.[1-9][0-9]{0,17}){0," + (Comment.MAX_LEVELS - 1) + "}");

    private final Jdbi jdbi;

    public CommentPages(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Who reads: {@code seesHidden} for the post's author and admins (every hidden comment),
     * {@code viewerId} (0: anonymous) for the author of a comment, who sees their own hidden comments.
     */
    public record Reader(long viewerId, boolean seesHidden) {
    }

    /** The comments a row {@code alias} shows to the bound reader. */
    private static String visible(String alias) {
        return "(NOT " + alias + ".hidden OR :seesHidden OR " + alias + ".author_id = :viewerId)";
    }

    /** The requested page of post {@code postId}'s comments. */
    public Page<Comment> page(long postId, Reader reader, PageRequest request) {
        return read(postId, reader, "{}", request.offset(), request.page(), request.perPage());
    }

    /** The page after {@code cursor} (as a client sent it; a 422 naming it when it is not one of this post's). */
    public Page<Comment> pageAfter(long postId, Reader reader, String cursor, int perPage) {
        return read(postId, reader, "{" + after(postId, cursor).replace('.', ',') + "}", 0, null, perPage);
    }

    /**
     * The path (ids joined by dots) after which {@code cursor} continues post {@code postId}'s
     * comments: a 422 naming {@code cursor} when this server did not issue it for them (a request
     * is judged on its own before the post is looked up).
     */
    public static String after(long postId, String cursor) {
        TableCursor after = TableCursor.decode(cursor, list(postId));
        if (after.key() == null || !PATH.matcher(after.key()).matches()) {
            throw new InvalidException("cursor", "is not a cursor this server issued for this list");
        }
        return after.key();
    }

    private Page<Comment> read(long postId, Reader reader, String afterPath, long offset, Integer page, int perPage) {
        CommentMapper mapper = new CommentMapper();
        long[] total = {-1};
        List<Comment> rows = StatementNames.use(jdbi, CommentPages.class, "page", h -> h.createQuery(PAGE)
                .bind("postId", postId).bind("afterPath", afterPath)
                .bind("seesHidden", reader.seesHidden()).bind("viewerId", reader.viewerId())
                .bind("limit", perPage + 1).bind("offset", offset)
                .map((rs, ctx) -> {
                    total[0] = rs.getLong("total");
                    return mapper.map(rs, ctx);
                })
                .list());
        if (total[0] < 0) {
            // A page past the last has no row to carry the count.
            total[0] = StatementNames.use(jdbi, CommentPages.class, "count", h -> h.createQuery(COUNT)
                    .bind("postId", postId).bind("seesHidden", reader.seesHidden()).bind("viewerId", reader.viewerId())
                    .mapTo(Long.class).one());
        }
        String next = null;
        if (rows.size() > perPage) {
            // The row beyond the page only says that a next page exists: it is not shown.
            rows = new ArrayList<>(rows.subList(0, perPage));
            Comment last = rows.get(perPage - 1);
            next = new TableCursor(list(postId), last.id(),
                    last.path().stream().map(String::valueOf).collect(Collectors.joining("."))).encode();
        }
        return new Page<>(rows, total[0], page, perPage, next);
    }

    private static String list(long postId) {
        return "post-" + postId + "-comments";
    }
}
