package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.PostSort;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.persistence.Estimates.Total;
import dev.inkwell.persistence.post.RankingScans.Scan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RankingScansTest {
    private final AtomicLong now = new AtomicLong();
    private final RankingScans scans = new RankingScans(Duration.ofSeconds(60), 2, now::get);

    private static PostQuery search(String q) {
        return new PostQuery(q, null, null, null, null, PostSort.RELEVANCE, Visibility.PUBLIC);
    }

    @Test
    void aSearchNotSeenBeforeIsPlannedForItsWords() {
        assertThat(scans.choose(search("garden"))).isEqualTo(Scan.PLANNED);
    }

    @Test
    void aCountedTotalChoosesTheIndex() {
        scans.record(search("garden"), new Total(150, true));
        assertThat(scans.choose(search("garden"))).isEqualTo(Scan.INDEX);
    }

    @Test
    void anEstimateFromWalkFromOnChoosesTheWalkBelowItTheIndex() {
        scans.record(search("common"), new Total(RankingScans.WALK_FROM, false));
        scans.record(search("middling"), new Total(RankingScans.WALK_FROM - 1, false));
        assertThat(scans.choose(search("common"))).isEqualTo(Scan.WALK);
        assertThat(scans.choose(search("middling"))).isEqualTo(Scan.INDEX);
    }

    @Test
    void aChoiceIsKeptAWhile() {
        scans.record(search("garden"), new Total(150, true));
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(scans.choose(search("garden"))).isEqualTo(Scan.PLANNED);
    }

    @Test
    void aSearchWithFiltersOnPostsIsAlwaysPlanned() {
        PostQuery inCategory = new PostQuery("garden", 3L, null, null, null, PostSort.RELEVANCE, Visibility.PUBLIC);
        scans.record(inCategory, new Total(150, true));
        assertThat(scans.choose(inCategory)).isEqualTo(Scan.PLANNED);
    }

    @Test
    void theLeastRecentlyUsedChoiceGoesFirst() {
        scans.record(search("a"), new Total(1, true));
        scans.record(search("b"), new Total(1, true));
        scans.choose(search("a"));
        scans.record(search("c"), new Total(1, true));
        assertThat(scans.choose(search("a"))).isEqualTo(Scan.INDEX);
        assertThat(scans.choose(search("b"))).isEqualTo(Scan.PLANNED);
    }
}
