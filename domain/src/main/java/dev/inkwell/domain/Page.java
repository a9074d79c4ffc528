package dev.inkwell.domain;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list. {@code page} is null for a page reached by cursor; {@code nextCursor}
 * is null on the last page (lists without keyset paging leave it null too). {@code total} is
 * exact unless {@code totalExact} is false: then the list has more matches than are worth
 * counting on every request, and {@code total} is an estimate of at least that many.
 */
public record Page<T>(List<T> items, long total, boolean totalExact, Integer page, int perPage, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /** A page whose total is exact. */
    public Page(List<T> items, long total, Integer page, int perPage, String nextCursor) {
        this(items, total, true, page, perPage, nextCursor);
    }

    public long pages() {
        return (total + perPage - 1) / perPage;
    }

    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(items.stream().<R>map(f).toList(), total, totalExact, page, perPage, nextCursor);
    }
}
