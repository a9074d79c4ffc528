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
        assertThat(ListPageFilter.pageOf(null)).isEqualTo(page(1, 20));
        assertThat(ListPageFilter.pageOf("")).isEqualTo(page(1, 20));
        assertThat(ListPageFilter.pageOf("page=7")).isEqualTo(page(7, 20));
        assertThat(ListPageFilter.pageOf("per_page=100")).isEqualTo(page(1, 100));
        assertThat(ListPageFilter.pageOf("per_page=20&page=50")).isEqualTo(page(50, 20));
        assertThat(ListPageFilter.pageOf("page=10000&per_page=1")).isEqualTo(page(10_000, 1));
    }

    private static ListPageFilter.Asked page(int page, int perPage) {
        return new ListPageFilter.Asked(new PageRequest(page, perPage), null);
    }

    /** Whether the cursor was issued for this list is PublicListPages' to check: a garbage one goes on to Jersey from there. */
    @Test
    void plainCursorsAreAnsweredWithTheirPageSize() {
        assertThat(ListPageFilter.pageOf("cursor=dDF8dGFnc3w1fGphdmE")).isEqualTo(new ListPageFilter.Asked(new PageRequest(1, 20), "dDF8dGFnc3w1fGphdmE"));
        assertThat(ListPageFilter.pageOf("per_page=5&cursor=a-_Z09")).isEqualTo(new ListPageFilter.Asked(new PageRequest(1, 5), "a-_Z09"));
        assertThat(ListPageFilter.pageOf("cursor=abc&per_page=5")).isEqualTo(new ListPageFilter.Asked(new PageRequest(1, 5), "abc"));
        assertThat(ListPageFilter.pageOf("cursor=" + "a".repeat(1024))).isNotNull();
        assertThat(ListPageFilter.pageOf("cursor=" + "a".repeat(1025))).as("longer than any issued").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=0", "page=10001", "per_page=0", "per_page=101", "page=-1", "page=+1", "page=01",
            "page=1.0", "page=", "page", "page=1&page=1", "per_page=2&per_page=2", "page=1&", "&page=1", "page=1&x=y",
            "access_token=x", "page=1%30", "page=99999999999", "PAGE=1", "page=１",
            "cursor=", "cursor=abc&page=1", "page=1&cursor=abc", "cursor=a&cursor=a", "cursor=ab%3D", "cursor=ab=", "cursor=a+b",
            "cursor=a.b", "cursor=abc&per_page=101", "CURSOR=abc"})
    void anythingElseIsJerseys(String query) {
        assertThat(ListPageFilter.pageOf(query)).isNull();
    }
}
