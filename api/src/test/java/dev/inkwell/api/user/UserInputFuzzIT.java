package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input to every user, profile, token and invitation endpoint that takes any: malformed JSON, wrong
 * types, huge numbers, unknown fields, SQL and LIKE/tsquery metacharacters, NUL and very long
 * strings, in body fields, path ids and query parameters. Never a 500; a refusal is always
 * problem+json and changes nothing; what is accepted is stored exactly as sent.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserInputFuzzIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    private static final String PASSWORD = "a perfectly fine password";

    private static ApiApp.Session admin;

    /** One admin for the whole class (signing up costs two Argon2 rounds); no test changes them. */
    private static synchronized ApiApp.Session admin() {
        if (admin == null) {
            admin = API.admin();
        }
        return admin;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> errorFields(Map<String, Object> problem) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        return errors == null ? List.of() : errors.stream().map(e -> e.get("field")).toList();
    }

    /** The fingerprint of the user tables, taken after the shared admin exists. */
    private static String before() {
        admin();
        return snapshot(API.jdbi());
    }

    /** A fresh user for an admin to act on, inserted directly (no password, no hashing). */
    private static long newTarget() {
        String name = ApiApp.unique("fztarget");
        return API.jdbi().withHandle(h -> h.createQuery("INSERT INTO users (username, email) VALUES (:u, :e) RETURNING id")
                .bind("u", name).bind("e", name.toLowerCase() + "@example.com").mapTo(Long.class).one());
    }

    /** Strings that have broken somebody's SQL, LIKE, tsquery, C string or buffer before. */
    static Stream<Named<String>> hostileStrings() {
        return Stream.of(
                Named.of("SQL comment", "' OR 1=1 --"),
                Named.of("SQL statement", "x'; DROP TABLE users; --"),
                Named.of("percent", "%"),
                Named.of("underscore", "_"),
                Named.of("tsquery prefix", ":*"),
                Named.of("open parenthesis", "("),
                Named.of("backslash", "\\"),
                Named.of("NUL", "a\u0000b"),
                Named.of("only NUL", "\u0000"),
                Named.of("markup", "<script>alert(1)</script>"),
                Named.of("lookup", "${jndi:ldap://example.org/x}"),
                Named.of("100,000 characters", "x".repeat(100_000)),
                Named.of("100,000 quotes", "'".repeat(100_000)));
    }

    /** The hostile strings that are not valid as username (all) nor as e-mail address (all). */
    static Stream<Named<String>> invalidNames() {
        return hostileStrings();
    }

    /** Hostile strings that PostgreSQL can store (no NUL) and that fit a 2,000-character bio. */
    static Stream<Named<String>> storableTexts() {
        return hostileStrings().filter(n -> !n.getPayload().contains("\u0000") && n.getPayload().length() <= 2000);
    }

    static Stream<Named<String>> nonNulTexts() {
        return hostileStrings().filter(n -> !n.getPayload().contains("\u0000"));
    }

    static Stream<Named<String>> nulTexts() {
        return hostileStrings().filter(n -> n.getPayload().contains("\u0000"));
    }

    // ---------------------------------------------------------------- sign-up

    @ParameterizedTest
    @MethodSource("invalidNames")
    void hostileUsernameOnSignUpIs422AndChangesNothing(String value) {
        String before = before();
        problemNaming(API.request("/api/users").post(Entity.json(Map.of(
                "username", value, "email", ApiApp.unique("fz") + "@example.com", "password", PASSWORD))), 422, "username");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void hostileEmailOnSignUpIs422AndChangesNothing(String value) {
        String before = before();
        problemNaming(API.request("/api/users").post(Entity.json(Map.of(
                "username", ApiApp.unique("fz"), "email", value, "password", PASSWORD))), 422, "email");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    /** Passwords are never interpreted: whatever 8–256 characters were chosen sign in exactly. */
    @ParameterizedTest
    @MethodSource("hostileStrings")
    void hostilePasswordSignsInExactlyAsChosen(String value) {
        String password = "pass " + value + " word";
        password = password.length() > 256 ? password.substring(0, 256) : password;
        String name = ApiApp.unique("fzpw");
        object(API.request("/api/users").post(Entity.json(Map.of("username", name, "email", name + "@example.com",
                "password", password))), 201, password);
        try (Response ok = API.request("/api/tokens").post(Entity.json(Map.of("username", name, "password", password)))) {
            assertThat(ok.getStatus()).as(Wire.text(ok, password)).isEqualTo(201);
        }
        problem(API.request("/api/tokens").post(Entity.json(Map.of("username", name, "password", password + "x"))), 401, password);
    }

    // ---------------------------------------------------------------- sign-in

    @ParameterizedTest
    @MethodSource("nulTexts")
    void nulInTheUsernameOnSignInIsRefusedAndIssuesNoToken(String value) {
        ApiApp.Session s = API.signUp("fzsignin");
        String before = before();
        int status;
        try (Response r = API.request("/api/tokens").post(Entity.json(Map.of("username", value, "password", s.password())))) {
            r.bufferEntity();
            status = r.getStatus();
            // an unknown user is 401; a name PostgreSQL cannot even hold (NUL) may also be refused as invalid
            assertThat(status).as(r.readEntity(String.class)).isIn(401, 422);
            problem(r, status, s.password());
        }
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("nonNulTexts")
    void hostileUsernameWithoutNulOnSignInIs401(String value) {
        problem(API.request("/api/tokens").post(Entity.json(Map.of("username", value, "password", PASSWORD))), 401);
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void hostilePasswordOnSignInIs401AndIssuesNoToken(String value) {
        ApiApp.Session s = API.signUp("fzsignpw");
        String before = before();
        problem(API.request("/api/tokens").post(Entity.json(Map.of("username", s.username(), "password", value))), 401);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    // ---------------------------------------------------------------- PATCH /api/users/{id}

    @ParameterizedTest
    @MethodSource("invalidNames")
    void hostileUsernameInPatchIs422AndChangesNothing(String value) {
        ApiApp.Session s = API.signUp("fzpatch");
        String before = before();
        problemNaming(patch(API.request("/api/users/" + s.id(), s.token()), Map.of("username", value)), 422, "username");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void hostileEmailInPatchIs422AndChangesNothing(String value) {
        ApiApp.Session s = API.signUp("fzpatchmail");
        String before = before();
        problemNaming(patch(API.request("/api/users/" + s.id(), s.token()), Map.of("email", value)), 422, "email");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void hostileRoleInPatchByAnAdminIs422AndChangesNothing(String value) {
        long target = newTarget();
        String before = before();
        problemNaming(patch(API.request("/api/users/" + target, admin().token()), Map.of("role", value)), 422, "role");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void hostilePasswordInPatchIsNeverStoredAsGiven(String value) {
        ApiApp.Session s = API.signUp("fzpatchpw");
        try (Response r = patch(API.request("/api/users/" + s.id(), s.token()), Map.of("password", value, "current_password", s.password()))) {
            String body = Wire.text(r);
            assertThat(r.getStatus()).as(body).isIn(200, 422);
        }
        String hash = Wire.column(API.jdbi(), s.id(), "password_hash", String.class);
        assertThat(hash).startsWith("$argon2id$").isNotEqualTo(value);
        if (value.length() >= 3) {
            assertThat(hash).doesNotContain(value);
        }
    }

    // ---------------------------------------------------------------- PUT /api/users/{id}/profile

    @ParameterizedTest
    @MethodSource("storableTexts")
    void hostileDisplayNameAndBioAreStoredVerbatim(String value) {
        ApiApp.Session s = API.signUp("fzprofile");
        String displayName = value.length() <= 100 ? value : value.substring(0, 100);
        Map<String, Object> body = new HashMap<>();
        body.put("display_name", displayName);
        body.put("bio", value);
        object(API.request("/api/users/" + s.id() + "/profile", s.token()).put(Entity.json(body)), 200);
        assertThat(object(API.request("/api/users/" + s.id() + "/profile").get(), 200))
                .containsEntry("display_name", displayName).containsEntry("bio", value);
    }

    @ParameterizedTest
    @MethodSource("nulTexts")
    void nulInTheBioIs422AndChangesNothing(String value) {
        ApiApp.Session s = API.signUp("fznulbio");
        object(API.request("/api/users/" + s.id() + "/profile", s.token()).put(Entity.json(Map.of("bio", "before"))), 200);
        String before = before();
        problem(API.request("/api/users/" + s.id() + "/profile", s.token()).put(Entity.json(Map.of("bio", value))), 422);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("nulTexts")
    void nulInTheDisplayNameIs422AndChangesNothing(String value) {
        ApiApp.Session s = API.signUp("fznulname");
        String before = before();
        problem(API.request("/api/users/" + s.id() + "/profile", s.token()).put(Entity.json(Map.of("display_name", value))), 422);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    /** Control characters other than newline and tab, and unpaired surrogates, as the JSON escapes a client sends. */
    static Stream<String> notText() {
        return Stream.of("\\u0007", "\\u001b[31m", "\\u007f", "\\ud800", "x\\udc00");
    }

    @ParameterizedTest
    @MethodSource("notText")
    void textThatIsNotTextInAProfileIs422NamingTheFieldAndChangesNothing(String escaped) {
        ApiApp.Session s = API.signUp("fznottext");
        for (String field : List.of("display_name", "bio")) {
            String before = before();
            problemNaming(API.request("/api/users/" + s.id() + "/profile", s.token()).put(
                    Entity.entity("{\"" + field + "\": \"a" + escaped + "b\"}", MediaType.APPLICATION_JSON_TYPE)), 422, field);
            assertThat(snapshot(API.jdbi())).isEqualTo(before);
        }
    }

    @Test
    void anUnpairedSurrogateInAPasswordIs422() {
        String name = ApiApp.unique("fzsurrogate");
        String before = before();
        problemNaming(API.request("/api/users").post(Entity.entity("{\"username\": \"" + name + "\", \"email\": \"" + name
                + "@example.com\", \"password\": \"long enough \\ud800 password\"}", MediaType.APPLICATION_JSON_TYPE)), 422, "password");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void hostileWebsiteIs422AndChangesNothing(String value) {
        ApiApp.Session s = API.signUp("fzweb");
        String before = before();
        Map<String, Object> problem = problem(API.request("/api/users/" + s.id() + "/profile", s.token())
                .put(Entity.json(Map.of("website", value))), 422);
        // a long value may break two rules of the field (length and scheme): each is named
        assertThat(errorFields(problem)).isNotEmpty().containsOnly("website");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void httpWebsiteWithNulInsideIs422() {
        ApiApp.Session s = API.signUp("fzwebnul");
        String before = before();
        problem(API.request("/api/users/" + s.id() + "/profile", s.token())
                .put(Entity.json(Map.of("website", "https://example.org/a\u0000b"))), 422);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    // ---------------------------------------------------------------- POST /api/users/bulk

    @ParameterizedTest
    @MethodSource("invalidNames")
    void hostileUsernameInBulkIs422NamingTheItemAndChangesNothing(String value) {
        String name = ApiApp.unique("fzbulk");
        String before = before();
        Map<String, Object> problem = Wire.problem(Wire.isolated(API, "POST", "/api/users/bulk", admin().token(), Wire.json(List.of(
                Map.of("username", name, "email", name + "@example.com"),
                Map.of("username", value, "email", name + "-2@example.com")))), 422);
        assertThat(errorFields(problem)).containsExactly("[1].username");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void hostileEmailInBulkIs422NamingTheItemAndChangesNothing(String value) {
        String name = ApiApp.unique("fzbulkmail");
        String before = before();
        Map<String, Object> problem = Wire.problem(Wire.isolated(API, "POST", "/api/users/bulk", admin().token(), Wire.json(List.of(
                Map.of("username", name, "email", value)))), 422);
        assertThat(errorFields(problem)).containsExactly("[0].email");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    // ---------------------------------------------------------------- invitations

    /** An invitation of a fresh user without password, issued by the shared admin: its user and token. */
    private static Map.Entry<Long, String> invitation() {
        long target = newTarget();
        String token = (String) object(API.request("/api/users/" + target + "/invitations", admin().token()).post(null), 201)
                .get("token");
        return Map.entry(target, token);
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void hostileTokenOnAcceptIs409NamingItAndChangesNothing(String value) {
        invitation();
        String before = before();
        problemNaming(API.request("/api/invitations/accept").post(Entity.json(Map.of("token", value, "password", PASSWORD))),
                409, "token");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void hostileTokenAfterTheRightPrefixIs409AndChangesNothing(String value) {
        invitation();
        String before = before();
        problemNaming(API.request("/api/invitations/accept").post(Entity.json(Map.of("token", "iwi_" + value, "password", PASSWORD))),
                409, "token");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    /** Passwords set with an invitation are never interpreted either: they sign in exactly as chosen. */
    @ParameterizedTest
    @MethodSource("hostileStrings")
    void hostilePasswordSetWithAnInvitationSignsInExactlyAsChosen(String value) {
        String password = "pass " + value + " word";
        String chosen = password.length() > 256 ? password.substring(0, 256) : password;
        Map.Entry<Long, String> invitation = invitation();
        object(API.request("/api/invitations/accept").post(Entity.json(Map.of("token", invitation.getValue(), "password", chosen))),
                200, chosen);
        String name = Wire.column(API.jdbi(), invitation.getKey(), "username", String.class);
        try (Response ok = API.request("/api/tokens").post(Entity.json(Map.of("username", name, "password", chosen)))) {
            assertThat(ok.getStatus()).as(Wire.text(ok, chosen)).isEqualTo(201);
        }
        assertThat(Wire.column(API.jdbi(), invitation.getKey(), "password_hash", String.class)).startsWith("$argon2id$");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("scalarsForInvitationFields")
    void numberOrBooleanForATokenOrPasswordIs422AndChangesNothing(String field, String value) {
        Map.Entry<Long, String> invitation = invitation();
        Map<String, String> json = new HashMap<>(Map.of("token", "\"" + invitation.getValue() + "\"", "password", "\"" + PASSWORD + "\""));
        json.put(field, value);
        String before = before();
        problemNaming(API.request("/api/invitations/accept").post(Entity.json("{\"token\": " + json.get("token")
                + ", \"password\": " + json.get("password") + "}")), 422, field);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    static Stream<Arguments> scalarsForInvitationFields() {
        List<Arguments> all = new ArrayList<>();
        for (String field : List.of("token", "password")) {
            for (String value : List.of("1e400", "99999999999999999999", "12345678", "true", "null")) {
                all.add(Arguments.of(field, value));
            }
        }
        return all.stream();
    }

    // ---------------------------------------------------------------- path ids

    static Stream<Named<String>> hostileIds() {
        return Stream.of(
                Named.of("abc", "abc"),
                Named.of("20 digits", "99999999999999999999"),
                Named.of("minus 20 digits", "-99999999999999999999"),
                Named.of("1e400", "1e400"),
                Named.of("decimal", "1.5"),
                Named.of("hex", "0x10"),
                Named.of("SQL comment", "1' OR 1=1 --"),
                Named.of("SQL statement", "1; DELETE FROM users"),
                Named.of("percent", "%"),
                Named.of("underscore", "_"),
                Named.of("tsquery prefix", ":*"),
                Named.of("open parenthesis", "("),
                Named.of("NUL", "\u0000"),
                Named.of("1 then NUL", "1\u0000"),
                Named.of("very long", "9".repeat(5000)));
    }

    /** One endpoint taking a user id in its path. */
    record Endpoint(String method, String suffix, String body) {
        Wire.Raw call(String encodedId, String token) {
            // on a connection of its own: Jetty drops the connection after some URIs it refuses
            return Wire.isolated(API, method, "/api/users/" + encodedId + suffix, token, body);
        }

        @Override
        public String toString() {
            return method + " /api/users/{id}" + suffix;
        }
    }

    static Stream<Arguments> hostileIdsPerEndpoint() {
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", "", null),
                new Endpoint("PATCH", "", "{\"username\": \"renamed-by-fuzz\"}"),
                new Endpoint("DELETE", "", null),
                new Endpoint("GET", "/profile", null),
                new Endpoint("PUT", "/profile", "{\"bio\": \"changed by fuzz\"}"),
                new Endpoint("POST", "/invitations", null));
        List<Arguments> all = new ArrayList<>();
        for (Endpoint e : endpoints) {
            hostileIds().forEach(id -> all.add(Arguments.of(e, id)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with id {1}")
    @MethodSource("hostileIdsPerEndpoint")
    void hostilePathIdIs400AndChangesNothing(Endpoint endpoint, String id) {
        String before = before();
        Wire.problem(endpoint.call(Wire.segment(id), admin().token()), 400);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    // ---------------------------------------------------------------- query parameters

    static Stream<Arguments> hostilePageParameters() {
        List<Arguments> all = new ArrayList<>();
        for (String param : List.of("page", "per_page")) {
            Stream.of("abc", "1e400", "99999999999999999999", "-99999999999999999999", "1.5", "0x10", "' OR 1=1 --",
                            "%", "_", ":*", "(", "\u0000", "1\u0000", "9".repeat(5000))
                    .forEach(v -> all.add(Arguments.of(param, Named.of(v.length() > 30 ? v.length() + " digits" : v.replace("\u0000", "NUL"), v))));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("hostilePageParameters")
    void hostilePageParameterIs400(String param, String value) {
        problemNaming(Wire.raw(API, "/api/users?" + param + "=" + Wire.segment(value), null).get(), 400, param);
    }

    @ParameterizedTest
    @MethodSource("hostilePageParameters")
    void hostilePageParameterIs400EvenForAdmins(String param, String value) {
        problem(Wire.raw(API, "/api/users?" + param + "=" + Wire.segment(value), admin().token()).get(), 400);
    }

    // ---------------------------------------------------------------- GET /api/users?q=

    /**
     * A hostile search: NUL or more than 254 characters 422 naming q (past the URI limit, 414);
     * anything else a search that finds nothing (no username holds any of these strings), the
     * e-mail kind included for an admin, and for anyone else 403.
     */
    @ParameterizedTest
    @MethodSource("hostileStrings")
    void hostileSearchIsAProblemOrFindsNothingAndChangesNothing(String value) {
        admin();
        ApiApp.Session user = API.signUp("fzsearch");
        String afterSignUp = snapshot(API.jdbi());
        for (String q : List.of(value, value + "@", "@" + value)) {
            String path = "/api/users?q=" + Wire.segment(q);
            for (String token : new String[] {null, user.token(), admin().token()}) {
                Wire.Raw r = Wire.isolated(API, "GET", path, token, null);
                boolean byEmail = q.indexOf('@') >= 0;
                if (path.length() > 8 * 1024) {
                    Wire.problem(r, 414); // Jetty's, before anyone reads the query
                } else if (byEmail && token == null) {
                    Wire.problem(r, 401);
                } else if (byEmail && token.equals(user.token())) {
                    Wire.problem(r, 403);
                } else if (q.indexOf('\u0000') >= 0 || q.length() > 254) {
                    assertThat(errorFields(Wire.problem(r, 422))).containsExactly("q");
                } else {
                    assertThat(Wire.items(Wire.object(r, 200))).as(q).isEmpty();
                }
            }
        }
        assertThat(snapshot(API.jdbi())).isEqualTo(afterSignUp);
    }

    // ---------------------------------------------------------------- bodies of the wrong shape

    /** Every endpoint with a body; the user-specific ones called by an admin on user {@code target}. */
    private static Map<String, Function<Long, Invocation.Builder>> bodyEndpoints() {
        Map<String, Function<Long, Invocation.Builder>> endpoints = new LinkedHashMap<>();
        endpoints.put("POST /api/users", target -> API.request("/api/users"));
        endpoints.put("PATCH /api/users/{id}", target -> API.request("/api/users/" + target, admin().token()));
        endpoints.put("PUT /api/users/{id}/profile", target -> API.request("/api/users/" + target + "/profile", admin().token()));
        endpoints.put("POST /api/tokens", target -> API.request("/api/tokens"));
        endpoints.put("POST /api/users/bulk", target -> API.request("/api/users/bulk", admin().token()));
        endpoints.put("POST /api/invitations/accept", target -> API.request("/api/invitations/accept"));
        return endpoints;
    }

    /** Like {@link #send} for large bodies: on a connection of its own (see {@link Wire#isolated}). */
    private static Wire.Raw sendIsolated(String endpoint, long target, String body) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{id}", Long.toString(target));
        String token = path.startsWith("/api/users/") ? admin().token() : null;
        return Wire.isolated(API, method, path, token, body);
    }

    /** Sends {@code body} to {@code endpoint}, acting on user {@code target} where it takes one. */
    private static Response send(String endpoint, long target, Entity<?> body) {
        return bodyEndpoints().get(endpoint).apply(target).method(endpoint.substring(0, endpoint.indexOf(' ')), body);
    }

    static Stream<Arguments> malformedBodies() {
        // FIELD stands for a string field the endpoint knows, so that only the syntax is wrong
        List<String> bodies = List.of("{", "[", "{\"FIELD\": ", "{\"FIELD\": \"abc\"", "{'FIELD': 'abc'}",
                "{FIELD: \"abc\"}", "nul", "tru", "{\"FIELD\": \"a\\qb\"}", "{\"FIELD\": \"unterminated}", "{\"FIELD\": \"abc\",}",
                "{} {}", "[] []", "{\"FIELD\": \"abc\"}}", "\u0000", "{\"FIELD\": \"a\u0000b\"}", "\uFEFF{}x", "{\"FIELD\": 01}",
                "{\"FIELD\": NaN}", "{\"FIELD\": \"abc\" /* comment */}");
        List<Arguments> all = new ArrayList<>();
        for (String endpoint : bodyEndpoints().keySet()) {
            String field = endpoint.contains("profile") ? "bio" : endpoint.contains("invitations") ? "token" : "username";
            for (String template : bodies) {
                String body = template.replace("FIELD", field);
                all.add(Arguments.of(endpoint, Named.of(body.replace("\u0000", "NUL").replace("\uFEFF", "BOM"), body)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("malformedBodies")
    void malformedJsonIs400AndChangesNothing(String endpoint, String body) {
        long target = newTarget();
        String before = before();
        problem(send(endpoint, target, Entity.entity(body.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON_TYPE)), 400);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    /** A JSON value of a type no string field accepts, per endpoint: field, value, expected name in errors. */
    static Stream<Arguments> wrongTypes() {
        List<Arguments> all = new ArrayList<>();
        Map<String, String> fieldOf = Map.of(
                "POST /api/users", "username",
                "PATCH /api/users/{id}", "email",
                "PUT /api/users/{id}/profile", "bio",
                "POST /api/tokens", "username",
                "POST /api/invitations/accept", "token");
        for (Map.Entry<String, String> e : fieldOf.entrySet()) {
            for (String value : List.of("{\"a\": 1}", "[\"abc\"]", "[]", "{}")) {
                all.add(Arguments.of(e.getKey(), e.getValue(), value));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1} = {2}")
    @MethodSource("wrongTypes")
    void objectOrArrayForAStringFieldIs422NamingItAndChangesNothing(String endpoint, String field, String value) {
        long target = newTarget();
        String before = before();
        problemNaming(send(endpoint, target, Entity.json("{\"" + field + "\": " + value + "}")), 422, field);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    /**
     * Numbers and booleans are not strings: JsonProcessingExceptionMapper promises 422 for "JSON
     * whose fields are ... of the wrong type", and a sign-up with {@code "username": 1e400} must not
     * create a user called "1e400".
     */
    static Stream<Arguments> scalarsForStrings() {
        List<Arguments> all = new ArrayList<>();
        for (String field : List.of("username", "email", "password")) {
            for (String value : List.of("1e400", "99999999999999999999", "12345678", "true", "-1")) {
                all.add(Arguments.of(field, value));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("scalarsForStrings")
    void numberOrBooleanForAStringFieldOnSignUpIs422AndCreatesNothing(String field, String value) {
        String name = ApiApp.unique("fzscalar");
        Map<String, String> json = new HashMap<>(Map.of(
                "username", "\"" + name + "\"", "email", "\"" + name + "@example.com\"", "password", "\"" + PASSWORD + "\""));
        json.put(field, value);
        String body = "{\"username\": " + json.get("username") + ", \"email\": " + json.get("email")
                + ", \"password\": " + json.get("password") + "}";
        String before = before();
        problemNaming(API.request("/api/users").post(Entity.json(body)), 422, field);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1e400", "99999999999999999999", "0", "1", "\"false\"", "\"no\"",
            "\"\"", "{}", "[]", "[false]"})
    void nonBooleanIsActiveByAnAdminIs422AndChangesNothing(String value) {
        long target = newTarget();
        String before = before();
        problemNaming(patch(API.request("/api/users/" + target, admin().token()), "{\"is_active\": " + value + "}"), 422, "is_active");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1e400", "99999999999999999999", "true"})
    void numberOrBooleanForTheBioIs422AndChangesNothing(String value) {
        ApiApp.Session s = API.signUp("fzbio");
        String before = before();
        problemNaming(API.request("/api/users/" + s.id() + "/profile", s.token()).put(Entity.json("{\"bio\": " + value + "}")),
                422, "bio");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    static Stream<Arguments> unknownFields() {
        return Stream.of(
                Arguments.of("POST /api/users", "{\"username\": \"unknownfz\", \"email\": \"unknownfz@example.com\", \"password\": \""
                        + PASSWORD + "\", \"id\": 1}", "id"),
                Arguments.of("PATCH /api/users/{id}", "{\"created_at\": \"2000-01-01T00:00:00Z\"}", "created_at"),
                Arguments.of("PUT /api/users/{id}/profile", "{\"bio\": \"x\", \"' OR 1=1 --\": 1}", "' OR 1=1 --"),
                Arguments.of("POST /api/tokens", "{\"username\": \"x\", \"password\": \"y\", \"expires_at\": \"2999-01-01T00:00:00Z\"}",
                        "expires_at"),
                Arguments.of("POST /api/users/bulk", "[{\"username\": \"unknownfz2\", \"email\": \"unknownfz2@example.com\","
                        + " \"is_active\": false}]", "[0].is_active"),
                Arguments.of("POST /api/invitations/accept", "{\"token\": \"iwi_x\", \"password\": \"" + PASSWORD
                        + "\", \"user_id\": 1}", "user_id"));
    }

    @ParameterizedTest(name = "{0} naming {2}")
    @MethodSource("unknownFields")
    void unknownFieldIs422NamingItAndChangesNothing(String endpoint, String body, String field) {
        long target = newTarget();
        String before = before();
        problemNaming(send(endpoint, target, Entity.json(body)), 422, field);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    static Stream<Arguments> wrongTopLevelShapes() {
        List<Arguments> all = new ArrayList<>();
        for (String endpoint : bodyEndpoints().keySet()) {
            List<String> shapes = endpoint.endsWith("bulk") ? List.of("{}", "\"abc\"", "42", "true", "1e400")
                    : List.of("[]", "[{}]", "\"abc\"", "42", "true", "1e400");
            for (String shape : shapes) {
                all.add(Arguments.of(endpoint, shape));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("wrongTopLevelShapes")
    void bodyOfTheWrongShapeIs400AndChangesNothing(String endpoint, String body) {
        long target = newTarget();
        String before = before();
        problem(send(endpoint, target, Entity.json(body)), 400);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    static Stream<String> bodyEndpointNames() {
        return bodyEndpoints().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("bodyEndpointNames")
    void threeMegabyteBodyIs413AndChangesNothing(String endpoint) {
        long target = newTarget();
        String before = before();
        String huge = "\"" + "x".repeat(3 * 1024 * 1024) + "\"";
        String body = endpoint.endsWith("bulk") ? "[{\"username\": " + huge + "}]" : "{\"username\": " + huge + "}";
        if (endpoint.contains("profile")) {
            body = "{\"bio\": " + huge + "}";
        }
        Wire.problem(sendIsolated(endpoint, target, body), 413);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("bodyEndpointNames")
    void veryLongStringsAre422AndChangeNothing(String endpoint) {
        long target = newTarget();
        String before = before();
        String longText = "y".repeat(500_000);
        Object body = switch (endpoint) {
            case "POST /api/users" -> Map.of("username", longText, "email", longText + "@example.com", "password", longText);
            case "PATCH /api/users/{id}" -> Map.of("username", longText, "email", longText + "@example.com", "password", longText);
            case "PUT /api/users/{id}/profile" -> Map.of("display_name", longText, "bio", longText, "website", "https://x.org/" + longText);
            case "POST /api/tokens" -> Map.of("username", longText, "password", longText);
            case "POST /api/invitations/accept" -> Map.of("token", longText, "password", longText);
            default -> List.of(Map.of("username", longText, "email", longText + "@example.com"));
        };
        int expected = endpoint.equals("POST /api/tokens") ? 401 : 422;
        Wire.problem(sendIsolated(endpoint, target, Wire.json(body)), expected);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }
}
