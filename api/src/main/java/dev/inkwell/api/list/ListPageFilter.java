package dev.inkwell.api.list;

import dev.inkwell.api.http.RequestMetrics;
import dev.inkwell.api.http.SharedCaching;
import dev.inkwell.api.post.PostReadFilter;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.persistence.cache.KeptTablePages.Table;
import dev.inkwell.persistence.cache.ListPage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;

import java.io.IOException;
import java.util.Map;

/**
 * The hot path of {@code GET /api/users}, {@code /api/categories} and {@code /api/tags}, in front
 * of Jersey: an anonymous JSON read of a page is answered here with the bytes of
 * {@link PublicListPages} (one HGET when kept), as the lists' resources answer it: same status,
 * body, {@code Content-Type} and {@code Link} to the next page ({@link ListAnswers}). Only a query
 * of {@code page} and {@code per_page} each given at most once as a plain number in range, or of
 * {@code per_page} and a plain {@code cursor}, is answered here; anything else goes on to Jersey
 * (other methods, credentials, an {@code Accept} Jersey must negotiate, other or repeated
 * parameters, values Jersey refuses or reads another way, a cursor with a page), and so does a
 * page that could not be read (a cursor this server did not issue, PostgreSQL unavailable): the
 * resource then answers, its problem+json included.
 */
public final class ListPageFilter extends HttpFilter {
    private static final Map<String, Table> PATHS = Map.of(
            "/api/users", Table.USERS, "/api/categories", Table.CATEGORIES, "/api/tags", Table.TAGS);
    /** More digits than any valid page or page size: Jersey answers those. */
    private static final int MAX_DIGITS = 5;
    /** Longer than any cursor this server issues (a name's lower case, base64url): Jersey answers those. */
    private static final int MAX_CURSOR = 1024;

    /** What a plain query asks for: a page by number, or the page of that size after {@code cursor} (then not null). */
    record Asked(PageRequest request, String cursor) {
    }

    private final transient PublicListPages pages;

    public ListPageFilter(PublicListPages pages) {
        this.pages = pages;
    }

    /** The URL patterns this filter is mapped to. */
    public static String[] paths() {
        return PATHS.keySet().toArray(String[]::new);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Table table = PATHS.get(request.getRequestURI());
        Asked asked = table == null || !PostReadFilter.anonymousJsonGet(request) ? null : pageOf(request.getQueryString());
        ListPage page;
        try {
            page = asked == null ? null : pages.page(table, asked.request(), asked.cursor());
        } catch (RuntimeException e) {
            page = null; // the resource reads again and answers the failure as a problem
        }
        if (page == null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(RequestMetrics.ROUTE, request.getRequestURI()); // one of PATHS: the resource's route
        byte[] body = page.json();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setContentLength(body.length);
        response.setHeader(HttpHeaders.CACHE_CONTROL, SharedCaching.PUBLIC); // an anonymous reader's page: everyone's
        if (page.nextCursor() != null) {
            // The request's URL as Jersey reads it (UriInfo's request URI), so the link is the resource's.
            UriBuilder requestUri = UriBuilder.fromUri(request.getRequestURL().toString()).replaceQuery(request.getQueryString());
            response.setHeader(HttpHeaders.LINK, ListAnswers.linkHeader(requestUri, page.nextCursor()));
        }
        response.getOutputStream().write(body);
    }

    /** The page a raw query asks for, when it is plain and valid (else null: Jersey's to answer). */
    static Asked pageOf(String query) {
        int page = -1;
        int perPage = -1;
        String cursor = null;
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&", -1)) {
                if (pair.startsWith("cursor=") && cursor == null) {
                    cursor = pair.substring("cursor=".length());
                    if (!plainCursor(cursor) || page > 0) {
                        return null;
                    }
                } else if (pair.startsWith("page=") && page < 0 && cursor == null) {
                    page = number(pair.substring("page=".length()));
                    if (page < 1 || page > PageRequest.MAX_PAGE) {
                        return null;
                    }
                } else if (pair.startsWith("per_page=") && perPage < 0) {
                    perPage = number(pair.substring("per_page=".length()));
                    if (perPage < 1 || perPage > PageRequest.MAX_PER_PAGE) {
                        return null;
                    }
                } else {
                    return null;
                }
            }
        }
        return new Asked(new PageRequest(page < 0 ? 1 : page, perPage < 0 ? PageRequest.DEFAULT_PER_PAGE : perPage), cursor);
    }

    /** Base64url without padding (what the server issues, nothing to decode in the URL), of a bounded length. */
    static boolean plainCursor(String cursor) {
        if (cursor.isEmpty() || cursor.length() > MAX_CURSOR) {
            return false;
        }
        for (int i = 0; i < cursor.length(); i++) {
            char c = cursor.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** A decimal number without sign or leading zero, of at most {@link #MAX_DIGITS} digits; else -1. */
    static int number(String digits) {
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || digits.charAt(0) == '0') {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
