package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.InkwellApiApplication;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.api.StatementLog;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.post.PostDao;
import dev.inkwell.persistence.user.UserDao;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.inkwell.api.JsonHttp.enc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list and search of posts, with author, category and tags embedded, cost a constant
 * number of SQL statements whatever the page size (no N+1), proven through HTTP: a counting
 * SqlLogger on the running application's own Jdbi sees every statement a request runs.
 * The page's posts come from the read cache, and those it does not hold from one more
 * statement, so each count is given with every post cached and with none. Whole pages are not
 * kept here ({@code cache.maxListPages: 0}), so every request runs its statements (a kept page
 * runs none: PostCacheReadsApiIT). Requests are anonymous so that authentication adds none; nothing
 * else uses the app meanwhile.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostQueryCountIT {
    static final ApiApp API = new ApiApp(ConfigOverride.config("cache.maxListPages", "0"));
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);
    static StatementLog sql;
    private static final int POSTS = 120;

    private static long ann;
    private static long cooking;

    /** 120 published posts by two authors, in two categories (and none), with three tags each. */
    @BeforeAll
    static void fixturesAndCounter() {
        UserDao users = API.jdbi().onDemand(UserDao.class);
        String annName = ApiApp.unique("ann");
        String benName = ApiApp.unique("ben");
        ann = users.insert(NewUser.of(annName, annName + "@example.com", null, null)).id();
        long ben = users.insert(NewUser.of(benName, benName + "@example.com", null, null)).id();
        CategoryDao categories = API.jdbi().onDemand(CategoryDao.class);
        cooking = categories.insert(NewCategory.of("Cooking", null, null, null)).id();
        Long[] inCategory = {cooking, categories.insert(NewCategory.of("Travel", null, null, null)).id(), null};
        PostDao posts = API.jdbi().onDemand(PostDao.class);
        for (int i = 0; i < POSTS; i++) {
            posts.create(NewPost.of(i % 2 == 0 ? ann : ben, inCategory[i % 3], "words number " + i, "lorem ipsum " + i, true,
                    List.of("t" + (i % 5), "u" + (i % 7), "v" + (i % 11))));
        }

        InkwellApiApplication app = APP.getApplication();
        sql = new StatementLog(app.jdbi());
    }

    @AfterAll
    static void restore() {
        if (sql != null) {
            sql.stop();
        }
    }

    /**
     * GETs {@code pathAndQuery} anonymously with its posts in the read cache (an earlier request
     * put them there); returns the page, having recorded the statements it ran.
     */
    private static JsonNode counted(String pathAndQuery) {
        HTTP.get(pathAndQuery).expect(200);
        sql.clear();
        return HTTP.get(pathAndQuery).expect(200);
    }

    /**
     * The same with none of its posts usable from the cache: every post gets a new version behind
     * the cache's back, so each cached copy is of another version than the page sees.
     */
    private static JsonNode countedCold(String pathAndQuery) {
        API.jdbi().useHandle(h -> h.execute("UPDATE posts SET version = version + 1"));
        sql.clear();
        return HTTP.get(pathAndQuery).expect(200);
    }

    private static void assertEveryItemIsComplete(JsonNode page) {
        assertThat(page.get("items")).allSatisfy(item -> {
            int i = Integer.parseInt(item.get("title").asText().substring("words number ".length()));
            assertThat(item.get("author").get("username").asText()).isNotBlank();
            assertThat(item.get("tags")).hasSize(3);
            // posts i % 3 == 2 have no category
            assertThat(item.get("category").isNull()).isEqualTo(i % 3 == 2);
            if (i % 3 != 2) {
                assertThat(item.get("category").get("name").asText()).isIn("Cooking", "Travel");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void listingAPageRunsThreeStatementsWhateverItsSizePlusOneForThePostsNotCached(int perPage) {
        String list = "/api/posts?per_page=" + perPage;
        JsonNode page = counted(list);
        assertThat(page.get("items")).hasSize(perPage);
        assertThat(page.get("total").asLong()).isEqualTo(POSTS);
        assertEveryItemIsComplete(page);
        // The total, then the page's keys under their generic plan (the plain list's one best plan, not planned per call).
        assertThat(sql.statements()).as("statements of one list request").hasSize(3)
                .anySatisfy(s -> assertThat(s).contains("SET LOCAL plan_cache_mode = force_generic_plan"));

        JsonNode cold = countedCold(list);
        assertThat(cold.get("items")).hasSize(perPage);
        assertEveryItemIsComplete(cold);
        assertThat(sql.statements()).as("statements of one list request, no post cached").hasSize(4)
                .anySatisfy(s -> assertThat(s).contains("PostReads.findByIds"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void searchingByTextAndTagRunsOneStatementWhateverThePageSizePlusOneForThePostsNotCached(int perPage) {
        String search = "/api/posts?q=lorem&tag=t1&per_page=" + perPage;
        JsonNode page = counted(search);
        assertThat(page.get("items")).hasSize(Math.min(perPage, 24));
        assertThat(page.get("total").asLong()).isEqualTo(24);
        assertThat(page.get("items")).allSatisfy(item -> assertThat(item.get("tags").toString()).contains("\"t1\""));
        // Ranking visits every match: the same statement counts them.
        assertThat(sql.statements()).as("statements of one search request").hasSize(1);

        assertThat(countedCold(search).get("items")).hasSize(Math.min(perPage, 24));
        assertThat(sql.statements()).as("statements of one search request, no post cached").hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void aPageReachedByCursorRunsTwoStatementsWhateverItsSizePlusOneForThePostsNotCached(int perPage) {
        String cursor = HTTP.get("/api/posts?per_page=" + perPage).expect(200).get("next_cursor").asText();
        String next = "/api/posts?per_page=" + perPage + "&cursor=" + enc(cursor);
        JsonNode page = counted(next);
        assertThat(page.get("items")).hasSize(Math.min(perPage, POSTS - perPage));
        assertEveryItemIsComplete(page);
        assertThat(sql.statements()).as("statements of one cursor page").hasSize(2);

        assertEveryItemIsComplete(countedCold(next));
        assertThat(sql.statements()).as("statements of one cursor page, no post cached").hasSize(3);
    }

    @ParameterizedTest
    // A search by relevance seen before runs its one ranked statement on its prepared plan (RankingScans).
    @CsvSource({"category_id={cooking}, 2", "author_id={ann}, 2", "published=true, 2", "q=words&sort=relevance, 1", "q=words&sort=newest, 2",
            "sort=title, 3", "sort=oldest, 3"})
    void everyFilterAndSortRunsAFixedNumberOfStatementsForAFullPage(String query, int statements) {
        JsonNode page = counted("/api/posts?per_page=100&" + query.replace("{cooking}", Long.toString(cooking))
                .replace("{ann}", Long.toString(ann)));
        assertThat(page.get("items").size()).isGreaterThan(1);
        assertThat(sql.statements()).as("statements of %s", query).hasSize(statements);
    }
}
