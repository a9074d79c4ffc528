package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.inkwell.api.user.ProfileFixture.path;
import static dev.inkwell.api.user.ProfileFixture.profile;
import static dev.inkwell.api.user.UserApiFixture.UNKNOWN_ID;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/users/{id}/profile}: anyone reads a profile, every field null until one is put;
 * an unknown or deleted user is 404, an id that is no long 400.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProfileReadApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final ProfileFixture PROFILES = new ProfileFixture(API);

    @Test
    void profileOfAUserWithoutOneHasEveryFieldNull() {
        ApiApp.Session s = API.signUp("noprofile");
        Map<String, Object> p = PROFILES.stored(s.id());
        assertThat(p).containsOnlyKeys("display_name", "bio", "website");
        assertThat(p.values()).containsOnlyNulls();
    }

    @Test
    void profileIsReadableWithoutSigningIn() {
        ApiApp.Session s = API.signUp("public");
        object(PROFILES.put(s, s.id(), profile("Public Person", "hello", "https://example.com/me")), 200);
        assertThat(object(API.request(path(s.id())).get(), 200)).containsEntry("display_name", "Public Person")
                .containsEntry("bio", "hello").containsEntry("website", "https://example.com/me");
    }

    @Test
    void profileOfUnknownUserIs404() {
        problem(API.request(path(UNKNOWN_ID)).get(), 404);
    }

    @Test
    void profileWithIdAbcIs400() {
        problemNaming(API.request("/api/users/abc/profile").get(), 400, "id");
    }

    @Test
    void profileWithIdTooLargeForALongIs400() {
        problemNaming(API.request("/api/users/99999999999999999999/profile").get(), 400, "id");
    }

    @Test
    void profileOfADeletedUserIs404() {
        ApiApp.Session s = API.signUp("gone");
        object(PROFILES.put(s, s.id(), profile("Gone", null, null)), 200);
        Wire.noContent(API.request("/api/users/" + s.id(), s.token()).delete());
        problem(API.request(path(s.id())).get(), 404);
    }
}
