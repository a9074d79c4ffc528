package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.inkwell.api.user.UserFuzzFixture.errorFields;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input in the address of the user endpoints: path ids, page parameters and the search
 * text of GET /api/users. Never a 500; a refusal is always problem+json and changes nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserAddressFuzzIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserFuzzFixture FUZZ = new UserFuzzFixture(API);

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
        return UserFuzzFixture.pairs(endpoints, UserAddressFuzzIT::hostileIds);
    }

    @ParameterizedTest(name = "{0} with id {1}")
    @MethodSource("hostileIdsPerEndpoint")
    void hostilePathIdIs400AndChangesNothing(Endpoint endpoint, String id) {
        FUZZ.changesNothing(() -> Wire.problem(endpoint.call(Wire.segment(id), API.sharedAdmin().token()), 400));
    }

    // ---------------------------------------------------------------- query parameters

    static Stream<Arguments> hostilePageParameters() {
        return UserFuzzFixture.pairs(List.of("page", "per_page"), () -> Stream.of("abc", "1e400", "99999999999999999999",
                        "-99999999999999999999", "1.5", "0x10", "' OR 1=1 --", "%", "_", ":*", "(", "\u0000", "1\u0000", "9".repeat(5000))
                .map(v -> Named.of(v.length() > 30 ? v.length() + " digits" : v.replace("\u0000", "NUL"), v)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("hostilePageParameters")
    void hostilePageParameterIs400(String param, String value) {
        problemNaming(Wire.raw(API, "/api/users?" + param + "=" + Wire.segment(value), null).get(), 400, param);
    }

    @ParameterizedTest
    @MethodSource("hostilePageParameters")
    void hostilePageParameterIs400EvenForAdmins(String param, String value) {
        problem(Wire.raw(API, "/api/users?" + param + "=" + Wire.segment(value), API.sharedAdmin().token()).get(), 400);
    }

    // ---------------------------------------------------------------- GET /api/users?q=

    /**
     * A hostile search: NUL or more than 254 characters 422 naming q (past the URI limit, 414);
     * anything else a search that finds nothing (no username holds any of these strings), the
     * e-mail kind included for an admin, and for anyone else 403.
     */
    @ParameterizedTest
    @MethodSource("dev.inkwell.api.user.UserFuzzFixture#hostileStrings")
    void hostileSearchIsAProblemOrFindsNothingAndChangesNothing(String value) {
        ApiApp.Session user = API.signUp("fzsearch");
        FUZZ.changesNothing(() -> {
            for (String q : List.of(value, value + "@", "@" + value)) {
                String path = "/api/users?q=" + Wire.segment(q);
                for (String token : new String[] {null, user.token(), API.sharedAdmin().token()}) {
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
        });
    }
}
