package dev.inkwell.api.limit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.api.auth.PasswordHasher;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Role;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.Race;
import dev.inkwell.persistence.testing.RawHttp;
import dev.inkwell.persistence.user.UserDao;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits as clients meet them, each client a loopback address of its own (127.0.0.x, see
 * {@link RawHttp#from}); 127.0.0.3 plays a trusted load balancer. Each test uses addresses and
 * accounts no other test uses, so none depends on another.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitIT {
    static final ApiApp API = new ApiApp(
            ConfigOverride.config("rateLimits.tokens.perMinute", "1"),
            ConfigOverride.config("rateLimits.tokens.burst", "3"),
            ConfigOverride.config("rateLimits.search.perMinute", "1"),
            ConfigOverride.config("rateLimits.search.burst", "2"),
            ConfigOverride.config("rateLimits.signUp.perMinute", "1"),
            ConfigOverride.config("rateLimits.signUp.burst", "2"),
            ConfigOverride.config("rateLimits.signInFailures.perMinute", "6"),
            ConfigOverride.config("rateLimits.signInFailures.burst", "3"),
            ConfigOverride.config("rateLimits.bulk.perMinute", "1"),
            ConfigOverride.config("rateLimits.bulk.burst", "2"),
            ConfigOverride.config("rateLimits.invitations.perMinute", "1"),
            ConfigOverride.config("rateLimits.invitations.burst", "2"),
            ConfigOverride.config("trustedProxies", "127.0.0.3"),
            // Jetty's own forwarded-header handling on (for the scheme and host of links): it
            // believes anyone's X-Forwarded-For, which the limits must not.
            ConfigOverride.config("server.applicationConnectors[0].useForwardedHeaders", "true"));
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    private static final PasswordHasher HASHER = PasswordHasher.owaspDefaults();

    /** A user made in the database (no sign-up, which is limited too); its password is "pw-" + its name. */
    private static String user(String stem, Role role) {
        String name = ApiApp.unique(stem);
        API.jdbi().onDemand(UserDao.class).insert(NewUser.of(name, name + "@example.com", HASHER.hash("pw-" + name), role));
        return name;
    }

    private static RawHttp.Answer signIn(String from, String username, String password, String... headers) {
        return new RawHttp(APP.getLocalPort()).from(from).json("POST", "/api/tokens",
                "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}", headers);
    }

    private static void assertRefused(RawHttp.Answer answer) {
        assertThat(answer.status()).as("status of %s", answer.text()).isEqualTo(429);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void signInsPastTheLimitAre429WithRetryAfter() {
        String user = user("limited", Role.USER);
        for (int i = 0; i < 3; i++) {
            API.signIn(user, "pw-" + user);
        }
        Response refused = API.request("/api/tokens").post(Entity.json(Map.of("username", user, "password", "pw-" + user)));
        String retryAfter = refused.getHeaderString("Retry-After");
        assertProblem(refused, 429);
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
    }

    @Test
    void searchesAreLimitedButPlainListsAreNot() {
        for (int i = 0; i < 2; i++) {
            try (Response ok = API.request("/api/posts?q=anything").get()) {
                assertThat(ok.getStatus()).isEqualTo(200);
            }
        }
        assertProblem(API.request("/api/posts?q=anything").get(), 429);
        for (int i = 0; i < 5; i++) {
            try (Response list = API.request("/api/posts").get()) {
                assertThat(list.getStatus()).isEqualTo(200);
            }
        }
    }

    @Test
    void userSearchesAreLimitedAsSearchesButTheUserListIsNot() {
        RawHttp client = new RawHttp(APP.getLocalPort()).from("127.0.0.16");
        for (int i = 0; i < 2; i++) {
            assertThat(client.send("GET /api/users?q=anything HTTP/1.1", new byte[0], false).status()).isEqualTo(200);
        }
        assertRefused(client.send("GET /api/users?q=anything HTTP/1.1", new byte[0], false));
        for (int i = 0; i < 5; i++) {
            // A repeated parameter: answered by the resource, not before Jersey (ListPageFilter).
            assertThat(client.send("GET /api/users?per_page=5&per_page=5 HTTP/1.1", new byte[0], false).status()).isEqualTo(200);
        }
    }

    @Test
    void oneAddressOverTheLimitDoesNotLimitAnother() {
        String user = user("bystander", Role.USER);
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("127.0.0.2", ApiApp.unique("guess"), "wrong").status()).isEqualTo(401);
        }
        assertRefused(signIn("127.0.0.2", ApiApp.unique("guess"), "wrong"));
        assertThat(signIn("127.0.0.4", user, "pw-" + user).status()).isEqualTo(201);
    }

    @Test
    void forwardedAddressIsBelievedOnlyFromATrustedProxy() {
        // Through the trusted proxy 127.0.0.3: each forwarded address has its own limit...
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("127.0.0.3", ApiApp.unique("guess"), "wrong", "X-Forwarded-For: 203.0.113.7").status()).isEqualTo(401);
        }
        assertRefused(signIn("127.0.0.3", ApiApp.unique("guess"), "wrong", "X-Forwarded-For: 203.0.113.7"));
        assertThat(signIn("127.0.0.3", ApiApp.unique("guess"), "wrong", "X-Forwarded-For: 203.0.113.8").status()).isEqualTo(401);
        // ...and what the client wrote itself, left of what the proxy appended, changes nothing.
        assertRefused(signIn("127.0.0.3", ApiApp.unique("guess"), "wrong", "X-Forwarded-For: 198.51.100.9, 203.0.113.7"));
        // Anyone else's header is ignored: a new forwarded address per request does not escape the limit.
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("127.0.0.5", ApiApp.unique("guess"), "wrong", "X-Forwarded-For: 198.51.100." + i).status()).isEqualTo(401);
        }
        assertRefused(signIn("127.0.0.5", ApiApp.unique("guess"), "wrong", "X-Forwarded-For: 198.51.100.50"));
    }

    @Test
    void signUpsPastTheLimitAre429() {
        for (int i = 0; i < 2; i++) {
            assertThat(signUp("127.0.0.6").status()).isEqualTo(201);
        }
        assertRefused(signUp("127.0.0.6"));
        assertThat(signUp("127.0.0.7").status()).isEqualTo(201);
    }

    private static RawHttp.Answer signUp(String from) {
        String name = ApiApp.unique("joiner");
        return new RawHttp(APP.getLocalPort()).from(from).json("POST", "/api/users",
                "{\"username\": \"" + name + "\", \"email\": \"" + name + "@example.com\", \"password\": \"pw-of-" + name + "\"}");
    }

    @Test
    void failedSignInsLockTheAccountFromEveryAddressForAShortWhile() throws Exception {
        String victim = user("victim", Role.USER);
        String other = user("other", Role.USER);
        // Three wrong passwords, each from another address (no address reaches its own limit).
        for (String from : new String[] {"127.0.0.8", "127.0.0.9", "127.0.0.10"}) {
            assertThat(signIn(from, victim.toUpperCase(), "wrong").status()).isEqualTo(401);
        }
        RawHttp.Answer locked = signIn("127.0.0.11", victim, "pw-" + victim);
        assertRefused(locked);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isLessThanOrEqualTo(10);
        assertThat(locked.text()).contains("failed sign-ins for this account");
        assertThat(signIn("127.0.0.11", other, "pw-" + other).status()).as("another account").isEqualTo(201);
        // The lock lifts by itself (one failure's worth comes back every 10 s here); each try
        // from an address of its own, whose own limit it does not reach.
        AtomicInteger host = new AtomicInteger();
        int status = Poll.until(Duration.ofSeconds(20), Duration.ofMillis(500), "the account's lock lifts",
                () -> signIn("127.0.3." + host.incrementAndGet(), victim, "pw-" + victim).status(), s -> s != 429);
        assertThat(status).isEqualTo(201);
    }

    @Test
    void aBurstOfWrongPasswordsAtOnceGetsNoMoreThanTheAccountsBurstChecked() throws Exception {
        String victim = user("burst", Role.USER);
        // Twenty at once, each from an address of its own: only the account's limit (burst 3) stops them.
        List<Callable<Integer>> guesses = IntStream.rangeClosed(1, 20)
                .<Callable<Integer>>mapToObj(host -> () -> signIn("127.0.4." + host, victim, "wrong-" + host).status())
                .toList();
        List<Integer> statuses = Race.together(guesses);
        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(s -> s == 401).count()).as("passwords checked of %s", statuses).isLessThanOrEqualTo(3);
    }

    @Test
    void onlyAcceptedBulkRequestsCount() {
        String admin = user("bulk-admin", Role.ADMIN);
        RawHttp client = new RawHttp(APP.getLocalPort()).from("127.0.0.13");
        JsonNode issued = parse(signIn("127.0.0.13", admin, "pw-" + admin).text());
        String auth = "Authorization: Bearer " + issued.get("token").asText();
        for (int i = 0; i < 3; i++) {
            assertThat(client.json("POST", "/api/users/bulk", "[]", auth).status()).as("an invalid bulk creation").isEqualTo(422);
            assertThat(client.json("POST", "/api/posts/bulk-update", "{\"ids\": [1], \"set\": {}}", auth).status())
                    .as("an invalid bulk update").isEqualTo(422);
            assertThat(client.json("POST", "/api/users/bulk", "[{\"username\": \"x\"}]").status()).as("anonymous").isEqualTo(401);
        }
        for (int i = 0; i < 2; i++) {
            String name = ApiApp.unique("bulk");
            assertThat(client.json("POST", "/api/users/bulk", "[{\"username\": \"" + name + "\", \"email\": \"" + name + "@example.com\"}]", auth)
                    .status()).isEqualTo(201);
        }
        String name = ApiApp.unique("bulk");
        assertRefused(client.json("POST", "/api/users/bulk", "[{\"username\": \"" + name + "\", \"email\": \"" + name + "@example.com\"}]", auth));
    }

    @Test
    void invitationUsesPastTheLimitAre429AndAnotherAddressIsNotLimited() {
        RawHttp client = new RawHttp(APP.getLocalPort()).from("127.0.0.14");
        String body = "{\"token\": \"iwi_guessed\", \"password\": \"a fine password\"}";
        for (int i = 0; i < 2; i++) {
            assertThat(client.json("POST", "/api/invitations/accept", body).status()).as("an unknown token").isEqualTo(409);
        }
        assertRefused(client.json("POST", "/api/invitations/accept", body));
        assertThat(new RawHttp(APP.getLocalPort()).from("127.0.0.15").json("POST", "/api/invitations/accept", body).status())
                .isEqualTo(409);
    }

    private static JsonNode parse(String json) {
        try {
            return JsonHttp.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
