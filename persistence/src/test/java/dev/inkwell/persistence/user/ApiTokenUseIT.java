package dev.inkwell.persistence.user;

import dev.inkwell.domain.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import static dev.inkwell.persistence.user.ApiTokenFixture.hex;
import static dev.inkwell.persistence.user.ApiTokenFixture.inOneHour;
import static dev.inkwell.persistence.testing.TokenHash.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The use a lookup records (a token's last_used_at): at most once a minute, again once a minute
 * has passed, and never for a token that finds no one. Whom a token finds: {@link ApiTokenLookupIT}.
 */
class ApiTokenUseIT {
    @RegisterExtension
    final ApiTokenFixture db = new ApiTokenFixture();

    @Test
    void touchRecordsUseAtMostOnceAMinute() {
        User alice = db.user("alice");
        byte[] hash = sha256("token-1");
        db.tokens().insert(alice.id(), hash, inOneHour());
        String lastUsed = "SELECT count(*) FROM api_tokens WHERE last_used_at IS NOT NULL";
        assertThat(db.count(lastUsed)).isZero();

        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).contains(alice);
        assertThat(db.count(lastUsed)).isEqualTo(1);
        OffsetDateTime first = lastUsedAt(hash);

        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).contains(alice);
        assertThat(lastUsedAt(hash)).isEqualTo(first);
    }

    @Test
    void touchRecordsUseAgainOnceAMinuteHasPassed() {
        User alice = db.user("alice");
        byte[] hash = sha256("token-1");
        db.tokens().insert(alice.id(), hash, inOneHour());
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).contains(alice);
        db.database().execute("UPDATE api_tokens SET last_used_at = now() - interval '61 seconds'");
        OffsetDateTime backdated = lastUsedAt(hash);

        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).contains(alice);
        assertThat(lastUsedAt(hash)).isAfter(backdated.plus(1, ChronoUnit.MINUTES));
    }

    @Test
    void touchOfAnUnknownHashChangesNothing() {
        User alice = db.user("alice");
        db.tokens().insert(alice.id(), sha256("token-1"), inOneHour());
        db.tokens().insert(alice.id(), sha256("token-3"), inOneHour());
        // token-1 never used, token-3 last used over a minute ago: a touch that reached either would record a use
        db.database().execute("UPDATE api_tokens SET last_used_at = now() - interval '61 seconds' WHERE token_hash = "
                + hex(sha256("token-3")));
        String before = tokens();

        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("token-2"))).isEmpty();
        assertThat(tokens()).isEqualTo(before);
    }

    @Test
    void aTokenThatFindsNoOneIsNotTouched() {
        User alice = db.user("alice");
        byte[] expired = sha256("token-1");
        byte[] inactive = sha256("token-2");
        db.tokens().insert(alice.id(), expired, inOneHour());
        db.expire(expired);
        User bob = db.user("bob");
        db.tokens().insert(bob.id(), inactive, inOneHour());
        db.deactivateRow(bob.id());

        assertThat(ApiTokenDao.findUser(db.jdbi(), expired)).isEmpty();
        assertThat(ApiTokenDao.findUser(db.jdbi(), inactive)).isEmpty();
        assertThat(db.count("SELECT count(*) FROM api_tokens WHERE last_used_at IS NOT NULL")).isZero();
    }

    /** The lookup the API authenticates with records use, and finds no one for an unknown or expired token. */
    @Test
    void aLookupRecordsUseAndFindsNoOneForAnUnknownOrExpiredToken() {
        User alice = db.user("alice");
        byte[] hash = sha256("token-1");
        db.tokens().insert(alice.id(), hash, inOneHour());
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).contains(alice);
        assertThat(db.count("SELECT count(*) FROM api_tokens WHERE last_used_at IS NOT NULL")).isEqualTo(1);
        assertThat(ApiTokenDao.findUser(db.jdbi(), sha256("token-2"))).isEmpty();
        db.expire(hash);
        assertThat(ApiTokenDao.findUser(db.jdbi(), hash)).isEmpty();
    }

    /** Every token row, every column, as text. */
    private String tokens() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT string_agg(t::text, '|' ORDER BY t.id) FROM api_tokens t")
                .mapTo(String.class).one());
    }

    private OffsetDateTime lastUsedAt(byte[] hash) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT last_used_at FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", hash).mapTo(OffsetDateTime.class).one());
    }
}
