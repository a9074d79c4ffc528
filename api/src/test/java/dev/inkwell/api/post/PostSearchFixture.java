package dev.inkwell.api.post;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.JsonHttp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.inkwell.api.JsonHttp.fields;

/**
 * What the GET /api/posts tests ({@link PostSearchFilterApiIT}, {@link PostSearchPagingApiIT},
 * {@link PostSearchCursorApiIT}) share: posts made through the API, a reader, the
 * list read as a given caller, its ids in order, and made-up words that only one test's posts
 * contain, since the database is shared by each class.
 */
final class PostSearchFixture {
    private static final Random RANDOM = new Random();

    private final ApiApp api;
    final JsonHttp http;
    private ApiApp.Session reader;

    PostSearchFixture(ApiApp api) {
        this.api = api;
        this.http = new JsonHttp(api);
    }

    /** A user who writes none of the posts listed (one per app), to list them as someone else. */
    synchronized ApiApp.Session reader() {
        if (reader == null) {
            reader = api.signUp("reader");
        }
        return reader;
    }

    /** A made-up word of letters only, found in no dictionary and in no other test's post. */
    static String word() {
        StringBuilder w = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            w.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return w.toString();
    }

    long post(ApiApp.Session as, String title, String content, boolean published, Long categoryId, String... tags) {
        return http.post("/api/posts", fields("title", title, "content", content, "published", published,
                "category_id", categoryId, "tags", List.of(tags))).as(as).expect(201).get("id").asLong();
    }

    long published(ApiApp.Session as, String title, String... tags) {
        return post(as, title, "text of " + title, true, null, tags);
    }

    /** The first page of GET /api/posts?{@code query} as {@code as} (anonymous when null), which must be 200. */
    JsonNode list(String query, ApiApp.Session as) {
        JsonHttp.Call call = http.get("/api/posts?" + query);
        if (as != null) {
            call.as(as);
        }
        return call.expect(200);
    }

    JsonNode list(String query) {
        return list(query, null);
    }

    /** The ids of a page's items, in order. */
    static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(p -> ids.add(p.get("id").asLong()));
        return ids;
    }
}
