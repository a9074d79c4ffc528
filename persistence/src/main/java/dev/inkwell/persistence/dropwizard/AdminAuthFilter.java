package dev.inkwell.persistence.dropwizard;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;

/**
 * Guards a Dropwizard admin port: {@code /ping} and {@code /healthcheck} stay open (load
 * balancers and probes); metrics, threads and tasks need HTTP basic credentials, user "admin"
 * and the configured password. Without a configured password they are closed to everyone.
 */
public final class AdminAuthFilter implements Filter {
    private static final Set<String> OPEN = Set.of("/ping", "/healthcheck");

    private final byte[] expected;

    /** {@code password} empty: nothing but the open paths. */
    public AdminAuthFilter(String password) {
        this.expected = password == null || password.isEmpty() ? null
                : ("admin:" + password).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String path = http.getPathInfo() == null ? http.getServletPath() : http.getServletPath() + http.getPathInfo();
        if (OPEN.contains(path) || authorized(http.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse out = (HttpServletResponse) response;
        out.setHeader("WWW-Authenticate", "Basic realm=\"inkwell-admin\", charset=\"UTF-8\"");
        out.sendError(HttpServletResponse.SC_UNAUTHORIZED,
                expected == null ? "set ADMIN_PASSWORD to use this admin endpoint" : "credentials required");
    }

    private boolean authorized(String header) {
        if (expected == null || header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, expected);
    }
}
