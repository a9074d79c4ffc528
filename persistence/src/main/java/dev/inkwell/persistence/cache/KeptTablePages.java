package dev.inkwell.persistence.cache;

import dev.inkwell.domain.PageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        USERS("users", CachedShape.USER_PAGES),
        CATEGORIES("categories", CachedShape.CATEGORY_PAGES),
        TAGS("tags", CachedShape.TAG_PAGES);

        private final String list;
        private final CachedShape shape;

        Table(String list, CachedShape shape) {
            this.list = list;
            this.shape = shape;
        }

        /** The table's name, which its pages' cursors carry ({@link dev.inkwell.domain.TableCursor#list}). */
        public String list() {
            return list;
        }

        /** The read cache key of this table's kept pages. */
        public String family() {
            return shape.key();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(KeptTablePages.class);

    private final ReadCache cache;

    public KeptTablePages(ReadCache cache) {
        this.cache = cache;
    }

    /**
     * The page as sent with its next cursor, kept or built by {@code build} (and kept for the next
     * reader). The page's name is made of the validated request only (its number, or a
     * {@code cursor} that decoded, and its size), so no two requests that differ share a page.
     * Pages after a cursor are kept as pages by number are: a client walking the list by cursor
     * asks for the same pages as every other walker until the next write, and the family's bound
     * ({@code cache.maxListPages}) holds them as it holds deep pages by number.
     */
    public ListPage page(Table table, PageRequest request, String cursor, Supplier<ListPage> build) {
        byte[] entry = cache.getMember(table.family(), name(request, cursor), () -> Optional.of(build.get().entry())).orElseThrow();
        ListPage page = ListPage.ofEntry(entry);
        if (page == null) {
            LOG.warn("read cache: unreadable {} page dropped", table);
            invalidate(table);
            return build.get();
        }
        return page;
    }

    static String name(PageRequest request, String cursor) {
        return (cursor == null ? "page=" + request.page() : "cursor=" + cursor) + "\nper_page=" + request.perPage();
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
