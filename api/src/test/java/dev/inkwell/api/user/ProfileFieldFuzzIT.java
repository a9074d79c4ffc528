package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.inkwell.api.user.UserFuzzFixture.errorFields;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile strings in the fields of PUT /api/users/{id}/profile: what PostgreSQL can hold is
 * stored exactly as sent; NUL, control characters, unpaired surrogates and bad websites are 422
 * and change nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProfileFieldFuzzIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserFuzzFixture FUZZ = new UserFuzzFixture(API);

    private static String profile(ApiApp.Session s) {
        return "/api/users/" + s.id() + "/profile";
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.user.UserFuzzFixture#storableTexts")
    void hostileDisplayNameAndBioAreStoredVerbatim(String value) {
        ApiApp.Session s = API.signUp("fzprofile");
        String displayName = value.length() <= 100 ? value : value.substring(0, 100);
        Map<String, Object> body = new HashMap<>();
        body.put("display_name", displayName);
        body.put("bio", value);
        object(API.request(profile(s), s.token()).put(Entity.json(body)), 200);
        assertThat(object(API.request(profile(s)).get(), 200))
                .containsEntry("display_name", displayName).containsEntry("bio", value);
    }

    /** Each text with NUL as the bio, then as the display name. */
    static Stream<Arguments> nulInBioAndDisplayName() {
        return UserFuzzFixture.pairs(List.of("bio", "display_name"), UserFuzzFixture::nulTexts);
    }

    /** The field is set first, so that "changes nothing" also means "keeps what was there". */
    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("nulInBioAndDisplayName")
    void nulInTheBioOrDisplayNameIs422AndChangesNothing(String field, String value) {
        ApiApp.Session s = API.signUp("fznul");
        object(API.request(profile(s), s.token()).put(Entity.json(Map.of(field, "before"))), 200);
        FUZZ.changesNothing(() -> problem(API.request(profile(s), s.token()).put(Entity.json(Map.of(field, value))), 422));
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
            FUZZ.changesNothing(() -> problemNaming(API.request(profile(s), s.token()).put(
                    Entity.entity("{\"" + field + "\": \"a" + escaped + "b\"}", MediaType.APPLICATION_JSON_TYPE)), 422, field));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.inkwell.api.user.UserFuzzFixture#hostileStrings")
    void hostileWebsiteIs422AndChangesNothing(String value) {
        ApiApp.Session s = API.signUp("fzweb");
        FUZZ.changesNothing(() -> {
            Map<String, Object> problem = problem(API.request(profile(s), s.token()).put(Entity.json(Map.of("website", value))), 422);
            // a long value may break two rules of the field (length and scheme): each is named
            assertThat(errorFields(problem)).isNotEmpty().containsOnly("website");
        });
    }

    @Test
    void httpWebsiteWithNulInsideIs422() {
        ApiApp.Session s = API.signUp("fzwebnul");
        FUZZ.changesNothing(() -> problem(API.request(profile(s), s.token())
                .put(Entity.json(Map.of("website", "https://example.org/a\u0000b"))), 422));
    }
}
