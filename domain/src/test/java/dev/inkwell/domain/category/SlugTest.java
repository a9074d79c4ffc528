package dev.inkwell.domain.category;

import dev.inkwell.domain.InvalidException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlugTest {

    @Test
    void derivesSlugFromName() {
        assertThat(Slug.fromName("  Café Culture & Travel! ")).isEqualTo("cafe-culture-travel");
    }

    @Test
    void derivedSlugIsCappedWithoutTrailingHyphen() {
        String slug = Slug.fromName("word ".repeat(40));
        assertThat(slug.length()).isLessThanOrEqualTo(Slug.MAX);
        assertThat(slug).doesNotEndWith("-");
        assertThat(Slug.validate(slug)).isEqualTo(slug);
    }

    @Test
    void nameWithoutLettersOrDigitsHasNoSlug() {
        assertThatThrownBy(() -> Slug.fromName("!!!")).isInstanceOf(InvalidException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "double--hyphen", "-lead", "trail-", "sp ace", ""})
    void rejectsMalformedSlugs(String slug) {
        assertThatThrownBy(() -> Slug.validate(slug)).isInstanceOf(InvalidException.class);
    }

    @Test
    void newCategoryDerivesItsSlug() {
        assertThat(NewCategory.of("Java Tips", null, null, null).slug()).isEqualTo("java-tips");
    }

    @Test
    void categoryNameMayNotHaveSurroundingSpaces() {
        assertThatThrownBy(() -> NewCategory.of(" Java", null, null, null)).isInstanceOf(InvalidException.class);
    }
}
