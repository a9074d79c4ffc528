package dev.inkwell.api.list;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.api.StatementLog;
import dev.inkwell.domain.TableCursor;
import dev.inkwell.persistence.testing.TestHttp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cursor pages of the user, category and tag lists through HTTP: a walk from the first page by
 * the {@code Link} header visits every row once in the list's order, also while rows come and go
 * between pages; every page but the last links to the next, before Jersey (anonymous) as through
 * it (signed in); a cursor page is one SQL statement; cursors not issued for the list are 422.
 * Whole pages are not kept here ({@code cache.maxListPages: 0}), so every request builds its page
 * (kept cursor pages: KeptListPagesAnswersApiIT).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ListCursorsApiIT {
    static final ApiApp API = new ApiApp(ConfigOverride.config("cache.maxListPages", "0"));
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");
    /** The order each list is in, as SQL gives it. */
    private static final Map<String, String> ORDER = Map.of(
            "users", "SELECT id FROM users ORDER BY id",
            "categories", "SELECT id FROM categories ORDER BY lower(name), id",
            "tags", "SELECT id FROM tags ORDER BY lower(name), id");

    static ApiApp.Session user;
    static ApiApp.Session admin;
    static StatementLog sql;

    @BeforeAll
    static void setUp() {
        user = API.signUp("walker");
        admin = API.admin();
        sql = new StatementLog(APP.<dev.inkwell.api.InkwellApiApplication>getApplication().jdbi());
    }

    @AfterAll
    static void tearDown() {
        if (sql != null) {
            sql.stop();
        }
    }

    /** A new row of {@code list} named {@code name} (a user's name is unique by itself); its id. */
    private static long create(String list, String name) {
        if (list.equals("users")) {
            return HTTP.post("/api/users", fields("username", name, "email", name + "@example.com", "password", "password-of-" + name))
                    .expect(201).get("id").asLong();
        }
        return HTTP.post("/api/" + list, fields("name", name)).as(user).expect(201).get("id").asLong();
    }

    /** Rows to page through; categories and tags with names whose lower case SQL computes (never Java). */
    private static void fill(String list) {
        for (String stem : list.equals("users") ? List.of("m", "m", "m", "m", "m") : List.of("m", "M", "émile", "İz", "Straße", "m")) {
            create(list, ApiApp.unique(stem));
        }
    }

    private static List<Long> order(String list) {
        return API.jdbi().withHandle(h -> h.createQuery(ORDER.get(list)).mapTo(Long.class).list());
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    /** The next page's URL from a {@code Link} header, or null. */
    private static String next(TestHttp.Answer answer) {
        List<String> links = answer.headers().allValues("Link");
        assertThat(links).hasSizeLessThanOrEqualTo(1);
        if (links.isEmpty()) {
            return null;
        }
        Matcher m = NEXT.matcher(links.get(0));
        assertThat(m.matches()).as(links.get(0)).isTrue();
        return m.group(1);
    }

    private static TestHttp.Answer anonymous(String path) {
        return TestHttp.get(API.url(path)).header("Accept", "application/json").send();
    }

    private static TestHttp.Answer signedIn(String path) {
        return TestHttp.get(API.url(path)).header("Accept", "application/json").bearer(user.token()).send();
    }

    /** The parameters of a URL's query, sorted. */
    private static List<String> query(String url) {
        return java.util.Arrays.stream(URI.create(url).getRawQuery().split("&")).sorted().toList();
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        assertThat(API.url(uri.getRawPath())).as("the link is a full URL of this server").isEqualTo(url.substring(0, url.indexOf('?')));
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    /**
     * Walks {@code list} from its first page by the {@code Link} headers, running {@code between}
     * after the first page; checks each page's {@code next_cursor} against its link.
     */
    private static List<Long> walk(String list, int perPage, Runnable between) {
        List<Long> walked = new ArrayList<>();
        String path = "/api/" + list + "?per_page=" + perPage;
        for (int pages = 0; path != null; pages++) {
            assertThat(pages).as("pages of %s", list).isLessThan(1_000);
            TestHttp.Answer answer = anonymous(path);
            assertThat(answer.status()).isEqualTo(200);
            JsonNode page = answer.json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(perPage);
            assertThat(page.get("per_page").asInt()).isEqualTo(perPage);
            walked.addAll(ids(page));
            String link = next(answer);
            if (link == null) {
                assertThat(page.get("next_cursor").isNull()).as("the last page has no next cursor").isTrue();
                path = null;
            } else {
                assertThat(query(link)).containsExactly("cursor=" + page.get("next_cursor").asText(), "per_page=" + perPage);
                assertThat(page.get("items").size()).as("a page with a next one is full").isEqualTo(perPage);
                path = pathOf(link);
            }
            if (pages == 0) {
                between.run();
            }
        }
        return walked;
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void aWalkByCursorVisitsEveryRowOnceInOrder(String list) {
        fill(list);
        List<Long> walked = walk(list, 2, () -> { });
        assertThat(walked).isEqualTo(order(list)).doesNotHaveDuplicates();
    }

    /**
     * Between the first page and the next: a row not yet visited is deleted, one is inserted after
     * every row (it shows) and, where the order allows, one before the cursor (it does not).
     */
    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void aWalkWhileRowsComeAndGoVisitsEachSurvivorOnceAndNoDeletedRow(String list) {
        fill(list);
        long doomed = create(list, ApiApp.unique("y"));
        long[] late = {0};
        long[] early = {0};
        List<Long> walked = walk(list, 2, () -> {
            HTTP.delete("/api/" + list + "/" + doomed).as(admin).expect(204);
            late[0] = create(list, ApiApp.unique("zz"));
            if (!list.equals("users")) {
                early[0] = create(list, ApiApp.unique("0"));
            }
        });
        List<Long> expected = new ArrayList<>(order(list));
        expected.remove(early[0]);
        assertThat(walked).doesNotHaveDuplicates().doesNotContain(doomed, early[0]).contains(late[0]).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void theLinkIsTheSameBeforeJerseyAndThroughIt(String list) {
        fill(list);
        String first = "/api/" + list + "?per_page=2";
        String link = next(anonymous(first));
        assertThat(link).isNotNull().isEqualTo(next(signedIn(first)));
        String second = pathOf(link);
        assertThat(next(anonymous(second))).isNotNull().isEqualTo(next(signedIn(second)));
        String numbered = "/api/" + list + "?page=2&per_page=2";
        String byNumber = next(anonymous(numbered));
        assertThat(byNumber).as("a page by number links on by cursor").isEqualTo(next(signedIn(numbered)));
        assertThat(query(byNumber)).as("page removed").containsExactly("cursor=" + HTTP.get(numbered).expect(200).get("next_cursor").asText(),
                "per_page=2");
        assertThat(anonymous(second).json().get("page").isNull()).as("a page after a cursor has no number").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void theLastPageHasNoNextCursorAndNoLink(String list) {
        fill(list);
        long total = HTTP.get("/api/" + list).expect(200).get("total").asLong();
        TestHttp.Answer last = anonymous("/api/" + list + "?per_page=1&page=" + total);
        assertThat(last.json().get("items")).hasSize(1);
        assertThat(last.json().get("next_cursor").isNull()).isTrue();
        assertThat(last.headers().allValues("Link")).isEmpty();
        assertThat(signedIn("/api/" + list + "?per_page=1&page=" + total).headers().allValues("Link")).isEmpty();
        TestHttp.Answer all = anonymous("/api/" + list + "?per_page=100");
        assertThat(all.json().get("items").size()).isEqualTo((int) total);
        assertThat(all.headers().allValues("Link")).as("one page holds them all").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void aCursorPageIsOneStatementWithTheTotalOfNumberedPages(String list) {
        fill(list);
        JsonNode first = HTTP.get("/api/" + list + "?per_page=2").expect(200);
        String cursor = first.get("next_cursor").asText();
        sql.clear();
        JsonNode second = HTTP.get("/api/" + list + "?per_page=3&cursor=" + cursor).expect(200);
        assertThat(sql.statements()).as("statements of a cursor page of %s", list).hasSize(1);
        assertThat(second.get("total").asLong()).isEqualTo(first.get("total").asLong());
        assertThat(second.get("items")).as("per_page applies after a cursor").hasSize(3);
        assertThat(ids(second).get(0)).isEqualTo(order(list).get(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void aCursorWithAPageIs422NamingTheCursor(String list) {
        fill(list);
        String cursor = HTTP.get("/api/" + list + "?per_page=1").expect(200).get("next_cursor").asText();
        for (String query : List.of("page=1&cursor=" + cursor, "cursor=" + cursor + "&page=2")) {
            assertFields(assertProblem(HTTP.get("/api/" + list + "?" + query).send(), 422), "cursor");
            assertFields(assertProblem(HTTP.get("/api/" + list + "?" + query).as(user).send(), 422), "cursor");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void aCursorNotIssuedForTheListIs422NamingIt(String list) {
        HTTP.post("/api/posts", fields("title", "one", "content", "c", "published", true)).as(user).expect(201);
        HTTP.post("/api/posts", fields("title", "two", "content", "c", "published", true)).as(user).expect(201);
        String postCursor = HTTP.get("/api/posts?per_page=1").expect(200).get("next_cursor").asText();
        String other = list.equals("tags") ? "users" : "tags";
        String otherCursor = new TableCursor(other, 1, other.equals("users") ? null : "a").encode();
        for (String cursor : List.of("garbage", "!!", postCursor, otherCursor, "dDF8" + "a".repeat(2000),
                new TableCursor(list, 1, list.equals("users") ? "key" : null).encode())) {
            for (boolean anonymous : List.of(true, false)) {
                JsonHttp.Call call = HTTP.get("/api/" + list + "?cursor=" + cursor);
                assertFields(assertProblem((anonymous ? call : call.as(user)).send(), 422), "cursor");
            }
        }
        String tagCursor = new TableCursor("tags", 1, "a").encode();
        assertFields(assertProblem(HTTP.get("/api/posts?cursor=" + tagCursor).send(), 422), "cursor");
    }
}
