package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;

import java.util.Map;

import static dev.inkwell.api.user.Wire.patch;

/**
 * What the tests of {@code /api/users} and {@code /api/users/{id}} share ({@link UsersSignUpApiIT},
 * {@link UsersSignUpRefusalApiIT}, {@link UserReadApiIT}, {@link UserEditApiIT}, {@link
 * UserAdminEditApiIT}, {@link UserPasswordApiIT}, {@link UserDeleteApiIT}, {@link UserRaceApiIT}),
 * with the tokens' ({@link TokenSignInApiIT}, {@link TokenSignInRefusalApiIT}, {@link
 * TokenValidityApiIT}) and the invitations' ({@link InvitationIssueApiIT}, {@link
 * InvitationAcceptApiIT}, {@link InvitationPendingApiIT}), whose sign-ins {@link AccountFieldFuzzIT},
 * {@link InvitationFuzzIT} and {@link CurrentPasswordLimitIT} use too: a user's address, the e-mail address
 * {@link ApiApp#signUp} gives, an id no user has, a sign-up and a sign-in with any body, a user
 * without a password, a user's username and count of rows, and whether a token or a password
 * still works.
 */
final class UserApiFixture {
    /** An id no user of a test database reaches. */
    static final long UNKNOWN_ID = 987_654_321L;

    /** A valid password for sign-ups written out in the test. */
    static final String PASSWORD = "correct horse battery staple";

    private final ApiApp api;

    UserApiFixture(ApiApp api) {
        this.api = api;
    }

    static String path(long id) {
        return "/api/users/" + id;
    }

    /** The e-mail address {@link ApiApp#signUp} gave {@code s}, as the server stores it. */
    static String email(ApiApp.Session s) {
        return s.username().toLowerCase() + "@example.com";
    }

    /** POST /api/users with {@code body}: a JSON string sent as it is, anything else serialized. */
    Response signUp(Object body) {
        return api.request("/api/users").post(body instanceof String s ? Entity.json(s) : Entity.json(body));
    }

    /** POST /api/tokens with {@code body}: a JSON string sent as it is, anything else serialized. */
    Response signIn(Object body) {
        return api.request("/api/tokens").post(body instanceof String s ? Entity.json(s) : Entity.json(body));
    }

    Response signIn(String username, String password) {
        return signIn(Map.of("username", username, "password", password));
    }

    /** A user made like bulk creation makes them (no password); returns their id. */
    long passwordless(String stem) {
        String name = ApiApp.unique(stem);
        return api.jdbi().withHandle(h -> h.createQuery("INSERT INTO users (username, email) VALUES (:u, :e) RETURNING id")
                .bind("u", name).bind("e", name.toLowerCase() + "@example.com").mapTo(Long.class).one());
    }

    /** The username of user {@code id}, read straight from the database. */
    String username(long id) {
        return Wire.column(api.jdbi(), id, "username", String.class);
    }

    /** Status of a request the owner of {@code token} may make: 200 while the token works. */
    int statusWith(ApiApp.Session s, String token) {
        try (Response r = patch(api.request(path(s.id()), token), "{}")) {
            Wire.text(r, s.password());
            return r.getStatus();
        }
    }

    /** How many rows of {@code table} belong to user {@code userId}, read straight from the database. */
    long rowsOf(String table, long userId) {
        return api.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table + " WHERE user_id = :id")
                .bind("id", userId).mapTo(Long.class).one());
    }

    /** Status of a sign-in: 201 when {@code password} is the user's and the user is active. */
    int signInStatus(String username, String password) {
        try (Response r = signIn(username, password)) {
            Wire.text(r, password);
            return r.getStatus();
        }
    }
}
