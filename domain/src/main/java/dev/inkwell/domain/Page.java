package dev.inkwell.domain;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list. {@code page} is null for a page reached by cursor; {@code nextCursor}
 * is null on the last page (lists without keyset paging leave it null too).
 */
public record Page<T>(List<T> items, long total, Integer page, int perPage, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    public long pages() {
        return (total + perPage - 1) / perPage;
    }

    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(items.stream().<R>map(f).toList(), total, page, perPage, nextCursor);
    }
}
