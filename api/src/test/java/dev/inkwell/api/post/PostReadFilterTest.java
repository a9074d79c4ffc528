package dev.inkwell.api.post;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which paths and Accept headers the post read filter answers itself (everything else is Jersey's). */
class PostReadFilterTest {

    @Test
    void onlyAPlainIdOfAtMostEighteenDigitsIsServed() {
        assertThat(PostReadFilter.id("/api/posts/1")).isEqualTo(1);
        assertThat(PostReadFilter.id("/api/posts/0042")).isEqualTo(42);
        assertThat(PostReadFilter.id("/api/posts/999999999999999999")).isEqualTo(999_999_999_999_999_999L);
        assertThat(PostReadFilter.id("/api/posts/9999999999999999999")).isEqualTo(-1);
        assertThat(PostReadFilter.id("/api/posts/")).isEqualTo(-1);
        assertThat(PostReadFilter.id("/api/posts")).isEqualTo(-1);
        assertThat(PostReadFilter.id("/api/posts/12/")).isEqualTo(-1);
        assertThat(PostReadFilter.id("/api/posts/12;v=1")).isEqualTo(-1);
        assertThat(PostReadFilter.id("/api/posts/%31")).isEqualTo(-1);
        assertThat(PostReadFilter.id("/api/posts/-1")).isEqualTo(-1);
        assertThat(PostReadFilter.id("/api/posts/1/comments")).isEqualTo(-1);
        assertThat(PostReadFilter.id("/api/users/1")).isEqualTo(-1);
        assertThat(PostReadFilter.id(null)).isEqualTo(-1);
    }

    @Test
    void onlyAnAcceptThatPlainlyTakesJsonIsServed() {
        assertThat(PostReadFilter.plainJson(null)).isTrue();
        assertThat(PostReadFilter.plainJson("*/*")).isTrue();
        assertThat(PostReadFilter.plainJson("application/json")).isTrue();
        assertThat(PostReadFilter.plainJson(" Application/JSON ")).isTrue();
        assertThat(PostReadFilter.plainJson("application/*")).isTrue();
        assertThat(PostReadFilter.plainJson("")).isFalse();
        assertThat(PostReadFilter.plainJson("text/html")).isFalse();
        assertThat(PostReadFilter.plainJson("application/json;q=0")).isFalse();
        assertThat(PostReadFilter.plainJson("text/html, application/json")).isFalse();
    }
}
