package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.inkwell.api.user.Wire.assertUnauthorized;
import static dev.inkwell.api.user.Wire.patch;
import static dev.inkwell.api.user.Wire.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Bearer tokens the API takes: none expired, forged, too long or altered (401), and none
 * signed out with {@code DELETE /api/tokens/current}, which ends only the token it is called with
 * and answers 401 without one that works. Sign-in: {@link TokenSignInApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TokenValidityApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserApiFixture USERS = new UserApiFixture(API);

    // ---------------------------------------------------------------- tokens that must not work

    @Test
    void expiredTokenIs401() {
        ApiApp.Session s = API.signUp("expired");
        API.jdbi().useHandle(h -> h.createUpdate("""
                UPDATE api_tokens SET created_at = now() - interval '31 days', expires_at = now() - interval '1 day'
                 WHERE user_id = :id
                """).bind("id", s.id()).execute());
        assertUnauthorized(patch(API.request("/api/users/" + s.id(), s.token()), "{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "iw_", "iw_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "' OR 1=1 --", "iw_' OR '1'='1"})
    void forgedTokenIs401(String token) {
        ApiApp.Session s = API.signUp("forged");
        assertUnauthorized(patch(API.request("/api/users/" + s.id(), token), "{}"));
    }

    @Test
    void veryLongTokenIs401() {
        ApiApp.Session s = API.signUp("longtoken");
        assertUnauthorized(patch(API.request("/api/users/" + s.id(), "iw_" + "A".repeat(5000)), "{}"));
    }

    @Test
    void tokenWithAnExtraCharacterIs401() {
        ApiApp.Session s = API.signUp("extra");
        assertUnauthorized(patch(API.request("/api/users/" + s.id(), s.token() + "A"), "{}"));
    }

    // ---------------------------------------------------------------- DELETE /api/tokens/current

    @Test
    void signOutIs204() {
        ApiApp.Session s = API.signUp("signout");
        Wire.noContent(API.request("/api/tokens/current", s.token()).delete());
    }

    @Test
    void signedOutTokenIs401() {
        ApiApp.Session s = API.signUp("signedout");
        Wire.noContent(API.request("/api/tokens/current", s.token()).delete());
        assertUnauthorized(patch(API.request("/api/users/" + s.id(), s.token()), "{}"));
    }

    @Test
    void signOutTwiceIs401TheSecondTime() {
        ApiApp.Session s = API.signUp("signouttwice");
        Wire.noContent(API.request("/api/tokens/current", s.token()).delete());
        assertUnauthorized(API.request("/api/tokens/current", s.token()).delete());
    }

    @Test
    void signOutLeavesTheUsersOtherTokensWorking() {
        ApiApp.Session s = API.signUp("othertokens");
        String other = API.signIn(s.username(), s.password());
        Wire.noContent(API.request("/api/tokens/current", s.token()).delete());
        assertThat(USERS.statusWith(s, other)).isEqualTo(200);
    }

    @Test
    void signOutWithoutTokenIs401() {
        String before = snapshot(API.jdbi());
        assertUnauthorized(API.request("/api/tokens/current").delete());
        assertThat(snapshot(API.jdbi())).isEqualTo(before);
    }

    @Test
    void signOutWithABadTokenIs401() {
        assertUnauthorized(API.request("/api/tokens/current", "iw_forged").delete());
    }

    @Test
    void signedOutUserCanSignInAgain() {
        ApiApp.Session s = API.signUp("again");
        Wire.noContent(API.request("/api/tokens/current", s.token()).delete());
        String token = API.signIn(s.username(), s.password());
        assertThat(USERS.statusWith(s, token)).isEqualTo(200);
    }
}
