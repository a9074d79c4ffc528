package dev.inkwell.api.list;

import dev.inkwell.api.http.SharedCaching;
import dev.inkwell.domain.InvalidException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.net.URI;

/**
 * How a page of the user, category or tag list is answered, by its resource or before Jersey
 * ({@link ListPageFilter}): the page's JSON, and, when a next page exists, a {@code Link} to it
 * (rel "next"): the request's own URL with {@code page} removed and {@code cursor} set to the
 * page's next cursor; the post list's pages are answered here too.
 */
public final class ListAnswers {
    private ListAnswers() {
    }

    /** A page is asked for by number or after a cursor, not both (as for posts). */
    public static void refuseCursorWithPage(String cursor, Integer page) {
        if (cursor != null && page != null) {
            throw new InvalidException("cursor", "cannot be combined with page");
        }
    }

    /**
     * The resource's answer: {@code entity} (JSON bytes, or a record Jersey writes), linked to the
     * next page if any; {@code shared} when every reader is shown this page alike ({@link SharedCaching}).
     */
    public static Response ok(Object entity, String nextCursor, UriBuilder requestUri, boolean shared) {
        Response.ResponseBuilder response = Response.ok(entity, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, SharedCaching.of(shared));
        if (nextCursor != null) {
            response.link(next(requestUri, nextCursor), "next");
        }
        return response.build();
    }

    /** The {@code Link} header's value for the next page, as Jersey writes the link {@link #ok} adds. */
    static String linkHeader(UriBuilder requestUri, String nextCursor) {
        return Link.fromUri(next(requestUri, nextCursor)).rel("next").build().toString();
    }

    private static URI next(UriBuilder requestUri, String nextCursor) {
        return requestUri.replaceQueryParam("page").replaceQueryParam("cursor", nextCursor).build();
    }
}
