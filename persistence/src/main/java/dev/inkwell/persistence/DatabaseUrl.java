package dev.inkwell.persistence;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL address as operators write it: either a JDBC URL
 * ({@code jdbc:postgresql://host:port/db?...}) or the libpq/Heroku form
 * ({@code postgresql://user:pass@host:port/db?sslmode=require}, also {@code postgres://}).
 * User and password found in the URL are returned apart, never left inside {@code jdbcUrl}, so
 * the JDBC URL can be logged.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("database URL is empty");
        }
        String raw = url.strip();
        if (raw.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(raw, null, null);
        }
        if (!raw.startsWith("postgresql://") && !raw.startsWith("postgres://")) {
            throw new IllegalArgumentException("database URL must start with jdbc:postgresql:, postgresql:// or postgres://");
        }
        try {
            URI uri = new URI(raw);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("database URL has no host");
            }
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            int port = uri.getPort() == -1 ? 5432 : uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + path + query, user, password);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("database URL is not a valid URL", e);
        }
    }

    /** The same server and options with another database name (tests and restores use this). */
    public DatabaseUrl withDatabase(String database) {
        int start = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int end = jdbcUrl.indexOf('?', Math.max(start, 0));
        String base = start < 0 ? (end < 0 ? jdbcUrl : jdbcUrl.substring(0, end)) : jdbcUrl.substring(0, start);
        String query = end < 0 ? "" : jdbcUrl.substring(end);
        return new DatabaseUrl(base + "/" + database + query, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
