package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.inkwell.api.user.ProfileFixture.path;
import static dev.inkwell.api.user.ProfileFixture.profile;
import static dev.inkwell.api.user.UserApiFixture.UNKNOWN_ID;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PUT /api/users/{id}/profile}, who may and what it does: the user or an admin replaces the
 * whole profile (absent fields cleared), up to the longest name and bio; anyone else is 401 or 403
 * and changes nothing, an unknown user 404, an id that is no long 400. The body's fields:
 * {@link ProfileValidationApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProfilePutApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final ProfileFixture PROFILES = new ProfileFixture(API);

    @Test
    void putAnswersTheProfile() {
        ApiApp.Session s = API.signUp("put");
        assertThat(object(PROFILES.put(s, s.id(), profile("Ada", "Counts things.", "http://ada.example.org")), 200, s.password()))
                .containsEntry("display_name", "Ada").containsEntry("bio", "Counts things.")
                .containsEntry("website", "http://ada.example.org");
    }

    @Test
    void putIsKeptAndReadBack() {
        ApiApp.Session s = API.signUp("keep");
        object(PROFILES.put(s, s.id(), profile("Grace", "Finds bugs.", "https://grace.example.org/")), 200);
        assertThat(PROFILES.stored(s.id())).containsEntry("display_name", "Grace").containsEntry("bio", "Finds bugs.")
                .containsEntry("website", "https://grace.example.org/");
    }

    @Test
    void putReplacesEveryFieldAndClearsTheAbsentOnes() {
        ApiApp.Session s = API.signUp("replace");
        object(PROFILES.put(s, s.id(), profile("First", "first bio", "https://first.example.org")), 200);
        object(PROFILES.put(s, s.id(), Map.of("display_name", "Second")), 200);
        Map<String, Object> p = PROFILES.stored(s.id());
        assertThat(p).containsEntry("display_name", "Second").containsEntry("bio", null).containsEntry("website", null);
    }

    @Test
    void putOfAnEmptyObjectClearsTheProfile() {
        ApiApp.Session s = API.signUp("clear");
        object(PROFILES.put(s, s.id(), profile("Someone", "bio", "https://example.org")), 200);
        object(PROFILES.put(s, s.id(), "{}"), 200);
        assertThat(PROFILES.stored(s.id()).values()).containsOnlyNulls();
    }

    @Test
    void adminMayPutAnotherUsersProfile() {
        ApiApp.Session s = API.signUp("moderated");
        ApiApp.Session admin = API.admin();
        object(PROFILES.put(admin, s.id(), profile("Moderated", null, null)), 200);
        assertThat(PROFILES.stored(s.id())).containsEntry("display_name", "Moderated");
    }

    @Test
    void bioOf2000CharactersIsAccepted() {
        ApiApp.Session s = API.signUp("longbio");
        // 2,000 characters outside the BMP: 4,000 UTF-16 units, 8,000 bytes, still 2,000 characters
        String bio = "\uD83D\uDE00".repeat(2000);
        object(PROFILES.put(s, s.id(), profile(null, bio, null)), 200);
        assertThat(PROFILES.stored(s.id())).containsEntry("bio", bio);
    }

    @Test
    void displayNameOf100CharactersIsAccepted() {
        ApiApp.Session s = API.signUp("longname");
        String name = "N".repeat(100);
        object(PROFILES.put(s, s.id(), profile(name, null, null)), 200);
        assertThat(PROFILES.stored(s.id())).containsEntry("display_name", name);
    }

    // ---------------------------------------------------------------- who may not

    @Test
    void putWithoutTokenIs401() {
        ApiApp.Session s = API.signUp("anonput");
        String before = snapshot(API.jdbi());
        problem(API.request(path(s.id())).put(Entity.json(profile("Hacked", null, null))), 401);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void putWithABadTokenIs401() {
        ApiApp.Session s = API.signUp("badput");
        problem(API.request(path(s.id()), "iw_forged").put(Entity.json(profile("Hacked", null, null))), 401);
        assertThat(PROFILES.stored(s.id()).values()).containsOnlyNulls();
    }

    @Test
    void putOfAnotherUsersProfileIs403AndChangesNothing() {
        ApiApp.Session victim = API.signUp("pvictim");
        object(PROFILES.put(victim, victim.id(), profile("Victim", "mine", null)), 200);
        ApiApp.Session attacker = API.signUp("pattacker");
        String before = snapshot(API.jdbi());
        problem(PROFILES.put(attacker, victim.id(), profile("Hacked", "pwned", "https://evil.example")), 403);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void putOfUnknownUsersProfileIs404() {
        ApiApp.Session admin = API.admin();
        problem(PROFILES.put(admin, UNKNOWN_ID, profile("Nobody", null, null)), 404);
    }

    @Test
    void putWithIdAbcIs400() {
        ApiApp.Session s = API.signUp("abcput");
        problemNaming(API.request("/api/users/abc/profile", s.token()).put(Entity.json(profile("x", null, null))), 400, "id");
    }
}
