package dev.inkwell.persistence.post;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.post.PostCursor;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.PostSort;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.persistence.Estimates;
import dev.inkwell.persistence.Estimates.Total;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lists and searches posts in a constant number of statements whatever the page size: one for
 * the page's {@link PostKey}s and the total's ({@link PostCounts}); and for the plain list one
 * that sets the page's plan mode, see {@link #page}. A search by relevance is
 * {@link PostRanking}'s, which counts its matches in its one statement (up to
 * {@value PostCounts#COUNTED} + 1 of them; an estimate beyond). The posts themselves are then read by id, all in one statement
 * ({@link #BY_IDS}), or taken from the read cache ({@link PostCache#page}).
 * The SQL is assembled only from the fixed fragments below, chosen by which filters are set
 * and by the {@link PostSort}; every value is bound. Full-text input goes through
 * {@code websearch_to_tsquery}, which accepts any text without a syntax error.
 */
final class PostSearch {

    /** What a post read selects of a post row {@code p}: its columns and its embeds. */
    static final String COLUMNS = """
            p.id, p.title, p.slug, p.content, p.published, p.published_at, p.publish_at, p.created_at, p.updated_at,
                   p.version, p.author_id, (SELECT u.username FROM users u WHERE u.id = p.author_id) AS author_username,
                   p.category_id, (SELECT c.name FROM categories c WHERE c.id = p.category_id) AS category_name,
                   ARRAY(SELECT name FROM (SELECT (SELECT t.name FROM tags t WHERE t.id = pt.tag_id) AS name
                                             FROM post_tags pt WHERE pt.post_id = p.id OFFSET 0) pt
                          ORDER BY lower(name)) AS tags,
                   p.comment_count
            """;
    // The author's and the category's names are looked up by key for each row, not joined: a
    // prepared single-post read runs a generic plan, and for a join that plan hashes the whole
    // categories table for the one row (a page of many posts is a little slower looked up, the
    // single read is what matters). OFFSET 0 keeps the
    // tags' inner select a subquery: flattened, each tag's name is looked up twice (once for the
    // array, once for the sort).
    private static final String FROM = """
              FROM posts p
            """;

    /** One post row with everything a {@link Post} embeds; {@link PostMapper} reads it. */
    static final String SELECT = "SELECT " + COLUMNS + FROM;
    /** One post by {@code :id}. */
    static final String BY_ID = SELECT + " WHERE p.id = :id";
    /** The posts of {@code :ids} (a bigint array), in no particular order. */
    static final String BY_IDS = SELECT + " WHERE p.id = ANY(:ids)";

    /** A post's search vector is in post_search (changeset 011), joined only when there is a search text. */
    static final String TSQ = "websearch_to_tsquery('english', :q)";
    static final String TSQUERY = " JOIN post_search s ON s.post_id = p.id CROSS JOIN " + TSQ + " AS tsq";

    /**
     * How a sort orders the matches ({@code orderBy}, over the matches {@code m}), the same order
     * for the page's rows ({@code pageOrderBy}, over {@code page} and {@code p}), and the keyset
     * condition for "after the cursor's row" (over {@code m}). Relevance is {@link PostRanking}'s.
     */
    private record Order(String orderBy, String pageOrderBy, String after) {
    }

    private static final Map<PostSort, Order> ORDERS = new EnumMap<>(Map.of(
            PostSort.NEWEST, new Order("m.created_at DESC, m.id DESC", "p.created_at DESC, p.id DESC", "(m.created_at, m.id) < (:afterKey, :afterId)"),
            PostSort.OLDEST, new Order("m.created_at, m.id", "p.created_at, p.id", "(m.created_at, m.id) > (:afterKey, :afterId)"),
            PostSort.TITLE, new Order("m.title, m.id", "p.title, p.id", "(m.title, m.id) > (:afterKey, :afterId)")));

    private PostSearch() {
    }

    /** Offset paging: page {@code request.page()} of the matches, with the total. */
    static Page<PostKey> page(Handle handle, PostQuery query, PageRequest request, Estimates<PostQuery> estimates) {
        if (query.sort() == PostSort.RELEVANCE) {
            return PostRanking.page(handle, query, request, estimates);
        }
        // The plain list (the front page and its next pages) has one best plan for every page:
        // the index of posts in that order. PostgreSQL would still plan it anew on every call
        // (a bound OFFSET makes its one-for-all plan look costly), which takes longer than
        // running it; so this one statement uses the generic plan.
        List<PostKey> rows = query.q() == null && textOnly(query)
                ? generic(handle, h -> select(h, query, null, request.perPage(), request.offset()))
                : select(handle, query, null, request.perPage(), request.offset());
        return toPage(rows, request.page(), request.perPage(), query.sort(), handle, query, estimates);
    }

    /** Keyset paging: the {@code perPage} matches after the cursor's row, with the total. */
    static Page<PostKey> after(Handle handle, PostQuery query, PostCursor cursor, int perPage, Estimates<PostQuery> estimates) {
        if (cursor.sort() != query.sort()) {
            throw new InvalidException("cursor", "belongs to sort " + cursor.sort().code() + ", not " + query.sort().code());
        }
        if (query.sort() == PostSort.RELEVANCE) {
            return PostRanking.after(handle, query, cursor, perPage, estimates);
        }
        return toPage(select(handle, query, cursor, perPage, 0), null, perPage, query.sort(), handle, query, estimates);
    }

    /** A page of {@code rows} with its total from {@link PostCounts#count}. */
    private static Page<PostKey> toPage(List<PostKey> rows, Integer page, int perPage, PostSort sort, Handle handle, PostQuery query,
                                        Estimates<PostQuery> estimates) {
        return PostPages.of(rows, key -> key, PostCounts.count(handle, query, estimates), page, perPage, last -> cursorAfter(last, sort));
    }

    private static List<PostKey> select(Handle handle, PostQuery query, PostCursor cursor, int perPage, long offset) {
        Order order = ORDERS.get(query.sort());
        // The matches with their sort keys, then the page's ids in order (from the index where the
        // sort has one, not the rows an OFFSET skips), then what a key needs of the page's rows.
        // Sorted otherwise than by relevance, a page has no use for a rank.
        String matches = "SELECT p.id, p.created_at, p.title FROM posts p" + (query.q() == null ? "" : TSQUERY)
                + whereClause(filters(query));
        String sql = "SELECT p.id, p.version, p.created_at, p.title"
                + " FROM (SELECT m.id FROM (" + matches + ") m"
                + (cursor == null ? "" : " WHERE " + order.after())
                + " ORDER BY " + order.orderBy()
                // One more row tells whether a next page exists. The limit is written out (an int):
                // bound, it would make the generic plan (see page()) a hash join of every post.
                + " LIMIT " + (perPage + 1) + " OFFSET :offset) page"
                + " JOIN posts p ON p.id = page.id"
                + " ORDER BY " + order.pageOrderBy();
        Query statement = bindFilters(handle.createQuery(sql), query).bind("offset", offset);
        if (cursor != null) {
            bindAfter(statement, cursor);
        }
        return statement.map((rs, ctx) -> new PostKey(rs.getLong("id"), rs.getLong("version"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("title"), 0f)).list();
    }

    /** No filter on posts' own columns or tags (a search text and the reader's visibility at most). */
    static boolean textOnly(PostQuery query) {
        return query.categoryId() == null && query.authorId() == null && query.published() == null && query.tag() == null;
    }

    /**
     * The conditions of the query's filters, over {@code p} (posts), {@code s} (post_search) and
     * {@code tsq}; with a search text, visibility is over {@code s} alone.
     */
    static List<String> filters(PostQuery query) {
        return filters(query, "s.search @@ tsq");
    }

    /** {@link #filters} with the search text matched by {@code match} (over {@code s} and {@code tsq}). */
    static List<String> filters(PostQuery query, String match) {
        List<String> where = new ArrayList<>();
        if (query.q() != null) {
            where.add(match);
        }
        if (query.categoryId() != null) {
            where.add("p.category_id = :categoryId");
        }
        if (query.authorId() != null) {
            where.add("p.author_id = :authorId");
        }
        if (query.published() != null) {
            where.add("p.published = :published");
        }
        if (query.tag() != null) {
            where.add("""
                    EXISTS (SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                             WHERE pt.post_id = p.id AND lower(t.name) = lower(:tag))""");
        }
        // With a search text post_search is in the statement, and its copy of published and
        // author_id spares a lookup in posts for every match the filters leave.
        String visible = visible(query.visibility(), query.q() == null ? "p" : "s");
        if (visible != null) {
            where.add(visible);
        }
        return where;
    }

    /**
     * The condition over {@code alias} (posts, or post_search, which mirrors their published and
     * author_id) for the posts this reader may see, or null for all.
     */
    static String visible(Visibility visibility, String alias) {
        if (visibility.all()) {
            return null;
        }
        return visibility.authorId() == null ? alias + ".published" : "(" + alias + ".published OR " + alias + ".author_id = :viewerId)";
    }

    static Query bindFilters(Query statement, PostQuery query) {
        if (query.q() != null) {
            statement.bind("q", query.q());
        }
        if (query.categoryId() != null) {
            statement.bind("categoryId", query.categoryId());
        }
        if (query.authorId() != null) {
            statement.bind("authorId", query.authorId());
        }
        if (query.published() != null) {
            statement.bind("published", query.published());
        }
        if (query.tag() != null) {
            statement.bind("tag", query.tag());
        }
        if (!query.visibility().all() && query.visibility().authorId() != null) {
            statement.bind("viewerId", query.visibility().authorId());
        }
        return statement;
    }

    private static void bindAfter(Query statement, PostCursor cursor) {
        statement.bind("afterId", cursor.id());
        try {
            switch (cursor.sort()) {
                case NEWEST, OLDEST -> statement.bind("afterKey", OffsetDateTime.parse(cursor.key()));
                case TITLE -> statement.bind("afterKey", cursor.key());
                case RELEVANCE -> throw new IllegalStateException("relevance pages are PostRanking's");
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidException("cursor", "is not a cursor this server issued");
        }
    }

    /**
     * Runs {@code work}'s statements on the plan PostgreSQL prepares once for all values
     * (a transaction of its own), where the statement's text leaves one best plan for every value.
     */
    static <T> T generic(Handle handle, Function<Handle, T> work) {
        return handle.inTransaction(h -> {
            h.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            return work.apply(h);
        });
    }

    static String whereClause(List<String> where) {
        return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    }

    private static PostCursor cursorAfter(PostKey last, PostSort sort) {
        String key = switch (sort) {
            case NEWEST, OLDEST -> last.createdAt().toString();
            case TITLE -> last.title();
            case RELEVANCE -> throw new IllegalStateException("relevance pages are PostRanking's");
        };
        return new PostCursor(sort, last.id(), key);
    }
}
