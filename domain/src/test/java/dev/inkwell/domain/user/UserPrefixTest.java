package dev.inkwell.domain.user;

import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserPrefixTest {

    @Test
    void aUsernamePrefixIsLowerCasedAndHoldable() {
        assertThat(UserPrefix.of("Al_X.-9")).isEqualTo(new UserPrefix("al_x.-9", false, true));
    }

    @Test
    void aPrefixWithAnAtSearchesAddresses() {
        assertThat(UserPrefix.of("Ada%+@Ex")).isEqualTo(new UserPrefix("ada%+@ex", true, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a%", "a\\", "\u212Aelvin", "\u0130z", "é", "a\u0007", "a+b", "\ud83d\ude00"})
    void aPrefixNoUsernameCanStartWithMatchesNothing(String q) {
        assertThat(UserPrefix.of(q).holdable()).as(q).isFalse();
    }

    @Test
    void onlyAsciiLettersAreLowerCased() {
        assertThat(UserPrefix.of("\u212A").prefix()).isEqualTo("\u212A"); // the Kelvin sign, not 'k'
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a\u0000b", "\u0000", "a\ud800", "\udc00b"})
    void emptyOrWhatPostgresCannotTakeIs422NamingQ(String q) {
        assertThatThrownBy(() -> UserPrefix.of(q)).isInstanceOfSatisfying(InvalidException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("q"));
    }

    @Test
    void atMost254Characters() {
        assertThat(UserPrefix.of("a".repeat(254)).prefix()).hasSize(254);
        assertThatThrownBy(() -> UserPrefix.of("a".repeat(255))).isInstanceOf(InvalidException.class);
        assertThat(UserPrefix.of("\ud83d\ude00".repeat(254)).holdable()).isFalse(); // characters, not UTF-16 units
    }

    @Test
    void aCursorKeyMustBeOfTheSearchesKind() {
        assertThat(UserPrefix.of("ab").mayBeKey("abc")).isTrue();
        assertThat(UserPrefix.of("ab").mayBeKey("ab@c.org")).isFalse();
        assertThat(UserPrefix.of("ab").mayBeKey("Abc")).isFalse();
        assertThat(UserPrefix.of("ab").mayBeKey("ab\u0000")).isFalse();
        assertThat(UserPrefix.of("ab@").mayBeKey("ab@c.org")).isTrue();
        assertThat(UserPrefix.of("ab@").mayBeKey("abc")).isFalse();
        assertThat(UserPrefix.of("ab@").mayBeKey(null)).isFalse();
    }
}
