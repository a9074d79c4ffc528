package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.persistence.testing.TokenHash;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static dev.inkwell.api.user.Wire.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/tokens}, a sign-in that succeeds: a new token each time, good for about thirty
 * days as Bearer credentials, the username matched regardless of case, only its SHA-256 kept.
 * Refused sign-ins: {@link TokenSignInRefusalApiIT}; which tokens work: {@link TokenValidityApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TokenSignInApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final UserApiFixture USERS = new UserApiFixture(API);

    @Test
    void signInAnswers201WithTokenAndExpiry() {
        ApiApp.Session s = API.signUp("signin");
        Map<String, Object> token = object(USERS.signIn(s.username(), s.password()), 201, s.password());
        assertThat(token).containsOnlyKeys("token", "expires_at");
        assertThat((String) token.get("token")).startsWith("iw_").hasSizeGreaterThan(40);
    }

    @Test
    void tokenExpiresAboutThirtyDaysFromNow() {
        ApiApp.Session s = API.signUp("expiry");
        Map<String, Object> token = object(USERS.signIn(s.username(), s.password()), 201);
        OffsetDateTime expiresAt = OffsetDateTime.parse((String) token.get("expires_at"));
        OffsetDateTime now = OffsetDateTime.now();
        assertThat(expiresAt).isBetween(now.plus(Duration.ofDays(30)).minusMinutes(5), now.plus(Duration.ofDays(30)).plusMinutes(5));
        byte[] hash = TokenHash.sha256((String) token.get("token"));
        OffsetDateTime stored = API.jdbi().withHandle(h -> h.createQuery("SELECT expires_at FROM api_tokens WHERE token_hash = :h")
                .bind("h", hash).mapTo(OffsetDateTime.class).one());
        assertThat(stored).as("the expiry a request is checked against").isAtSameInstantAs(expiresAt);
    }

    @Test
    void tokenWorksAsBearerCredentials() {
        ApiApp.Session s = API.signUp("bearer");
        String token = (String) object(USERS.signIn(s.username(), s.password()), 201).get("token");
        assertThat(USERS.statusWith(s, token)).isEqualTo(200);
    }

    @Test
    void eachSignInIssuesADifferentToken() {
        ApiApp.Session s = API.signUp("twice");
        assertThat(API.signIn(s.username(), s.password())).isNotEqualTo(API.signIn(s.username(), s.password()));
    }

    @Test
    void signInIgnoresTheCaseOfTheUsername() {
        ApiApp.Session s = API.signUp("CaseUser");
        object(USERS.signIn(s.username().toUpperCase(), s.password()), 201);
    }

    @Test
    void theDatabaseKeepsOnlyTheSha256OfTheToken() {
        ApiApp.Session s = API.signUp("hashedtoken");
        String token = API.signIn(s.username(), s.password());
        byte[] expected = TokenHash.sha256(token);
        List<byte[]> stored = API.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM api_tokens WHERE user_id = :id")
                .bind("id", s.id()).mapTo(byte[].class).list());
        assertThat(stored).anySatisfy(hash -> assertThat(hash).isEqualTo(expected));
        assertThat(stored).noneSatisfy(hash -> assertThat(new String(hash, StandardCharsets.UTF_8)).contains(token));
    }
}
