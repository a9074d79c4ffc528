package dev.inkwell.persistence.post;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostCursor;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.persistence.SqlErrors;
import dev.inkwell.persistence.StatementNames;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.util.Optional;
import java.util.function.Function;

/**
 * The API's hot reads of posts (a cache miss, list and search pages) on Jdbi's core API: the
 * same SQL as {@link PostDao#findById} (which writes use), without the SqlObject machinery, which attaches a new extension to every call (handler
 * lookup, two configuration copies, mapper registration): a third of an uncached read's CPU.
 * Errors are translated as for DAO methods, and statements keep their names (timers, SQL comment).
 */
public final class PostReads {
    private static final PostMapper POSTS = new PostMapper();

    private final Jdbi jdbi;

    public PostReads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Post> findById(long id) {
        return read("findById", h -> h.createQuery(PostSearch.BY_ID).bind("id", id).map(POSTS).findOne());
    }

    /** Offset paging; see {@link PostSearch}. */
    public Page<Post> search(PostQuery query, PageRequest request) {
        return read("search", h -> PostSearch.page(h, query, request));
    }

    /** Keyset paging after a cursor from a previous page; see {@link PostSearch}. */
    public Page<Post> searchAfter(PostQuery query, PostCursor cursor, int perPage) {
        return read("searchAfter", h -> PostSearch.after(h, query, cursor, perPage));
    }

    private <T> T read(String method, Function<Handle, T> work) {
        try (Handle handle = jdbi.open()) {
            return work.apply(StatementNames.name(handle, PostReads.class, method));
        } catch (JdbiException e) {
            throw SqlErrors.translate(e, false);
        }
    }
}
