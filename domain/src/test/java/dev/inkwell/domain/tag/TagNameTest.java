package dev.inkwell.domain.tag;

import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagNameTest {

    @Test
    void trimsAndCollapsesWhitespace() {
        assertThat(TagName.normalize("  machine \t learning ")).isEqualTo("machine learning");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c++", "c#", "node.js", "Ünïcode", "web-dev_2"})
    void acceptsCommonTagShapes(String name) {
        assertThat(TagName.normalize(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "#hash-first", "semi;colon", "<script>"})
    void rejectsMalformedNames(String name) {
        assertThatThrownBy(() -> TagName.normalize(name)).isInstanceOf(InvalidException.class);
    }

    @Test
    void listDropsCaseInsensitiveDuplicatesKeepingFirstSpelling() {
        assertThat(TagName.normalizeAll("tags", List.of("Java", "java", "SQL", "JAVA")))
                .containsExactly("Java", "SQL");
    }

    @Test
    void listNamesEveryBadItem() {
        assertThatThrownBy(() -> TagName.normalizeAll("tags", List.of("ok", "", "<x>")))
                .isInstanceOfSatisfying(InvalidException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("tags[1]", "tags[2]"));
    }

    @Test
    void listIsBoundedInSize() {
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i <= TagName.MAX_PER_POST; i++) {
            many.add("t" + i);
        }
        assertThatThrownBy(() -> TagName.normalizeAll("tags", many)).isInstanceOf(InvalidException.class);
        assertThatThrownBy(() -> TagName.normalizeAll("tags", Collections.nCopies(100_000, "same")))
                .isInstanceOf(InvalidException.class);
    }
}
