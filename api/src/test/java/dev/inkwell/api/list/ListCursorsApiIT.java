package dev.inkwell.api.list;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.domain.TableCursor;
import dev.inkwell.persistence.testing.TestHttp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.list.ListCursorsFixture.ids;
import static dev.inkwell.api.list.ListCursorsFixture.next;
import static dev.inkwell.api.list.ListCursorsFixture.query;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cursor pages of the user, category and tag lists through HTTP: a walk from the first page by
 * the {@code Link} header visits every row once in the list's order, also while rows come and go
 * between pages; every page but the last links to the next, before Jersey (anonymous) as through
 * it (signed in); a cursor page is one SQL statement; cursors not issued for the list are 422.
 * Whole pages are not kept here ({@code cache.maxListPages: 0}), so every request builds its page
 * (kept cursor pages: KeptListPagesAnswersApiIT). The walk and the rows it pages through:
 * {@link ListCursorsFixture}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ListCursorsApiIT {
    static final ApiApp API = new ApiApp(ConfigOverride.config("cache.maxListPages", "0"));
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final ListCursorsFixture CURSORS = new ListCursorsFixture(API);

    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void aWalkByCursorVisitsEveryRowOnceInOrder(String list) {
        CURSORS.fill(list);
        List<Long> walked = CURSORS.walk(list, 2, () -> { });
        assertThat(walked).isEqualTo(CURSORS.order(list)).doesNotHaveDuplicates();
    }

    /**
     * Between the first page and the next: a row not yet visited is deleted, one is inserted after
     * every row (it shows) and, where the order allows, one before the cursor (it does not).
     */
    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void aWalkWhileRowsComeAndGoVisitsEachSurvivorOnceAndNoDeletedRow(String list) {
        CURSORS.fill(list);
        long doomed = CURSORS.create(list, ApiApp.unique("y"));
        long[] late = {0};
        long[] early = {0};
        List<Long> walked = CURSORS.walk(list, 2, () -> {
            CURSORS.http.delete("/api/" + list + "/" + doomed).as(CURSORS.admin()).expect(204);
            late[0] = CURSORS.create(list, ApiApp.unique("zz"));
            if (!list.equals("users")) {
                early[0] = CURSORS.create(list, ApiApp.unique("0"));
            }
        });
        List<Long> expected = new ArrayList<>(CURSORS.order(list));
        expected.remove(early[0]);
        assertThat(walked).doesNotHaveDuplicates().doesNotContain(doomed, early[0]).contains(late[0]).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void theLinkIsTheSameBeforeJerseyAndThroughIt(String list) {
        CURSORS.fill(list);
        String first = "/api/" + list + "?per_page=2";
        String link = next(CURSORS.beforeJersey(first));
        assertThat(link).isNotNull().isEqualTo(next(CURSORS.byJersey(first)));
        String second = CURSORS.pathOf(link);
        assertThat(next(CURSORS.beforeJersey(second))).isNotNull().isEqualTo(next(CURSORS.byJersey(second)));
        String numbered = "/api/" + list + "?page=2&per_page=2";
        String byNumber = next(CURSORS.beforeJersey(numbered));
        assertThat(byNumber).as("a page by number links on by cursor").isEqualTo(next(CURSORS.byJersey(numbered)));
        assertThat(query(byNumber)).as("page removed").containsExactly(
                "cursor=" + CURSORS.http.get(numbered).expect(200).get("next_cursor").asText(), "per_page=2");
        assertThat(CURSORS.anonymous(second).json().get("page").isNull()).as("a page after a cursor has no number").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void theLastPageHasNoNextCursorAndNoLink(String list) {
        CURSORS.fill(list);
        long total = CURSORS.http.get("/api/" + list).expect(200).get("total").asLong();
        TestHttp.Answer last = CURSORS.anonymous("/api/" + list + "?per_page=1&page=" + total);
        assertThat(last.json().get("items")).hasSize(1);
        assertThat(last.json().get("next_cursor").isNull()).isTrue();
        assertThat(last.headers().allValues("Link")).isEmpty();
        assertThat(CURSORS.signedIn("/api/" + list + "?per_page=1&page=" + total).headers().allValues("Link")).isEmpty();
        TestHttp.Answer all = CURSORS.anonymous("/api/" + list + "?per_page=100");
        assertThat(all.json().get("items").size()).isEqualTo((int) total);
        assertThat(all.headers().allValues("Link")).as("one page holds them all").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void aCursorPageIsOneStatementWithTheTotalOfNumberedPages(String list) {
        CURSORS.fill(list);
        JsonNode first = CURSORS.http.get("/api/" + list + "?per_page=2").expect(200);
        String cursor = first.get("next_cursor").asText();
        CURSORS.sql().clear();
        JsonNode second = CURSORS.http.get("/api/" + list + "?per_page=3&cursor=" + cursor).expect(200);
        assertThat(CURSORS.sql().statements()).as("statements of a cursor page of %s", list).hasSize(1);
        assertThat(second.get("total").asLong()).isEqualTo(first.get("total").asLong());
        assertThat(second.get("items")).as("per_page applies after a cursor").hasSize(3);
        assertThat(ids(second).get(0)).isEqualTo(CURSORS.order(list).get(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void aCursorWithAPageIs422NamingTheCursor(String list) {
        CURSORS.fill(list);
        String cursor = CURSORS.http.get("/api/" + list + "?per_page=1").expect(200).get("next_cursor").asText();
        for (String query : List.of("page=1&cursor=" + cursor, "cursor=" + cursor + "&page=2")) {
            assertFields(assertProblem(CURSORS.http.get("/api/" + list + "?" + query).send(), 422), "cursor");
            assertFields(assertProblem(CURSORS.http.get("/api/" + list + "?" + query).as(CURSORS.user()).send(), 422), "cursor");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "categories", "tags"})
    void aCursorNotIssuedForTheListIs422NamingIt(String list) {
        CURSORS.http.post("/api/posts", fields("title", "one", "content", "c", "published", true)).as(CURSORS.user()).expect(201);
        CURSORS.http.post("/api/posts", fields("title", "two", "content", "c", "published", true)).as(CURSORS.user()).expect(201);
        String postCursor = CURSORS.http.get("/api/posts?per_page=1").expect(200).get("next_cursor").asText();
        String other = list.equals("tags") ? "users" : "tags";
        String otherCursor = new TableCursor(other, 1, other.equals("users") ? null : "a").encode();
        for (String cursor : List.of("garbage", "!!", postCursor, otherCursor, "dDF8" + "a".repeat(2000),
                new TableCursor(list, 1, list.equals("users") ? "key" : null).encode())) {
            for (boolean anonymous : List.of(true, false)) {
                JsonHttp.Call call = CURSORS.http.get("/api/" + list + "?cursor=" + cursor);
                assertFields(assertProblem((anonymous ? call : call.as(CURSORS.user())).send(), 422), "cursor");
            }
        }
        String tagCursor = new TableCursor("tags", 1, "a").encode();
        assertFields(assertProblem(CURSORS.http.get("/api/posts?cursor=" + tagCursor).send(), 422), "cursor");
    }
}
