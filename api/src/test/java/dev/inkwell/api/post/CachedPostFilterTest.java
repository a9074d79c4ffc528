package dev.inkwell.api.post;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which paths and Accept headers the cache-hit filter answers itself (everything else is Jersey's). */
class CachedPostFilterTest {

    @Test
    void onlyAPlainIdOfAtMostEighteenDigitsIsServed() {
        assertThat(CachedPostFilter.id("/api/posts/1")).isEqualTo(1);
        assertThat(CachedPostFilter.id("/api/posts/0042")).isEqualTo(42);
        assertThat(CachedPostFilter.id("/api/posts/999999999999999999")).isEqualTo(999_999_999_999_999_999L);
        assertThat(CachedPostFilter.id("/api/posts/9999999999999999999")).isEqualTo(-1);
        assertThat(CachedPostFilter.id("/api/posts/")).isEqualTo(-1);
        assertThat(CachedPostFilter.id("/api/posts")).isEqualTo(-1);
        assertThat(CachedPostFilter.id("/api/posts/12/")).isEqualTo(-1);
        assertThat(CachedPostFilter.id("/api/posts/12;v=1")).isEqualTo(-1);
        assertThat(CachedPostFilter.id("/api/posts/%31")).isEqualTo(-1);
        assertThat(CachedPostFilter.id("/api/posts/-1")).isEqualTo(-1);
        assertThat(CachedPostFilter.id("/api/posts/1/comments")).isEqualTo(-1);
        assertThat(CachedPostFilter.id("/api/users/1")).isEqualTo(-1);
        assertThat(CachedPostFilter.id(null)).isEqualTo(-1);
    }

    @Test
    void onlyAnAcceptThatPlainlyTakesJsonIsServed() {
        assertThat(CachedPostFilter.plainJson(null)).isTrue();
        assertThat(CachedPostFilter.plainJson("*/*")).isTrue();
        assertThat(CachedPostFilter.plainJson("application/json")).isTrue();
        assertThat(CachedPostFilter.plainJson(" Application/JSON ")).isTrue();
        assertThat(CachedPostFilter.plainJson("application/*")).isTrue();
        assertThat(CachedPostFilter.plainJson("")).isFalse();
        assertThat(CachedPostFilter.plainJson("text/html")).isFalse();
        assertThat(CachedPostFilter.plainJson("application/json;q=0")).isFalse();
        assertThat(CachedPostFilter.plainJson("text/html, application/json")).isFalse();
    }
}
