package dev.inkwell.persistence.cache;

import dev.inkwell.domain.PageRequest;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pages of the user, category and tag lists that every anonymous reader is sent alike, kept
 * in the read cache as sent (one family of {@link ReadCache#getMember} per table), and the one
 * invalidation each table's writes need. A write of a table, committed, drops that table's family
 * whole ({@link #invalidate}); under the fill-token rule of the read cache a page built before the
 * write committed is never kept after that. Redis down or the cache off, pages are built every time.
 */
public final class KeptTablePages {

    /** A table whose pages are kept, under the versioned key of the pages' JSON. */
    public enum Table {
        USERS(CachedShape.USER_PAGES),
        CATEGORIES(CachedShape.CATEGORY_PAGES),
        TAGS(CachedShape.TAG_PAGES);

        private final CachedShape shape;

        Table(CachedShape shape) {
            this.shape = shape;
        }

        /** The read cache key of this table's kept pages. */
        public String family() {
            return shape.key();
        }
    }

    private final ReadCache cache;

    public KeptTablePages(ReadCache cache) {
        this.cache = cache;
    }

    /**
     * The page as sent, kept or built by {@code build} (and kept for the next reader). The page's
     * name is made of the validated request only, so no two requests that differ share a page.
     */
    public byte[] page(Table table, PageRequest request, Supplier<byte[]> build) {
        return cache.getMember(table.family(), name(request), () -> Optional.of(build.get())).orElseThrow();
    }

    static String name(PageRequest request) {
        return "page=" + request.page() + "\nper_page=" + request.perPage();
    }

    /** After a write of these tables committed: every kept page of theirs goes. */
    public void invalidate(Table... tables) {
        cache.invalidate(Arrays.stream(tables).map(Table::family).toList());
    }

    /** After writes of any of the tables (a data load): every kept page goes. */
    public void invalidateAll() {
        invalidate(Table.values());
    }
}
