package dev.inkwell.api.list;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.InkwellApiApplication;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.api.StatementLog;
import dev.inkwell.persistence.testing.TestHttp;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.inkwell.api.JsonHttp.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link ListCursorsApiIT} walks the user, category and tag lists with: requests to the app,
 * anonymous and signed in, a user (who makes the categories and tags) and an admin made before the
 * first test, the log of the statements the app runs, rows made through the API, each list's order
 * as SQL gives it, and a walk from the first page by the {@code Link} headers. Registered after the
 * app's extension, it starts after the app and stops before it:
 * {@code @RegisterExtension static final ListCursorsFixture CURSORS = new ListCursorsFixture(API);}
 */
final class ListCursorsFixture implements BeforeAllCallback, AfterAllCallback {
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");
    /** The order each list is in, as SQL gives it. */
    private static final Map<String, String> ORDER = Map.of(
            "users", "SELECT id FROM users ORDER BY id",
            "categories", "SELECT id FROM categories ORDER BY lower(name), id",
            "tags", "SELECT id FROM tags ORDER BY lower(name), id");

    private final ApiApp api;
    final JsonHttp http;
    private ApiApp.Session user;
    private ApiApp.Session admin;
    private StatementLog sql;

    ListCursorsFixture(ApiApp api) {
        this.api = api;
        this.http = new JsonHttp(api);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        user = api.signUp("walker");
        admin = api.admin();
        sql = new StatementLog(api.extension().<InkwellApiApplication>getApplication().jdbi());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sql != null) {
            sql.stop();
        }
    }

    /** The user who walks the lists signed in, and makes their categories and tags. */
    ApiApp.Session user() {
        return user;
    }

    ApiApp.Session admin() {
        return admin;
    }

    /** Every statement the app has run since the last {@link StatementLog#clear()}. */
    StatementLog sql() {
        return sql;
    }

    /** A new row of {@code list} named {@code name} (a user's name is unique by itself); its id. */
    long create(String list, String name) {
        if (list.equals("users")) {
            return http.post("/api/users", fields("username", name, "email", name + "@example.com", "password", "password-of-" + name))
                    .expect(201).get("id").asLong();
        }
        return http.post("/api/" + list, fields("name", name)).as(user).expect(201).get("id").asLong();
    }

    /** Rows to page through; categories and tags with names whose lower case SQL computes (never Java). */
    void fill(String list) {
        for (String stem : list.equals("users") ? List.of("m", "m", "m", "m", "m") : List.of("m", "M", "émile", "İz", "Straße", "m")) {
            create(list, ApiApp.unique(stem));
        }
    }

    List<Long> order(String list) {
        return api.jdbi().withHandle(h -> h.createQuery(ORDER.get(list)).mapTo(Long.class).list());
    }

    static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    /** The next page's URL from a {@code Link} header, or null. */
    static String next(TestHttp.Answer answer) {
        List<String> links = answer.headers().allValues("Link");
        assertThat(links).hasSizeLessThanOrEqualTo(1);
        if (links.isEmpty()) {
            return null;
        }
        Matcher m = NEXT.matcher(links.get(0));
        assertThat(m.matches()).as(links.get(0)).isTrue();
        return m.group(1);
    }

    TestHttp.Answer anonymous(String path) {
        return TestHttp.get(api.url(path)).header("Accept", "application/json").send();
    }

    TestHttp.Answer signedIn(String path) {
        return TestHttp.get(api.url(path)).header("Accept", "application/json").bearer(user.token()).send();
    }

    /** {@link #anonymous}, checked to be answered before Jersey (by {@code ListPageFilter}). */
    TestHttp.Answer beforeJersey(String path) {
        long jerseySaw = api.jerseyRequests();
        TestHttp.Answer answer = anonymous(path);
        assertThat(api.jerseyRequests()).as("%s answered before Jersey", path).isEqualTo(jerseySaw);
        return answer;
    }

    /** {@link #signedIn}, checked to be answered by Jersey. */
    TestHttp.Answer byJersey(String path) {
        long jerseySaw = api.jerseyRequests();
        TestHttp.Answer answer = signedIn(path);
        assertThat(api.jerseyRequests()).as("%s answered by Jersey", path).isEqualTo(jerseySaw + 1);
        return answer;
    }

    /** The parameters of a URL's query, sorted. */
    static List<String> query(String url) {
        return java.util.Arrays.stream(URI.create(url).getRawQuery().split("&")).sorted().toList();
    }

    String pathOf(String url) {
        URI uri = URI.create(url);
        assertThat(api.url(uri.getRawPath())).as("the link is a full URL of this server").isEqualTo(url.substring(0, url.indexOf('?')));
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    /**
     * Walks {@code list} from its first page by the {@code Link} headers, running {@code between}
     * after the first page; checks each page's {@code next_cursor} against its link.
     */
    List<Long> walk(String list, int perPage, Runnable between) {
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
}
