package dev.inkwell.api.console;

import dev.inkwell.api.http.RequestMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Inkwell Console at {@code /console}: the static page, styles and JavaScript modules kept in the
 * jar under {@code dev/inkwell/api/console/}. Everything the page does goes through the public
 * {@code /api} with the signed-in user's bearer token (kept in the tab's sessionStorage, never in a
 * URL or cookie); this servlet only hands out files, each with a strict Content-Security-Policy
 * (no inline script or style, no other origin, no framing) and an ETag for revalidation.
 */
public final class ConsoleServlet extends HttpServlet {
    /** Where the files are on the classpath. */
    static final String ROOT = "dev/inkwell/api/console/";
    /** Only plain file names in one folder level: no "..", no hidden files, no odd characters. */
    private static final Pattern FILE = Pattern.compile("([a-z0-9-]+/)?[a-z0-9-]+\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");
    static final String POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "form-action 'none'",
            "frame-ancestors 'none'",
            "base-uri 'none'");

    private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

    /** A file's bytes and the ETag they give. */
    private record Asset(byte[] bytes, String etag, String type) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) { // "/console": relative module URLs need the trailing slash
            response.setHeader("Location", "/console/");
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            return;
        }
        String name = path.equals("/") ? "index.html" : path.substring(1);
        Optional<Asset> asset = FILE.matcher(name).matches() ? assets.computeIfAbsent(name, ConsoleServlet::load) : Optional.empty();
        if (asset.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such file of the console: " + name);
            return;
        }
        request.setAttribute(RequestMetrics.ROUTE, "/console/*"); // one series for all its files
        securityHeaders(response);
        // Revalidated on each use: a new jar's console is never mixed with the old one's modules.
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("ETag", asset.get().etag());
        String held = request.getHeader("If-None-Match");
        if (held != null && held.contains(asset.get().etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(asset.get().type());
        response.setContentLength(asset.get().bytes().length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(asset.get().bytes());
        }
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }

    static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }

    private static Optional<Asset> load(String name) {
        try (InputStream in = ConsoleServlet.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
            return Optional.of(new Asset(bytes, "\"" + hash + "\"", TYPES.get(name.substring(name.lastIndexOf('.') + 1))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
