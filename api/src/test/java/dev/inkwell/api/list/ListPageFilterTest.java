package dev.inkwell.api.list;

import dev.inkwell.domain.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which raw queries the filter answers itself: only plain, valid pages; the rest are Jersey's. */
class ListPageFilterTest {

    @Test
    void plainPagesAreAnsweredWithDefaultsForWhatIsLeftOut() {
        assertThat(ListPageFilter.pageOf(null)).isEqualTo(new PageRequest(1, 20));
        assertThat(ListPageFilter.pageOf("")).isEqualTo(new PageRequest(1, 20));
        assertThat(ListPageFilter.pageOf("page=7")).isEqualTo(new PageRequest(7, 20));
        assertThat(ListPageFilter.pageOf("per_page=100")).isEqualTo(new PageRequest(1, 100));
        assertThat(ListPageFilter.pageOf("per_page=20&page=50")).isEqualTo(new PageRequest(50, 20));
        assertThat(ListPageFilter.pageOf("page=10000&per_page=1")).isEqualTo(new PageRequest(10_000, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=0", "page=10001", "per_page=0", "per_page=101", "page=-1", "page=+1", "page=01",
            "page=1.0", "page=", "page", "page=1&page=1", "per_page=2&per_page=2", "page=1&", "&page=1", "page=1&x=y",
            "access_token=x", "page=1%30", "page=99999999999", "PAGE=1", "page=１"})
    void anythingElseIsJerseys(String query) {
        assertThat(ListPageFilter.pageOf(query)).isNull();
    }
}
