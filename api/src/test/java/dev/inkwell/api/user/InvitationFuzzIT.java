package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.inkwell.api.user.UserFuzzFixture.PASSWORD;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input to POST /api/invitations/accept: a token that is not an invitation's is 409 and
 * changes nothing, a password set with an invitation is never interpreted, and a token or
 * password that is not a string is 422.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InvitationFuzzIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserFuzzFixture FUZZ = new UserFuzzFixture(API);
    static final UserApiFixture USERS = new UserApiFixture(API);

    /** An invitation of a fresh user without password, issued by the shared admin: its user and token. */
    private static Map.Entry<Long, String> invitation() {
        long target = FUZZ.newTarget();
        String token = (String) object(API.request("/api/users/" + target + "/invitations", API.sharedAdmin().token()).post(null), 201)
                .get("token");
        return Map.entry(target, token);
    }

    /** Each hostile string as the whole token, then after the prefix of real tokens. */
    static Stream<Arguments> hostileTokens() {
        return UserFuzzFixture.pairs(List.of("", "iwi_"), UserFuzzFixture::hostileStrings);
    }

    @ParameterizedTest(name = "[{0}]{1}")
    @MethodSource("hostileTokens")
    void hostileTokenOnAcceptIs409NamingItAndChangesNothing(String prefix, String value) {
        invitation();
        FUZZ.changesNothing(() -> problemNaming(API.request("/api/invitations/accept").post(Entity.json(Map.of(
                "token", prefix + value, "password", PASSWORD))), 409, "token"));
    }

    /** Passwords set with an invitation are never interpreted either: they sign in exactly as chosen. */
    @ParameterizedTest
    @MethodSource("dev.inkwell.api.user.UserFuzzFixture#hostileStrings")
    void hostilePasswordSetWithAnInvitationSignsInExactlyAsChosen(String value) {
        String password = "pass " + value + " word";
        String chosen = password.length() > 256 ? password.substring(0, 256) : password;
        Map.Entry<Long, String> invitation = invitation();
        object(API.request("/api/invitations/accept").post(Entity.json(Map.of("token", invitation.getValue(), "password", chosen))),
                200, chosen);
        String name = Wire.column(API.jdbi(), invitation.getKey(), "username", String.class);
        try (Response ok = USERS.signIn(name, chosen)) {
            assertThat(ok.getStatus()).as(Wire.text(ok, chosen)).isEqualTo(201);
        }
        assertThat(Wire.column(API.jdbi(), invitation.getKey(), "password_hash", String.class)).startsWith("$argon2id$");
    }

    static Stream<Arguments> scalarsForInvitationFields() {
        return UserFuzzFixture.pairs(List.of("token", "password"), () -> Stream.of("1e400", "99999999999999999999", "12345678", "true", "null"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("scalarsForInvitationFields")
    void numberOrBooleanForATokenOrPasswordIs422AndChangesNothing(String field, String value) {
        Map.Entry<Long, String> invitation = invitation();
        Map<String, String> json = new HashMap<>(Map.of("token", "\"" + invitation.getValue() + "\"", "password", "\"" + PASSWORD + "\""));
        json.put(field, value);
        FUZZ.changesNothing(() -> problemNaming(API.request("/api/invitations/accept").post(Entity.json("{\"token\": " + json.get("token")
                + ", \"password\": " + json.get("password") + "}")), 422, field));
    }
}
