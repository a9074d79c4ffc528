package dev.inkwell.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.InkwellApiApplication;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.testing.ConfigOverrides;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestHttp;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real api, in the test JVM, with the production config file on a test's database and the
 * test Redis, and requests to it through the tests' one client ({@link TestHttp}). {@link #overrides} are shared with workers a test
 * runs in the same JVM.
 */
final class ApiUnderTest {

    private final DropwizardTestSupport<ApiConfiguration> app;

    private ApiUnderTest(DropwizardTestSupport<ApiConfiguration> app) {
        this.app = app;
    }

    /** Overrides for any of our apps: free ports, the test's database and Redis namespace, quiet logs. */
    static List<ConfigOverride> overrides(TestDatabase db, String namespace) {
        return overrides(db.url(), namespace);
    }

    /**
     * As {@link #overrides(TestDatabase, String)}, reaching the database at {@code database} (e.g.
     * through a proxy: {@code proxy.to(db.url())}), with its user and password when it has them.
     */
    static List<ConfigOverride> overrides(DatabaseUrl database, String namespace) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("cache.url", TestRedis.get().url()),
                ConfigOverride.config("cache.namespace", namespace),
                ConfigOverride.config("logging.level", "WARN"),
                // Each app's delayed shutdown is a JVM shutdown hook that waits 5 s: a test JVM
                // that ran a few apps then outlived surefire's 30 s for exiting and was killed.
                ConfigOverride.config("health.delayedShutdownHandlerEnabled", "false")));
        ConfigOverrides.database(database).forEach((key, value) -> overrides.add(ConfigOverride.config(key, value)));
        return overrides;
    }

    static ApiUnderTest start(TestDatabase db, String namespace) throws Exception {
        return start(db, namespace, List.of());
    }

    /**
     * As {@link #start(TestDatabase, String)}, with {@code extra} overrides of the api's own settings
     * (e.g. rate limits). Overrides are system properties until the app stops, and a worker started
     * next in this JVM would read them too and refuse keys it does not have: once the api has read
     * its configuration, they are removed.
     */
    static ApiUnderTest start(TestDatabase db, String namespace, List<ConfigOverride> extra) throws Exception {
        List<ConfigOverride> all = overrides(db, namespace);
        all.addAll(extra);
        DropwizardTestSupport<ApiConfiguration> app = new DropwizardTestSupport<>(InkwellApiApplication.class,
                Path.of("config/api.yml").toAbsolutePath().toString(), all.toArray(ConfigOverride[]::new));
        app.before();
        extra.forEach(ConfigOverride::removeFromSystemProperties);
        return new ApiUnderTest(app);
    }

    void stop() {
        app.after();
    }

    /** The running app (its ports). */
    DropwizardTestSupport<ApiConfiguration> support() {
        return app;
    }

    TestHttp.Answer send(String method, String path, String token, Object body) {
        return TestHttp.request(method, "http://127.0.0.1:" + app.getLocalPort() + path, body).bearer(token).send();
    }

    JsonNode expect(TestHttp.Answer response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        return response.json();
    }

    JsonNode job(String id, String token) throws Exception {
        return expect(send("GET", "/api/jobs/" + id, token, null), 200);
    }

    /** Signs up {@code username}, makes them an admin in the database, and signs them in. */
    String adminToken(String username) throws Exception {
        String password = "the password of " + username;
        expect(send("POST", "/api/users", null, Map.of("username", username, "email", username + "@example.com", "password", password)), 201);
        ((InkwellApiApplication) app.getApplication()).jdbi()
                .useHandle(h -> h.execute("UPDATE users SET role = 'admin' WHERE username = ?", username));
        return expect(send("POST", "/api/tokens", null, Map.of("username", username, "password", password)), 201).get("token").asText();
    }
}
