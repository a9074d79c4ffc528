package dev.inkwell.persistence.testing;

import dev.inkwell.persistence.DatabaseUrl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dropwizard's test overrides are system properties ("dw." + key), and each restores on stop the
 * value it found at start: two apps of one test overriding the same key leave the first's value
 * behind for the next test class (a dead proxy's database URL, a low rate limit). Tests that run
 * several apps call {@link #forget} once they are all stopped. {@link #database} gives the keys
 * and values that point an app at a test database.
 */
public final class ConfigOverrides {
    private ConfigOverrides() {
    }

    /**
     * The overrides of the {@code database:} section that point an app at {@code url}: its JDBC
     * URL, and its user and password when it has them apart (an INKWELL_TEST_DATABASE_URL in
     * postgresql://user:password@... form).
     */
    public static Map<String, String> database(DatabaseUrl url) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("database.url", url.jdbcUrl());
        if (url.user() != null) {
            overrides.put("database.user", url.user());
        }
        if (url.password() != null) {
            overrides.put("database.password", url.password());
        }
        return overrides;
    }

    /** Clears every "dw." system property: call it only when no app of the test is starting. */
    public static void forget() {
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("dw."))
                .forEach(System::clearProperty);
    }
}
