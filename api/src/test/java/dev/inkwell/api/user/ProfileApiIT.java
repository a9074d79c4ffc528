package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static dev.inkwell.api.user.UserApiFixture.UNKNOWN_ID;
import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problem;
import static dev.inkwell.api.user.Wire.problemNaming;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET/PUT /api/users/{id}/profile}. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProfileApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    private static String path(long id) {
        return "/api/users/" + id + "/profile";
    }

    private static Map<String, Object> profile(String displayName, String bio, String website) {
        Map<String, Object> body = new HashMap<>();
        body.put("display_name", displayName);
        body.put("bio", bio);
        body.put("website", website);
        return body;
    }

    private static Response put(ApiApp.Session s, long userId, Object body) {
        return API.request(path(userId), s.token()).put(body instanceof String text ? Entity.json(text) : Entity.json(body));
    }

    private static Map<String, Object> stored(long userId) {
        return object(API.request(path(userId)).get(), 200);
    }

    // ---------------------------------------------------------------- GET

    @Test
    void profileOfAUserWithoutOneHasEveryFieldNull() {
        ApiApp.Session s = API.signUp("noprofile");
        Map<String, Object> p = stored(s.id());
        assertThat(p).containsOnlyKeys("display_name", "bio", "website");
        assertThat(p.values()).containsOnlyNulls();
    }

    @Test
    void profileIsReadableWithoutSigningIn() {
        ApiApp.Session s = API.signUp("public");
        object(put(s, s.id(), profile("Public Person", "hello", "https://example.com/me")), 200);
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
        object(put(s, s.id(), profile("Gone", null, null)), 200);
        Wire.noContent(API.request("/api/users/" + s.id(), s.token()).delete());
        problem(API.request(path(s.id())).get(), 404);
    }

    // ---------------------------------------------------------------- PUT: success

    @Test
    void putAnswersTheProfile() {
        ApiApp.Session s = API.signUp("put");
        assertThat(object(put(s, s.id(), profile("Ada", "Counts things.", "http://ada.example.org")), 200, s.password()))
                .containsEntry("display_name", "Ada").containsEntry("bio", "Counts things.")
                .containsEntry("website", "http://ada.example.org");
    }

    @Test
    void putIsKeptAndReadBack() {
        ApiApp.Session s = API.signUp("keep");
        object(put(s, s.id(), profile("Grace", "Finds bugs.", "https://grace.example.org/")), 200);
        assertThat(stored(s.id())).containsEntry("display_name", "Grace").containsEntry("bio", "Finds bugs.")
                .containsEntry("website", "https://grace.example.org/");
    }

    @Test
    void putReplacesEveryFieldAndClearsTheAbsentOnes() {
        ApiApp.Session s = API.signUp("replace");
        object(put(s, s.id(), profile("First", "first bio", "https://first.example.org")), 200);
        object(put(s, s.id(), Map.of("display_name", "Second")), 200);
        Map<String, Object> p = stored(s.id());
        assertThat(p).containsEntry("display_name", "Second").containsEntry("bio", null).containsEntry("website", null);
    }

    @Test
    void putOfAnEmptyObjectClearsTheProfile() {
        ApiApp.Session s = API.signUp("clear");
        object(put(s, s.id(), profile("Someone", "bio", "https://example.org")), 200);
        object(put(s, s.id(), "{}"), 200);
        assertThat(stored(s.id()).values()).containsOnlyNulls();
    }

    @Test
    void adminMayPutAnotherUsersProfile() {
        ApiApp.Session s = API.signUp("moderated");
        ApiApp.Session admin = API.admin();
        object(put(admin, s.id(), profile("Moderated", null, null)), 200);
        assertThat(stored(s.id())).containsEntry("display_name", "Moderated");
    }

    @Test
    void bioOf2000CharactersIsAccepted() {
        ApiApp.Session s = API.signUp("longbio");
        // 2,000 characters outside the BMP: 4,000 UTF-16 units, 8,000 bytes, still 2,000 characters
        String bio = "\uD83D\uDE00".repeat(2000);
        object(put(s, s.id(), profile(null, bio, null)), 200);
        assertThat(stored(s.id())).containsEntry("bio", bio);
    }

    @Test
    void displayNameOf100CharactersIsAccepted() {
        ApiApp.Session s = API.signUp("longname");
        String name = "N".repeat(100);
        object(put(s, s.id(), profile(name, null, null)), 200);
        assertThat(stored(s.id())).containsEntry("display_name", name);
    }

    // ---------------------------------------------------------------- PUT: refused

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
        assertThat(stored(s.id()).values()).containsOnlyNulls();
    }

    @Test
    void putOfAnotherUsersProfileIs403AndChangesNothing() {
        ApiApp.Session victim = API.signUp("pvictim");
        object(put(victim, victim.id(), profile("Victim", "mine", null)), 200);
        ApiApp.Session attacker = API.signUp("pattacker");
        String before = snapshot(API.jdbi());
        problem(put(attacker, victim.id(), profile("Hacked", "pwned", "https://evil.example")), 403);
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void putOfUnknownUsersProfileIs404() {
        ApiApp.Session admin = API.admin();
        problem(put(admin, UNKNOWN_ID, profile("Nobody", null, null)), 404);
    }

    @Test
    void putWithIdAbcIs400() {
        ApiApp.Session s = API.signUp("abcput");
        problemNaming(API.request("/api/users/abc/profile", s.token()).put(Entity.json(profile("x", null, null))), 400, "id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://files.example.org", "javascript:alert(1)", "example.org", "//example.org/x",
            "http://", "mailto:someone@example.org", "data:text/html,<b>hi</b>", "file:///etc/passwd", "http://exa mple.org"})
    void putWithANonHttpWebsiteIs422AndChangesNothing(String website) {
        ApiApp.Session s = API.signUp("web");
        String before = snapshot(API.jdbi());
        problemNaming(put(s, s.id(), profile("Web", null, website)), 422, "website");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.org", "https://example.org/path?q=1#top", "HTTPS://EXAMPLE.ORG"})
    void putWithAnHttpWebsiteIsAccepted(String website) {
        ApiApp.Session s = API.signUp("goodweb");
        object(put(s, s.id(), profile(null, null, website)), 200);
        assertThat(stored(s.id())).containsEntry("website", website);
    }

    @Test
    void putWithTooLongBioIs422AndChangesNothing() {
        ApiApp.Session s = API.signUp("toolongbio");
        String before = snapshot(API.jdbi());
        problemNaming(put(s, s.id(), profile(null, "b".repeat(2001), null)), 422, "bio");
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void putWithTooLongDisplayNameIs422() {
        ApiApp.Session s = API.signUp("toolongname");
        problemNaming(put(s, s.id(), profile("N".repeat(101), null, null)), 422, "display_name");
    }

    @Test
    void putWithTooLongWebsiteIs422() {
        ApiApp.Session s = API.signUp("toolongweb");
        problemNaming(put(s, s.id(), profile(null, null, "https://example.org/" + "p".repeat(2030))), 422, "website");
    }

    @Test
    void putWithEveryFieldWrongNamesThemAll() {
        ApiApp.Session s = API.signUp("allwrong");
        problemNaming(put(s, s.id(), profile("N".repeat(101), "b".repeat(2001), "gopher://x")), 422,
                "display_name", "bio", "website");
    }

    @Test
    void putWithUnknownFieldIs422() {
        ApiApp.Session s = API.signUp("unknownp");
        problemNaming(put(s, s.id(), "{\"display_name\": \"x\", \"avatar\": \"https://example.org/a.png\"}"), 422, "avatar");
        assertThat(stored(s.id()).values()).containsOnlyNulls();
    }

    @Test
    void putCannotMoveTheProfileToAnotherUser() {
        ApiApp.Session s = API.signUp("mover");
        ApiApp.Session other = API.signUp("moved");
        problemNaming(put(s, s.id(), "{\"user_id\": " + other.id() + ", \"bio\": \"x\"}"), 422, "user_id");
        assertThat(stored(other.id()).values()).containsOnlyNulls();
    }

    @Test
    void putWithAnObjectForTheBioIs422() {
        ApiApp.Session s = API.signUp("numbio");
        problemNaming(put(s, s.id(), "{\"bio\": {\"text\": \"x\"}}"), 422, "bio");
    }

    @Test
    void putWithMalformedJsonIs400() {
        ApiApp.Session s = API.signUp("malp");
        problem(put(s, s.id(), "{\"bio\": \"unterminated}"), 400);
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
        assertThat(stored(s.id()).values()).containsOnlyNulls();
    }
}
