package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.Visibility;
import dev.inkwell.persistence.cache.CachedShape;
import dev.inkwell.persistence.cache.ListPage;
import dev.inkwell.persistence.cache.ReadCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The answers about posts kept whole in the read cache until the next post write, each family a
 * hash of {@link ReadCache#getMember}: list and search pages ({@link #listPage}), feeds
 * ({@link #feed}) and where slugs lead ({@link #findSlug}). {@link PostCache} drops every family
 * with every post write (they hold many posts each, so no write can tell which members it made
 * stale); one that holds a member it cannot read drops them all the same way ({@code dropAll}).
 */
public final class KeptPostPages {
    /**
     * The families of kept list and search pages ({@link #listPage}): pages every reader is shown
     * alike, and those of signed-in readers (apart, so that many readers' own pages cannot crowd
     * out the pages everyone reads).
     */
    static final String PAGES = CachedShape.POST_PAGES.key();
    static final String READERS_PAGES = PAGES + ":signed-in";
    /** The family of kept feeds ({@link #feed}): they list published posts, so every post write drops them as it drops pages. */
    static final String FEEDS = CachedShape.POST_FEEDS.key();
    /**
     * Where slugs lead ({@link #findSlug}), kept as a family of its own: a post's slug can change,
     * and a deleted post's slug be taken by another, with any post write, so all go with every one.
     */
    static final String SLUGS = "post-slugs:v1";
    private static final Logger LOG = LoggerFactory.getLogger(KeptPostPages.class);

    private final ReadCache cache;
    private final PostDao posts;
    private final Runnable dropAll;

    /** {@code dropAll}: {@link PostCache#invalidateLists}, which owns the families' invalidation. */
    KeptPostPages(ReadCache cache, PostDao posts, Runnable dropAll) {
        this.cache = cache;
        this.posts = posts;
        this.dropAll = dropAll;
    }

    /**
     * A list or search page as sent, from the cache if one was kept since the last post write,
     * else {@code build}'s (kept for the next reader). {@code request} names the page: everything
     * that chooses what it shows, {@code shownTo} (the readers it is shown to) included. Every
     * post write drops all kept pages at once (each of {@link PostCache}'s {@code invalidate}
     * methods, and {@link PostCache#invalidateLists} for a new post), under the fill-token rule of
     * single reads, so a page is never older than the last acknowledged write: a page built before
     * a write committed is not kept once the write's invalidation is in. Redis down, pages are
     * built every time.
     */
    public ListPage listPage(Visibility shownTo, String request, Supplier<ListPage> build) {
        String family = shownTo.equals(Visibility.PUBLIC) ? PAGES : READERS_PAGES;
        return kept(family, request, () -> Optional.of(build.get()), ListPage::entry, ListPage::ofEntry).orElseThrow();
    }

    /**
     * A feed of published posts as sent, from the cache if one was kept since the last post write,
     * else {@code build}'s (kept for the next reader); empty, and nothing kept, when {@code build}
     * finds no such feed (no such category or tag). {@code entry} and {@code decode} are the
     * caller's layout of a kept feed (decode: null for bytes that are not one). Feeds are kept apart
     * from list pages (a family of their own, with its own bounds) and dropped by every write that
     * drops the pages: a post's own writes, renames and deletes of what posts embed, bulk updates,
     * new posts.
     */
    public <T> Optional<T> feed(String name, Supplier<Optional<T>> build, Function<T, byte[]> entry, Function<byte[], T> decode) {
        return kept(FEEDS, name, build, entry, decode);
    }

    /** A member of a family of kept answers; one that does not decode drops every kept answer, and is built again. */
    private <T> Optional<T> kept(String family, String member, Supplier<Optional<T>> build, Function<T, byte[]> entry,
                                 Function<byte[], T> decode) {
        Optional<byte[]> found = cache.getMember(family, member, () -> build.get().map(entry));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        T value = decode.apply(found.get());
        if (value == null) {
            LOG.warn("post cache: unreadable entry of {} dropped", family);
            dropAll.run();
            return build.get();
        }
        return Optional.of(value);
    }

    /**
     * Where {@code slug} leads ({@link PostDao#findSlug}), from the cache or the database: the
     * post's id and its slug now. Kept until the next post write, like the list pages.
     */
    public Optional<PostDao.SlugTarget> findSlug(String slug) {
        Optional<byte[]> entry = cache.getMember(SLUGS, slug, () -> posts.findSlug(slug)
                .map(t -> (t.id() + " " + t.slug()).getBytes(StandardCharsets.US_ASCII)));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        String[] target = new String(entry.get(), StandardCharsets.US_ASCII).split(" ");
        try {
            return Optional.of(new PostDao.SlugTarget(Long.parseLong(target[0]), target[1]));
        } catch (RuntimeException e) {
            LOG.warn("post cache: unreadable slug entry dropped");
            dropAll.run();
            return posts.findSlug(slug);
        }
    }
}
