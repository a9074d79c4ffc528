package dev.inkwell.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.testing.ConfigOverrides;
import dev.inkwell.persistence.testing.FlakyProxy;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.persistence.testing.TestRedis;
import dev.inkwell.persistence.user.UserDao;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real API application on its own freshly migrated database, for one test class:
 * <pre>
 * {@literal @}ExtendWith(DropwizardExtensionsSupport.class)
 * class XxxApiIT {
 *     static final ApiApp API = new ApiApp();
 *     static final DropwizardAppExtension&lt;ApiConfiguration&gt; APP = API.extension();
 * </pre>
 * Tests share the database; each makes its own users (unique names) so none depends on another.
 * The app's read cache uses the test Redis under a namespace of its own. Overrides must not
 * repeat a key (Dropwizard keeps them in a set: which one wins is unspecified).
 */
public final class ApiApp {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TestDatabase database;
    private final TestRedis redis;
    private final String namespace;
    private final OpenApiContract contract = new OpenApiContract();
    private final DropwizardAppExtension<ApiConfiguration> app;
    private boolean contractRegistered;
    private Session sharedAdmin;
    private final AtomicLong jerseyRequests = new AtomicLong();

    public ApiApp(ConfigOverride... overrides) {
        this(TestRedis.get(), overrides);
    }

    /** An app whose cache uses {@code redis} (e.g. a private one a fault test stops). */
    public ApiApp(TestRedis redis, ConfigOverride... overrides) {
        this(redis, null, overrides);
    }

    /**
     * An app whose cache uses {@code redis} and that reaches PostgreSQL through {@code
     * databaseProxy} (in front of the test server), so a fault test can cut the database away.
     */
    public ApiApp(TestRedis redis, FlakyProxy databaseProxy, ConfigOverride... overrides) {
        this(TestPostgres.get().newDatabase(), redis, databaseProxy,
                "test-" + UUID.randomUUID().toString().substring(0, 8), overrides);
    }

    private ApiApp(TestDatabase database, TestRedis redis, FlakyProxy databaseProxy, String namespace, ConfigOverride... overrides) {
        this.database = database;
        this.redis = redis;
        this.namespace = namespace;
        DatabaseUrl url = databaseProxy == null ? database.url() : databaseProxy.to(database.url());
        List<ConfigOverride> all = new ArrayList<>();
        ConfigOverrides.database(url).forEach((key, value) -> all.add(ConfigOverride.config(key, value)));
        all.add(ConfigOverride.config("cache.url", redis.url()));
        // Apps of different test classes share the Redis, not their databases: keys must not meet.
        all.add(ConfigOverride.config("cache.namespace", namespace));
        all.addAll(List.of(overrides));
        this.app = new DropwizardAppExtension<>(InkwellApiApplication.class,
                ResourceHelpers.resourceFilePath("api-test.yml"), all.toArray(ConfigOverride[]::new)) {
            @Override
            public void after() {
                try {
                    super.after();
                } finally {
                    ConfigOverrides.forget(); // no app outlives its test class
                    assertThat(contract.violations()).as("responses that break the OpenAPI document").isEmpty();
                }
            }
        };
        app.addListener(new DropwizardAppExtension.ServiceListener<>() {
            @Override
            public void onRun(ApiConfiguration configuration, Environment environment, DropwizardAppExtension<ApiConfiguration> extension) {
                environment.jersey().register(new JerseyRequests(jerseyRequests));
            }
        });
    }

    /**
     * How many requests reached Jersey so far: one that a servlet filter in front of it answered
     * (an anonymous post read, a plain list page) does not count, so a test tells which path
     * answered by what this did across its request (the answers are meant to be the same).
     */
    public long jerseyRequests() {
        return jerseyRequests.get();
    }

    /** Counts every request Jersey sees, before it matches a resource (so a 404 counts too). */
    @PreMatching
    private record JerseyRequests(AtomicLong count) implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            count.incrementAndGet();
        }
    }

    /**
     * A second API instance of the same deployment: this app's database, Redis and cache
     * namespace (as instances behind one load balancer), with its own {@code overrides}.
     */
    public ApiApp anotherInstance(ConfigOverride... overrides) {
        return new ApiApp(database, redis, null, namespace, overrides);
    }

    /** The cache namespace of this app's deployment (the first part of its Redis keys). */
    public String namespace() {
        return namespace;
    }

    /** The OpenAPI checks every response of this app's tests went through. */
    public OpenApiContract contract() {
        return contract;
    }

    public DropwizardAppExtension<ApiConfiguration> extension() {
        return app;
    }

    /** The test's direct line to the database (fixtures, checks), bypassing the API. */
    public Jdbi jdbi() {
        return database.jdbi();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.getLocalPort() + path;
    }

    /** A request to {@code path} (e.g. "/api/users"), anonymous. */
    public Invocation.Builder request(String path) {
        return client().target(url(path)).request(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The test client; every response it receives is checked against the OpenAPI document. */
    public synchronized jakarta.ws.rs.client.Client client() {
        if (!contractRegistered) {
            // Apache HttpClient 5 would silently retry 429 and 503 after Retry-After: tests
            // must see exactly what the server answered.
            app.client().property("jersey.config.apache5.client.retryStrategy",
                    new org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy(0, org.apache.hc.core5.util.TimeValue.ZERO_MILLISECONDS));
            app.client().register(contract);
            contractRegistered = true;
        }
        return app.client();
    }

    /** A request to {@code path} with {@code token} as bearer credentials. */
    public Invocation.Builder request(String path, String token) {
        return request(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    /** A unique, valid username with the given stem. */
    public static String unique(String stem) {
        return stem + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Signs up a new user through the API and signs them in; returns who and their token. */
    public Session signUp(String stem) {
        String username = unique(stem);
        String password = "password-of-" + username;
        try (Response created = request("/api/users").post(Entity.json(Map.of(
                "username", username, "email", username + "@example.com", "password", password)))) {
            assertThat(created.getStatus()).as("sign-up of %s", username).isEqualTo(201);
            long id = ((Number) created.readEntity(Map.class).get("id")).longValue();
            return new Session(id, username, password, signIn(username, password));
        }
    }

    /**
     * One admin for every test of this app that uses one and changes it not, made on first use
     * (signing up costs two Argon2 rounds): a test that changes its admin makes its own with {@link #admin}.
     */
    public synchronized Session sharedAdmin() {
        if (sharedAdmin == null) {
            sharedAdmin = admin();
        }
        return sharedAdmin;
    }

    /** Makes a new admin (directly in the database, as create-admin does) and signs them in. */
    public Session admin() {
        Session user = signUp("admin");
        jdbi().useHandle(h -> h.createUpdate("UPDATE users SET role = 'admin' WHERE id = :id").bind("id", user.id()).execute());
        return user;
    }

    public String signIn(String username, String password) {
        try (Response token = request("/api/tokens").post(Entity.json(Map.of("username", username, "password", password)))) {
            assertThat(token.getStatus()).as("sign-in of %s", username).isEqualTo(201);
            return (String) token.readEntity(Map.class).get("token");
        }
    }

    /**
     * Makes a category through the API, named uniquely after {@code stem}, and returns it as
     * answered. The shared admin makes it: a category has no owner, so who makes it shows nowhere.
     */
    public JsonNode category(String stem) {
        return new JsonHttp(this).post("/api/categories", JsonHttp.fields("name", unique(stem))).as(sharedAdmin()).expect(201);
    }

    /** Inserts users straight into the database (no password), e.g. to fill pages. */
    public void insertUsers(String stem, int count) {
        UserDao users = jdbi().onDemand(UserDao.class);
        for (int i = 0; i < count; i++) {
            String name = unique(stem);
            users.insert(NewUser.of(name, name + "@example.com", null, Role.USER));
        }
    }

    /** A signed-in user of the test. */
    public record Session(long id, String username, String password, String token) {
    }
}
