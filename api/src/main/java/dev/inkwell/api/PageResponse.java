package dev.inkwell.api;

import dev.inkwell.domain.Page;

import java.util.List;
import java.util.function.Function;

/** A page of a list on the wire: {@code {items, total, total_exact, pages, page, per_page, next_cursor}}. */
public record PageResponse<T>(List<T> items, long total, boolean totalExact, long pages, Integer page, int perPage,
                              String nextCursor) {

    public static <D, T> PageResponse<T> of(Page<D> page, Function<? super D, ? extends T> toWire) {
        return new PageResponse<>(page.items().stream().<T>map(toWire).toList(), page.total(), page.totalExact(), page.pages(),
                page.page(), page.perPage(), page.nextCursor());
    }
}
