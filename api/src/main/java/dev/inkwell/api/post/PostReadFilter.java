package dev.inkwell.api.post;

import dev.inkwell.api.http.SharedCaching;
import dev.inkwell.api.http.RequestMetrics;
import dev.inkwell.domain.post.Post;
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
import java.util.function.Function;

/**
 * The hot path of {@code GET /api/posts/{id}}, in front of Jersey: an anonymous JSON read of one
 * post is answered here when the post is published, with the bytes the {@link PostCache} reads
 * (one HGET on a hit; on a miss, or with the cache off, the one PostgreSQL read that also fills
 * the cache): no resource matching, no auth filter, no entity writer. Everything else goes on
 * to {@link PostResource}: other methods, a request with credentials (they must be checked, and
 * may see drafts), an {@code Accept} that is not plainly JSON (Jersey negotiates it), a path
 * that is not a plain id. A read that found no published post (a draft, no such post) or that
 * failed (PostgreSQL unavailable) goes on too, with what was found as the request attribute
 * {@link #READ}: the resource answers from it (a problem: 404, 503) instead of reading again.
 * The answer is the one {@link PostResource#get} gives: same status (304 to an {@code If-None-Match}
 * naming its tag), body, {@code Content-Type}, {@code ETag} and {@code Cache-Control}; the read
 * cache's invariants are untouched, as both read through it.
 */
public final class PostReadFilter extends HttpFilter {
    /** The request attribute (a Jersey request property) holding this filter's {@link Read}. */
    static final String READ = PostReadFilter.class.getName() + ".read";
    private static final String PREFIX = "/api/posts/";
    /** The route of the answers given here (as {@link PostResource}'s). */
    private static final String ROUTE = PREFIX + "{id}";
    /** Longer ids may not fit a long: Jersey answers those. */
    private static final int MAX_DIGITS = 18;

    private final transient PostCache cache;
    private final transient Function<Post, byte[]> json;

    /** {@code json} writes a post as this API sends it (as for {@link PostResource}). */
    public PostReadFilter(PostCache cache, Function<Post, byte[]> json) {
        this.cache = cache;
        this.json = json;
    }

    /** What this filter read of post {@code id}: the post, or the failure to rethrow. */
    record Read(long id, Optional<CachedPost> post, RuntimeException failure) {
        Optional<CachedPost> get() {
            if (failure != null) {
                throw failure;
            }
            return post;
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long id = servable(request);
        if (id < 0) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(RequestMetrics.ROUTE, ROUTE); // Jersey names the same if it answers instead
        Read read;
        try {
            read = new Read(id, cache.find(id, json), null);
        } catch (RuntimeException e) {
            read = new Read(id, Optional.empty(), e);
        }
        CachedPost post = read.post().orElse(null);
        if (post == null || !post.published()) {
            request.setAttribute(READ, read);
            chain.doFilter(request, response);
            return;
        }
        byte[] body = post.json();
        String etag = PostETag.of(post.version(), body);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, SharedCaching.PUBLIC);
        if (PostETag.notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The post id of an anonymous JSON GET of one post, or -1 when Jersey should answer. */
    static long servable(HttpServletRequest request) {
        return anonymousJsonGet(request) ? id(request.getRequestURI()) : -1;
    }

    /** A GET without credentials that takes plain JSON: what a filter in front of Jersey may answer (lists too). */
    public static boolean anonymousJsonGet(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && plainJson(only(request.getHeaders(HttpHeaders.ACCEPT)));
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
