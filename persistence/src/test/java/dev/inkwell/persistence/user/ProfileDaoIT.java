package dev.inkwell.persistence.user;

import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.Profile;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileDaoIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private ProfileDao profiles() {
        return db.dao(ProfileDao.class);
    }

    private User alice() {
        return db.dao(UserDao.class).insert(NewUser.of("alice", "alice@example.com", null, null));
    }

    private long profileRows() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM profiles").mapTo(Long.class).one());
    }

    @Test
    void userWithoutProfileHasNone() {
        User user = alice();
        assertThat(profiles().find(user.id())).isEmpty();
    }

    @Test
    void putCreatesTheProfile() {
        User user = alice();
        Profile profile = Profile.of(user.id(), "Alice A.", "Writes about databases.", "https://alice.example.com");
        assertThat(profiles().put(profile)).isEqualTo(profile);
        assertThat(profiles().find(user.id())).contains(profile);
    }

    @Test
    void putWithEveryFieldEmptyCreatesAnEmptyProfile() {
        User user = alice();
        Profile empty = Profile.of(user.id(), null, null, null);
        assertThat(profiles().put(empty)).isEqualTo(empty);
        assertThat(profiles().find(user.id())).contains(empty);
    }

    @Test
    void putAgainReplacesEveryField() {
        User user = alice();
        profiles().put(Profile.of(user.id(), "Alice", "Old bio", "https://old.example.com"));
        Profile replacement = Profile.of(user.id(), "Alice B.", "New bio", "http://new.example.com");
        assertThat(profiles().put(replacement)).isEqualTo(replacement);
        assertThat(profiles().find(user.id())).contains(replacement);
        assertThat(profileRows()).isEqualTo(1);
    }

    @Test
    void putOfTheSameProfileAgainWritesNothing() {
        User user = alice();
        Profile profile = profiles().put(Profile.of(user.id(), "Alice", "Bio", null));
        String before = updatedAt(user.id());
        assertThat(profiles().put(Profile.of(user.id(), "Alice", "Bio", null))).isEqualTo(profile);
        assertThat(updatedAt(user.id())).isEqualTo(before);
    }

    private String updatedAt(long userId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT updated_at::text FROM profiles WHERE user_id = :id")
                .bind("id", userId).mapTo(String.class).one());
    }

    @Test
    void putAgainWithNullsClearsTheFields() {
        User user = alice();
        profiles().put(Profile.of(user.id(), "Alice", "Old bio", "https://old.example.com"));
        Profile cleared = Profile.of(user.id(), null, null, null);
        assertThat(profiles().put(cleared)).isEqualTo(cleared);
        assertThat(profiles().find(user.id())).contains(cleared);
    }

    @Test
    void putOnlyTouchesTheProfileOfItsUser() {
        User alice = alice();
        User bob = db.dao(UserDao.class).insert(NewUser.of("bob", "bob@example.com", null, null));
        Profile ofAlice = profiles().put(Profile.of(alice.id(), "Alice", null, null));
        profiles().put(Profile.of(bob.id(), "Bob", null, null));
        assertThat(profiles().find(alice.id())).contains(ofAlice);
    }

    @Test
    void putForAMissingUserIsInvalidUserId() {
        assertThatThrownBy(() -> profiles().put(Profile.of(12345, "Nobody", null, null)))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("user_id"));
        assertThat(profileRows()).isZero();
    }

    @Test
    void profileIsGoneWhenTheUserIsDeleted() {
        User user = alice();
        profiles().put(Profile.of(user.id(), "Alice", "bio", null));
        assertThat(db.dao(UserDao.class).delete(user.id())).isTrue();
        assertThat(profiles().find(user.id())).isEmpty();
        assertThat(profileRows()).isZero();
    }

    @Test
    void databaseRejectsABioOverTheLimit() {
        User user = alice();
        String bio = "b".repeat(Profile.BIO_MAX + 1);
        assertThatThrownBy(() -> profiles().put(new Profile(user.id(), null, bio, null)))
                .isInstanceOf(InvalidException.class);
        assertThat(profiles().find(user.id())).isEmpty();
    }

    @Test
    void databaseAcceptsABioAtTheLimitCountingCodePoints() {
        User user = alice();
        // 2000 code points but 4000 UTF-16 chars: the limit counts characters as PostgreSQL does.
        String bio = "😀".repeat(Profile.BIO_MAX);
        Profile profile = Profile.of(user.id(), null, bio, null);
        assertThat(profiles().put(profile)).isEqualTo(profile);
    }

    @Test
    void databaseRejectsADisplayNameOverTheLimit() {
        User user = alice();
        String name = "n".repeat(Profile.DISPLAY_NAME_MAX + 1);
        assertThatThrownBy(() -> profiles().put(new Profile(user.id(), name, null, null)))
                .isInstanceOf(InvalidException.class);
        assertThat(profiles().find(user.id())).isEmpty();
    }

    @Test
    void databaseRejectsAWebsiteOverTheLimitAndKeepsTheOldProfile() {
        User user = alice();
        Profile old = profiles().put(Profile.of(user.id(), "Alice", null, "https://alice.example.com"));
        String website = "https://example.com/" + "w".repeat(Profile.WEBSITE_MAX);
        assertThatThrownBy(() -> profiles().put(new Profile(user.id(), "Alice", null, website)))
                .isInstanceOf(InvalidException.class);
        assertThat(profiles().find(user.id())).contains(old);
    }
}
