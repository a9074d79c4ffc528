package dev.inkwell.domain.user;

import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "Alice_01", "a.b-c", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" })
    void acceptsUsernamesOfLettersDigitsAndPunctuation(String name) {
        assertThat(Username.validate(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "with space", "émile", "a/b", "semi;colon" })
    void rejectsMalformedUsernames(String name) {
        assertThatThrownBy(() -> Username.validate(name))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("username"));
    }

    @Test
    void rejectsUsernameLongerThan64() {
        assertThatThrownBy(() -> Username.validate("x".repeat(65))).isInstanceOf(InvalidException.class);
    }

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(Email.normalize("  Alice.Smith+blog@Example.COM ")).isEqualTo("alice.smith+blog@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a@b", "a@@b.com", "a b@c.com", "@example.com", "a@-x.com" })
    void rejectsMalformedEmails(String email) {
        assertThatThrownBy(() -> Email.normalize(email)).isInstanceOf(InvalidException.class);
    }

    @Test
    void rejectsEmailLongerThan254() {
        String email = "a".repeat(60) + "@" + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + "." + "e".repeat(10) + ".com";
        assertThat(email.length()).isGreaterThan(254);
        assertThatThrownBy(() -> Email.normalize(email)).isInstanceOf(InvalidException.class);
    }

    @Test
    void newUserReportsEveryBrokenFieldAtOnce() {
        assertThatThrownBy(() -> NewUser.of("x", "nope", null, null))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("username", "email"));
    }

    @Test
    void newUserDefaultsToTheUserRole() {
        assertThat(NewUser.of("alice", "Alice@Example.com", "hash", null))
                .isEqualTo(new NewUser("alice", "alice@example.com", "hash", Role.USER));
    }

    @Test
    void roleCodesRoundTrip() {
        for (Role role : Role.values()) {
            assertThat(Role.fromCode(role.code())).isEqualTo(role);
        }
        assertThatThrownBy(() -> Role.fromCode("root")).isInstanceOf(InvalidException.class);
    }

    @Test
    void profileWebsiteMustBeHttp() {
        assertThat(Profile.of(1, "Al", "bio", "https://example.com/me").website()).isEqualTo("https://example.com/me");
        assertThatThrownBy(() -> Profile.of(1, null, null, "javascript:alert(1)"))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("website"));
    }

    @Test
    void profileLengthsAreBounded() {
        assertThatThrownBy(() -> Profile.of(1, "d".repeat(101), "b".repeat(2001), null))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("display_name", "bio"));
    }
}
