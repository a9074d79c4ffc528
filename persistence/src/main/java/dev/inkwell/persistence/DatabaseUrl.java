package dev.inkwell.persistence;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PostgreSQL address as operators write it: either a JDBC URL
 * ({@code jdbc:postgresql://host:port/db?...}) or the libpq/Heroku form
 * ({@code postgresql://user:pass@host:port/db?sslmode=require}, also {@code postgres://}).
 * User and password found in the URL are returned apart, never left inside {@code jdbcUrl}, so
 * the JDBC URL can be logged. The one place where Inkwell reads, builds or changes such addresses.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {
    private static final String JDBC = "jdbc:postgresql://";

    /** The address of {@code database} on {@code host:port}, without options. */
    public static DatabaseUrl of(String host, int port, String database, String user, String password) {
        return new DatabaseUrl(JDBC + host + ":" + port + "/" + database, user, password);
    }

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
            return new DatabaseUrl(JDBC + uri.getHost() + ":" + port + path + query, user, password);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("database URL is not a valid URL", e);
        }
    }

    /** The same server, user and options with another database name (a restore's scratch database). */
    public DatabaseUrl withDatabase(String database) {
        Parts parts = Parts.of(jdbcUrl);
        return new DatabaseUrl(JDBC + parts.server() + "/" + database + parts.query(), user, password);
    }

    /** The same database, user and options on another server (e.g. a proxy in front of this one). */
    public DatabaseUrl withServer(String host, int port) {
        Parts parts = Parts.of(jdbcUrl);
        return new DatabaseUrl(JDBC + host + ":" + port + "/" + parts.database() + parts.query(), user, password);
    }

    /** The server's host name ({@code localhost} when the URL names none). */
    public String host() {
        String host = uri().getHost();
        return host == null ? "localhost" : host;
    }

    /** The server's port (PostgreSQL's 5432 when the URL names none). */
    public int port() {
        int port = uri().getPort();
        return port < 0 ? 5432 : port;
    }

    private URI uri() {
        return URI.create(jdbcUrl.substring("jdbc:".length()));
    }

    /** {@code jdbc:postgresql://server/database?query} in its parts; the query keeps its '?', absent ones are "". */
    private record Parts(String server, String database, String query) {
        static Parts of(String jdbcUrl) {
            if (!jdbcUrl.startsWith(JDBC)) {
                throw new IllegalStateException("not a " + JDBC + " URL: " + jdbcUrl);
            }
            String rest = jdbcUrl.substring(JDBC.length());
            int q = rest.indexOf('?');
            String query = q < 0 ? "" : rest.substring(q);
            String path = q < 0 ? rest : rest.substring(0, q);
            int slash = path.indexOf('/');
            return slash < 0 ? new Parts(path, "", query) : new Parts(path.substring(0, slash), path.substring(slash + 1), query);
        }
    }

    /**
     * The libpq environment (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD) of this address, for
     * the PostgreSQL client tools, so no credential goes on a command line. A user or password
     * given as a JDBC URL parameter counts too; the record's own win.
     */
    public Map<String, String> clientEnvironment() {
        URI uri = uri();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", host());
        env.put("PGPORT", Integer.toString(port()));
        env.put("PGDATABASE", uri.getPath().replaceFirst("^/", ""));
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                String value = kv.length == 2 ? decode(kv[1]) : "";
                if (kv[0].equals("user")) {
                    env.put("PGUSER", value);
                } else if (kv[0].equals("password")) {
                    env.put("PGPASSWORD", value);
                }
            }
        }
        if (user != null && !user.isBlank()) {
            env.put("PGUSER", user);
        }
        if (password != null && !password.isEmpty()) {
            env.put("PGPASSWORD", password);
        }
        return env;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
