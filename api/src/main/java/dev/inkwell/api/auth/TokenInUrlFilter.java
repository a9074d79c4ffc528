package dev.inkwell.api.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a token in the URL ({@code ?access_token=}, which Dropwizard's OAuth filter would
 * accept): URLs end up in proxy logs, browser history and Referer headers. 400 before anything
 * else reads the request, so the token is used nowhere, not even by the anonymous post reads.
 * The answer is problem+json through the servlet context's error handler.
 */
public final class TokenInUrlFilter extends HttpFilter {
    static final String PARAMETER = "access_token";
    static final String DETAIL = "Tokens are not accepted in the URL (access_token): send 'Authorization: Bearer <token>'.";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (hasTokenParameter(request.getQueryString())) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, DETAIL);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Reads only the query string: {@code getParameter} would also read a form body. */
    static boolean hasTokenParameter(String query) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(name, StandardCharsets.UTF_8).strip().equalsIgnoreCase(PARAMETER)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // a broken %-escape is no token; Jersey reports the parameter if anything reads it
            }
        }
        return false;
    }
}
