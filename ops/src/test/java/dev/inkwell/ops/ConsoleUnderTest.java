package dev.inkwell.ops;

import dev.inkwell.persistence.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console's browser tests run against: the real api and a worker ({@link ApiAndWorker})
 * and one headless Chromium on the console, with the steps every one of them takes (sign up, sign
 * in, check a page with axe-core). One for the test JVM: as a parameter of a class's
 * {@code @BeforeAll} it is started on first use and kept in the launcher session's store (failsafe
 * runs each class as a launch of its own, whose root store closes with the class), which closes
 * it when the JVM's tests end; so the classes start a browser, an api and a worker once between
 * them, and share one database (each test makes users and posts of its own names).
 */
final class ConsoleUnderTest implements AutoCloseable {
    /** How long a job (bulk update, backup, restore check) may take on a busy machine. */
    static final Duration JOBS = Duration.ofSeconds(90);

    final ApiAndWorker stack;
    final TestDatabase db;
    final ApiUnderTest api;
    final ConsoleBrowser browser;

    private ConsoleUnderTest(ApiAndWorker stack, ConsoleBrowser browser) {
        this.stack = stack;
        this.db = stack.db;
        this.api = stack.api;
        this.browser = browser;
    }

    private static ConsoleUnderTest start() throws Exception {
        // The tests sign up and sign in more often than the production limits allow one address.
        List<ConfigOverride> limits = new ArrayList<>();
        for (String limit : List.of("tokens", "signUp", "bulk")) {
            limits.add(ConfigOverride.config("rateLimits." + limit + ".perMinute", "10000"));
            limits.add(ConfigOverride.config("rateLimits." + limit + ".burst", "1000"));
        }
        ApiAndWorker stack = ApiAndWorker.start("console", limits, List.of(ConfigOverride.config("jobs.workerCount", "2"),
                ConfigOverride.config("backups.dir", Files.createTempDirectory("console-backups").toString())));
        try {
            return new ConsoleUnderTest(stack, new ConsoleBrowser("http://127.0.0.1:" + stack.api.support().getLocalPort()));
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    /** Signs up {@code username} (password {@link #password}); returns the user's id. */
    long signUp(String username) {
        return api.expect(api.send("POST", "/api/users", null, Map.of("username", username, "email", username + "@example.com",
                "password", password(username))), 201).get("id").asLong();
    }

    static String password(String username) {
        return "the password of " + username;
    }

    /** A token of {@code username}'s, signed in through the API (not the console). */
    String token(String username) {
        return api.expect(api.send("POST", "/api/tokens", null, Map.of("username", username, "password", password(username))), 201)
                .get("token").asText();
    }

    /** Makes {@code username} an admin, signs in as them in the browser and opens the console's {@code page}; returns their API token. */
    String signInAsNewAdmin(String username, String page) throws Exception {
        String token = api.adminToken(username);
        browser.signIn(username, password(username));
        browser.click("#nav a[href='" + page + "']");
        return token;
    }

    /** The page now shown has no serious or critical axe-core violations. */
    void accessible(String page) {
        assertThat(browser.seriousAccessibilityViolations()).as("serious accessibility violations on " + page).isEmpty();
    }

    long count(String sql, Object... args) {
        return db.jdbi().withHandle(h -> h.select(sql, args).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            stack.close();
        }
    }

    /** Hands a test class's {@code @BeforeAll} the run's one console, started on first use. */
    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ConsoleUnderTest.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, ExtensionContext.Namespace.create(ConsoleUnderTest.class))
                    .getOrComputeIfAbsent(ConsoleUnderTest.class, key -> {
                        try {
                            return start();
                        } catch (Exception e) {
                            throw new IllegalStateException("cannot start the api, worker and browser for the console", e);
                        }
                    }, ConsoleUnderTest.class);
        }
    }
}
