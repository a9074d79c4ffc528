package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.inkwell.api.user.ProfileFixture.path;
import static dev.inkwell.api.user.ProfileFixture.profile;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body of {@code PUT /api/users/{id}/profile}: a website only over http or https, a display
 * name, bio and website no longer than their bounds, every wrong field named, no unknown field
 * (not even a user id), no malformed, missing or oversized body; a refused PUT changes nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProfileValidationApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final ProfileFixture PROFILES = new ProfileFixture(API);

    @ParameterizedTest
    @ValueSource(strings = {"ftp://files.example.org", "javascript:alert(1)", "example.org", "//example.org/x",
            "http://", "mailto:someone@example.org", "data:text/html,<b>hi</b>", "file:///etc/passwd", "http://exa mple.org"})
    void putWithANonHttpWebsiteIs422AndChangesNothing(String website) {
        refusedAndNothingChanged(API.signUp("web"), profile("Web", null, website), "website");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.org", "https://example.org/path?q=1#top", "HTTPS://EXAMPLE.ORG"})
    void putWithAnHttpWebsiteIsAccepted(String website) {
        ApiApp.Session s = API.signUp("goodweb");
        object(PROFILES.put(s, s.id(), profile(null, null, website)), 200);
        assertThat(PROFILES.stored(s.id())).containsEntry("website", website);
    }

    @Test
    void putWithTooLongBioIs422AndChangesNothing() {
        refusedAndNothingChanged(API.signUp("toolongbio"), profile(null, "b".repeat(2001), null), "bio");
    }

    @Test
    void putWithTooLongDisplayNameIs422AndChangesNothing() {
        refusedAndNothingChanged(API.signUp("toolongname"), profile("N".repeat(101), null, null), "display_name");
    }

    @Test
    void putWithTooLongWebsiteIs422AndChangesNothing() {
        refusedAndNothingChanged(API.signUp("toolongweb"), profile(null, null, "https://example.org/" + "p".repeat(2030)), "website");
    }

    @Test
    void putWithEveryFieldWrongNamesThemAll() {
        ApiApp.Session s = API.signUp("allwrong");
        problemNaming(PROFILES.put(s, s.id(), profile("N".repeat(101), "b".repeat(2001), "gopher://x")), 422,
                "display_name", "bio", "website");
    }

    @Test
    void putWithUnknownFieldIs422() {
        ApiApp.Session s = API.signUp("unknownp");
        problemNaming(PROFILES.put(s, s.id(), "{\"display_name\": \"x\", \"avatar\": \"https://example.org/a.png\"}"), 422, "avatar");
        assertThat(PROFILES.stored(s.id()).values()).containsOnlyNulls();
    }

    @Test
    void putCannotMoveTheProfileToAnotherUser() {
        ApiApp.Session s = API.signUp("mover");
        ApiApp.Session other = API.signUp("moved");
        problemNaming(PROFILES.put(s, s.id(), "{\"user_id\": " + other.id() + ", \"bio\": \"x\"}"), 422, "user_id");
        assertThat(PROFILES.stored(other.id()).values()).containsOnlyNulls();
    }

    @Test
    void putWithAnObjectForTheBioIs422() {
        ApiApp.Session s = API.signUp("numbio");
        problemNaming(PROFILES.put(s, s.id(), "{\"bio\": {\"text\": \"x\"}}"), 422, "bio");
    }

    @Test
    void putWithMalformedJsonIs400() {
        ApiApp.Session s = API.signUp("malp");
        problem(PROFILES.put(s, s.id(), "{\"bio\": \"unterminated}"), 400);
    }

    @Test
    void putWithoutBodyIs422() {
        ApiApp.Session s = API.signUp("nobodyp");
        problem(API.request(path(s.id()), s.token()).put(Entity.json("")), 422);
    }

    @Test
    void putWithA3MegabyteBodyIs413() {
        ApiApp.Session s = API.signUp("hugep");
        Wire.problem(Wire.isolated(API, "PUT", path(s.id()), s.token(), "{\"bio\": \"" + "b".repeat(3 * 1024 * 1024) + "\"}"), 413);
        assertThat(PROFILES.stored(s.id()).values()).containsOnlyNulls();
    }

    /**
     * {@code refused} is answered 422 naming {@code field} and changes no user row: a profile is
     * stored first, so that a PUT that cleared it before validating would show.
     */
    private static void refusedAndNothingChanged(ApiApp.Session s, Map<String, Object> refused, String field) {
        object(PROFILES.put(s, s.id(), profile("Known name", "Known bio", "https://example.org/known")), 200);
        String before = snapshot(API.jdbi());
        problemNaming(PROFILES.put(s, s.id(), refused), 422, field);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }
}
