package dev.inkwell.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "two\nlines", "windows\r\nlines", "a\ttab", "\uD83D\uDE00 outside the BMP", "", "\u00e9t\u00e9"})
    void textWithNewlinesTabsAndPairedSurrogatesIsText(String value) {
        assertThat(Text.require("title", value, 0, 100)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0007b", "\u001b[31m", "\u007f", "\u0085", "\uD800", "a\uDC00", "\uDE00\uD83D", "end\uD83D"})
    void controlCharactersAndUnpairedSurrogatesAre422NamingTheField(String value) {
        assertThatThrownBy(() -> Text.require("title", value, 0, 100)).isInstanceOfSatisfying(InvalidException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("title"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800 in a secret", "secret \uDC00"})
    void aSecretMayHoldAnythingButAnUnpairedSurrogate(String value) {
        assertThat(Text.encodable("password", "ctrl\u0007 and \uD83D\uDE00")).isNotNull();
        assertThatThrownBy(() -> Text.encodable("password", value)).isInstanceOf(InvalidException.class);
    }
}
