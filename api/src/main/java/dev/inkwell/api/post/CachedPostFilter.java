package dev.inkwell.api.post;

import dev.inkwell.persistence.post.PostCache;
import dev.inkwell.persistence.post.PostCache.CachedPost;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.util.Enumeration;
import java.util.Optional;

/**
 * The hot path of {@code GET /api/posts/{id}}, in front of Jersey: an anonymous read of a
 * published post that Redis holds is answered here with the cached bytes (one HGET, no
 * resource matching, no auth filter, no entity writer). Everything else goes on to
 * {@link PostResource} unchanged: other methods, a request with credentials (they must be
 * checked, and may see drafts), an {@code Accept} that is not plainly JSON (Jersey negotiates
 * it), a path that is not a plain id, a miss, a draft, a damaged entry and Redis being down.
 * The answer is the one {@link PostResource#get} gives for the same entry: same status, body,
 * {@code Content-Type} and {@code ETag}; the read cache's invariants are untouched, as both
 * read the same entry.
 */
public final class CachedPostFilter extends HttpFilter {
    private static final String PREFIX = "/api/posts/";
    /** Longer ids may not fit a long: Jersey answers those. */
    private static final int MAX_DIGITS = 18;

    private final transient PostCache cache;

    public CachedPostFilter(PostCache cache) {
        this.cache = cache;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long id = servable(request);
        Optional<CachedPost> post = id < 0 ? Optional.empty() : cache.cached(id);
        if (post.isEmpty() || !post.get().published()) {
            chain.doFilter(request, response);
            return;
        }
        byte[] json = post.get().json();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setHeader(HttpHeaders.ETAG, "\"" + post.get().version() + "\"");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** The post id of an anonymous JSON GET of one post, or -1 when Jersey should answer. */
    static long servable(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !plainJson(only(request.getHeaders(HttpHeaders.ACCEPT)))) {
            return -1;
        }
        return id(request.getRequestURI());
    }

    /** The header's one value; null when absent, "" when it is given more than once (then Jersey negotiates). */
    private static String only(Enumeration<String> values) {
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        return values.hasMoreElements() ? "" : first;
    }

    /** The id in "/api/posts/{digits}", or -1. */
    static long id(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return -1;
        }
        int digits = path.length() - PREFIX.length();
        if (digits < 1 || digits > MAX_DIGITS) {
            return -1;
        }
        long id = 0;
        for (int i = PREFIX.length(); i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    /** No Accept, or one that takes JSON without parameters to weigh; anything else is Jersey's to negotiate. */
    static boolean plainJson(String accept) {
        if (accept == null) {
            return true;
        }
        String a = accept.strip();
        return a.equals("*/*") || a.equalsIgnoreCase(MediaType.APPLICATION_JSON) || a.equalsIgnoreCase("application/*");
    }
}
