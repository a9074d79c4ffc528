package dev.inkwell.persistence.post;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostCursor;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.persistence.DirectQuery;
import dev.inkwell.persistence.Estimates;
import dev.inkwell.persistence.StatementNames;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The API's hot reads of posts (a cache miss, list and search pages and their posts) on Jdbi's core API: the
 * same SQL as {@link PostDao#findById} (which writes use), without the SqlObject machinery, which attaches a new extension to every call (handler
 * lookup, two configuration copies, mapper registration): a large share of an uncached read's CPU.
 * Errors are translated as for DAO methods, and statements keep their names (timers, SQL comment).
 */
public final class PostReads {
    private static final PostMapper POSTS = PostMapper.POSTS;
    /** A cache miss's one statement, the API's hottest: run without a Jdbi handle ({@link DirectQuery}). */
    private static final DirectQuery<Post> BY_ID = DirectQuery.of(PostReads.class, "findById", PostSearch.BY_ID, PostMapper.reader());

    /** How long a list's estimated total is kept (see {@link Estimates}), and for how many queries. */
    static final Duration ESTIMATES_KEPT = Duration.ofSeconds(10);
    static final int ESTIMATES_MAX = 1_000;

    private final Jdbi jdbi;
    private final Estimates<PostQuery> estimates;

    public PostReads(Jdbi jdbi) {
        this(jdbi, new Estimates<>(ESTIMATES_KEPT, ESTIMATES_MAX, System::nanoTime));
    }

    PostReads(Jdbi jdbi, Estimates<PostQuery> estimates) {
        this.jdbi = jdbi;
        this.estimates = estimates;
    }

    public Optional<Post> findById(long id) {
        return BY_ID.findOne(jdbi, id);
    }

    /** The posts of {@code ids} that exist, in no particular order, in one statement. */
    public List<Post> findByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return read("findByIds", h -> h.createQuery(PostSearch.BY_IDS).bind("ids", ids.toArray(Long[]::new)).map(POSTS).list());
    }

    /** Offset paging: the page's keys; see {@link PostSearch}. */
    public Page<PostKey> searchKeys(PostQuery query, PageRequest request) {
        return read("search", h -> PostSearch.page(h, query, request, estimates));
    }

    /** Keyset paging after a cursor from a previous page: the page's keys; see {@link PostSearch}. */
    public Page<PostKey> searchKeysAfter(PostQuery query, PostCursor cursor, int perPage) {
        return read("searchAfter", h -> PostSearch.after(h, query, cursor, perPage, estimates));
    }

    /**
     * The page with the values of its keys, in the page's order. A post deleted since the page's
     * statement ran has none and is left out (the total still counts it).
     */
    static <T> Page<T> inOrder(Page<PostKey> keys, Map<Long, T> values) {
        List<T> items = keys.items().stream().map(k -> values.get(k.id())).filter(v -> v != null).toList();
        return new Page<>(items, keys.total(), keys.totalExact(), keys.page(), keys.perPage(), keys.nextCursor());
    }

    private <T> T read(String method, Function<Handle, T> work) {
        return StatementNames.use(jdbi, PostReads.class, method, work);
    }
}
