package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.PostSort;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.persistence.post.RankingScans.Scan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RankingScansTest {
    private final AtomicLong now = new AtomicLong();
    private final RankingScans scans = new RankingScans(2, now::get, RankingScans.WALK_FROM, RankingScans.MEASURED_AT);

    /** A run of {@code query}: it looks up what is kept for it, runs that, and records what it saw. */
    private void run(PostQuery query, RankingScans.Sample sample) {
        scans.record(null, query, scans.lookUp(query), sample);
    }

    private static PostQuery search(String q) {
        return new PostQuery(q, null, null, null, null, PostSort.RELEVANCE, Visibility.PUBLIC);
    }

    @Test
    void aSearchNotSeenBeforeIsPlannedForItsWords() {
        assertThat(scans.choose(search("garden"))).isEqualTo(Scan.PLANNED);
    }

    @Test
    void aSearchWhoseRunFetchedAllItsMatchesBelowWhatThePageCountsChoosesTheIndexWithoutAStatement() {
        run(search("garden"), new RankingScans.Sample(150, 150, 150, 1, true));
        assertThat(scans.choose(search("garden"))).isEqualTo(Scan.INDEX);
    }

    @Test
    void theThresholdIsTheMeasuredOneAtTheMeasuredSizeAndGrowsWithTheSquareRootOfThePosts() {
        assertThat(scans.walkFrom(RankingScans.MEASURED_AT)).isEqualTo(RankingScans.WALK_FROM);
        assertThat(scans.walkFrom(100 * RankingScans.MEASURED_AT)).isEqualTo(10 * RankingScans.WALK_FROM);
        assertThat(scans.walkFrom(2_000_000)).isEqualTo(15_812);
    }

    @Test
    void theMatchesOfARunThatFetchedThemAllAreThoseItFetched() {
        assertThat(RankingScans.matches(new RankingScans.Sample(4_000, 4_000, 2_000_000, 1_500_000, true))).isEqualTo(4_000);
    }

    @Test
    void theMatchesOfARunThatStoppedAreItsShareOfTheIdsScaledToAllOfThem() {
        // 1,001 matches among the newest 1,000,000 ids of 2,000,000: twice that in all of them.
        assertThat(RankingScans.matches(new RankingScans.Sample(1_001, 1_001, 2_000_000, 1_000_001, false))).isEqualTo(2_002);
        // a word in every post
        assertThat(RankingScans.matches(new RankingScans.Sample(1_001, 1_001, 200_000, 199_000, false))).isEqualTo(200_000);
        // a later page: 400 skipped by its offset, 1,001 fetched among 10,000 ids below them
        assertThat(RankingScans.matches(new RankingScans.Sample(1_401, 1_001, 100_000, 90_001, false))).isEqualTo(10_410);
    }

    @Test
    void newestPostsWithoutTheWordDoNotMakeACommonWordLookRare() {
        // One post in nine of the 200,000 seeded has the word; the 24,000 posts written after
        // them have not. The 1,001 newest matches lie between ids 200,000 and 191,000.
        long matches = RankingScans.matches(new RankingScans.Sample(1_001, 1_001, 200_000, 191_000, false));
        assertThat(matches).isBetween(21_000L, 23_000L);
        assertThat(matches).isGreaterThan(new RankingScans(1, System::nanoTime, RankingScans.WALK_FROM, 200_000).walkFrom(224_000));
    }

    @Test
    void theThresholdIsNeverBelowWhatThePageCounts() {
        assertThat(scans.walkFrom(1_000)).isEqualTo(PostCounts.COUNTED + 1);
        assertThat(scans.walkFrom(-1)).isEqualTo(PostCounts.COUNTED + 1); // never analyzed
    }

    @Test
    void aChoiceIsKeptAnHourUnused() {
        run(search("garden"), new RankingScans.Sample(150, 150, 150, 1, true));
        now.addAndGet(Duration.ofMinutes(59).toNanos());
        assertThat(scans.choose(search("garden"))).isEqualTo(Scan.INDEX);
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(scans.choose(search("garden"))).isEqualTo(Scan.PLANNED);
    }

    @Test
    void aRunOfTheChosenScanMeasuresTheSearchAgainOnceItsChoiceIsHalfAMinuteOld() {
        run(search("garden"), new RankingScans.Sample(150, 150, 150, 1, true));
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(scans.choose(search("garden"))).isEqualTo(Scan.INDEX);
        // Not yet due: a run (of the index) that saw the word grow to 20,000 matches changes nothing.
        run(search("garden"), new RankingScans.Sample(1_001, 1_001, 2_000_000, 1_900_001, false));
        assertThat(scans.choice(search("garden")).matches()).isEqualTo(150);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        run(search("garden"), new RankingScans.Sample(1_001, 1_001, 2_000_000, 1_900_001, false));
        assertThat(scans.choice(search("garden")).matches()).isBetween(20_000L, 20_030L);
    }

    @Test
    void aSearchInUseKeepsItsChoiceBeyondAnHour() {
        run(search("garden"), new RankingScans.Sample(150, 150, 150, 1, true));
        for (int s = 0; s < 130; s++) { // 67 minutes
            now.addAndGet(Duration.ofSeconds(31).toNanos());
            run(search("garden"), new RankingScans.Sample(150, 150, 150, 1, true));
        }
        assertThat(scans.choose(search("garden"))).isEqualTo(Scan.INDEX);
    }

    @Test
    void aSearchWithFiltersOnPostsIsAlwaysPlanned() {
        PostQuery inCategory = new PostQuery("garden", 3L, null, null, null, PostSort.RELEVANCE, Visibility.PUBLIC);
        run(inCategory, new RankingScans.Sample(150, 150, 150, 1, true));
        assertThat(scans.choose(inCategory)).isEqualTo(Scan.PLANNED);
    }

    @Test
    void theLeastRecentlyUsedChoiceGoesFirst() {
        run(search("a"), new RankingScans.Sample(1, 1, 1, 1, true));
        run(search("b"), new RankingScans.Sample(1, 1, 1, 1, true));
        scans.choose(search("a"));
        run(search("c"), new RankingScans.Sample(1, 1, 1, 1, true));
        assertThat(scans.choose(search("a"))).isEqualTo(Scan.INDEX);
        assertThat(scans.choose(search("b"))).isEqualTo(Scan.PLANNED);
    }

    @Test
    void aSearchInFewerThanOnePostInFiveIsFoundThroughTheIndexWithoutAStatementWhateverItsMatches() {
        // 1,001 matches among the newest 100,000 ids of 2,000,000: about 20,000 in all, one post in 100.
        run(search("garden"), new RankingScans.Sample(1_001, 1_001, 2_000_000, 1_900_001, false));
        RankingScans.Choice choice = scans.choice(search("garden"));
        assertThat(choice.scan()).isEqualTo(Scan.INDEX);
        assertThat(choice.matches()).isBetween(20_000L, 20_030L);
        assertThat(choice.newest()).isEqualTo(2_000_000);
        assertThat(choice.share()).isEqualTo(0.01001);
    }

    @Test
    void theErasReadHoldAQuarterMoreMatchesThanNeededAtTheShareMeasured() {
        RankingScans.Choice choice = new RankingScans.Choice(Scan.INDEX, 20_000, 2_000_000, 0.01);
        // 200 needed: 250 at one post in 100 are in the 25,000 ids from the top down.
        assertThat(choice.from(2_000_000, 200)).isEqualTo(1_975_000);
        assertThat(choice.from(1_000_000, 1_001)).isEqualTo(874_875);
    }

    @Test
    void everyMatchIsReadWhereTheErasWouldHoldHalfOfThemOrReachTheFirstEra() {
        RankingScans.Choice choice = new RankingScans.Choice(Scan.INDEX, 1_500, 2_000_000, 0.01);
        assertThat(choice.from(2_000_000, 200)).isNotNull();
        assertThat(choice.from(2_000_000, 751)).isNull(); // 1,500 matches: fewer than twice 751
        assertThat(choice.from(30_000, 200)).isNull(); // 25,000 ids down from 30,000: into the first era (ids below 8,192)
        assertThat(RankingScans.Choice.of(Scan.INDEX).from(2_000_000, 200)).isNull(); // nothing measured
        assertThat(new RankingScans.Choice(Scan.WALK, 20_000, 2_000_000, 0.01).from(2_000_000, 200)).isNull();
    }
}
