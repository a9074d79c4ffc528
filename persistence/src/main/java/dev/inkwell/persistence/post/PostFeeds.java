package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.Post;
import dev.inkwell.persistence.StatementNames;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the feeds list: the newest published posts by publication time (ties by id), of every
 * post, of one category or of one tag, with the category's or tag's name for the feed's title.
 * Two statements on one connection at most: the name, then the posts, each post read as a single
 * read reads it ({@link PostSearch#COLUMNS}). The page's ids come from the indexes of changeset
 * 019 (a tag's from post_tags or from walking published posts, as PostgreSQL finds cheaper), and
 * only those {@value #ENTRIES} rows are then read whole.
 */
public final class PostFeeds {
    /** How many posts a feed lists. */
    public static final int ENTRIES = 20;

    /** What a feed is of. */
    public enum Kind { ALL, CATEGORY, TAG }

    /** A feed's subject: every published post, or those of category or tag {@code id}. */
    public record Scope(Kind kind, long id) {
        public static final Scope ALL = new Scope(Kind.ALL, 0);

        public static Scope category(long id) {
            return new Scope(Kind.CATEGORY, id);
        }

        public static Scope tag(long id) {
            return new Scope(Kind.TAG, id);
        }

        /** The scope as a line of a kept feed's name: "all", "category=5", "tag=7". */
        public String key() {
            return kind == Kind.ALL ? "all" : kind.name().toLowerCase(Locale.ROOT) + "=" + id;
        }
    }

    /** A feed's posts, newest published first, and its category's or tag's name (null for {@link Kind#ALL}). */
    public record FeedPosts(String name, List<Post> posts) {
    }

    private static final String NEWEST = "p.published_at DESC, p.id DESC";
    private static final String IDS_ALL = "SELECT p.id FROM posts p WHERE p.published";
    private static final String IDS_CATEGORY = IDS_ALL + " AND p.category_id = :scope";
    private static final String IDS_TAG = IDS_ALL
            + " AND EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id AND pt.tag_id = :scope)";

    private final Jdbi jdbi;

    public PostFeeds(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The feed's posts; empty when its category or tag does not exist. */
    public Optional<FeedPosts> newest(Scope scope) {
        return StatementNames.use(jdbi, PostFeeds.class, "newest", h -> {
            String name = null;
            if (scope.kind() != Kind.ALL) {
                Optional<String> found = h.createQuery(scope.kind() == Kind.CATEGORY
                                ? "SELECT name FROM categories WHERE id = :id" : "SELECT name FROM tags WHERE id = :id")
                        .bind("id", scope.id()).mapTo(String.class).findOne();
                if (found.isEmpty()) {
                    return Optional.empty();
                }
                name = found.get();
            }
            return Optional.of(new FeedPosts(name, posts(h, scope)));
        });
    }

    private static List<Post> posts(Handle h, Scope scope) {
        String ids = switch (scope.kind()) {
            case ALL -> IDS_ALL;
            case CATEGORY -> IDS_CATEGORY;
            case TAG -> IDS_TAG;
        };
        // The limit is written out, as for list pages: bound, it would let a generic plan read every match.
        String sql = "SELECT " + PostSearch.COLUMNS + " FROM (" + ids + " ORDER BY " + NEWEST + " LIMIT " + ENTRIES + ") f"
                + " JOIN posts p ON p.id = f.id ORDER BY " + NEWEST;
        var query = h.createQuery(sql);
        if (scope.kind() != Kind.ALL) {
            query.bind("scope", scope.id());
        }
        return query.map(PostMapper.POSTS).list();
    }
}
