package dev.inkwell.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.inkwell.api.ProblemAssert.assertProblem;
import static dev.inkwell.api.cache.PostCacheFixture.listed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whom cached posts are shown to and what a kept page of the post list holds, through HTTP on a
 * real Redis: a cached draft is still shown only to its author and admins, on its own and on
 * pages kept per reader's visibility; a page of published posts kept for one reader is everyone's;
 * a new post shows on kept pages at once; and a kept page keeps its Link header and is the answer
 * to no other request. Kept pages of users, categories and tags: {@link KeptListPagesAnswersApiIT}
 * and its neighbours.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PostCachePagesApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final PostCacheFixture POSTS = new PostCacheFixture(API);

    @Test
    void aCachedDraftIsStillShownOnlyToItsAuthorAndAdmins() {
        long id = POSTS.post(null, List.of(), false);
        POSTS.http.get("/api/posts/" + id).as(POSTS.author()).expect(200);
        POSTS.sql().clear();
        assertProblem(POSTS.http.get("/api/posts/" + id).send(), 404);
        assertThat(POSTS.sql().statements()).as("the anonymous read was a cache hit").isEmpty();
        ApiApp.Session stranger = API.signUp("stranger");
        assertProblem(POSTS.http.get("/api/posts/" + id).as(stranger).send(), 404);
        assertThat(POSTS.http.get("/api/posts/" + id).as(POSTS.admin()).expect(200).get("published").asBoolean()).isFalse();
        // Lists choose whom a post is shown to in their own statement, cached copy or not, and
        // pages are kept per reader's visibility: the author's page (kept first) is not the others'.
        String list = "/api/posts?per_page=100&author_id=" + POSTS.author().id();
        for (int i = 0; i < 2; i++) {
            assertThat(POSTS.http.get(list).as(POSTS.author()).expect(200).get("items").findValuesAsText("id")).contains(Long.toString(id));
            assertThat(POSTS.http.get(list).expect(200).get("items").findValuesAsText("id")).doesNotContain(Long.toString(id));
            assertThat(POSTS.http.get(list).as(stranger).expect(200).get("items").findValuesAsText("id")).doesNotContain(Long.toString(id));
            assertThat(POSTS.http.get(list).as(POSTS.admin()).expect(200).get("items").findValuesAsText("id")).contains(Long.toString(id));
        }
    }

    @Test
    void aPageOfPublishedPostsKeptForOneReaderIsEveryonesAndShowsNoDraft() {
        long draft = POSTS.post(null, List.of(), false);
        long published = POSTS.post();
        String page = "/api/posts?published=true&per_page=100&author_id=" + POSTS.author().id();
        JsonNode authors = POSTS.http.get(page).as(POSTS.author()).expect(200);
        assertThat(listed(authors, published)).isNotNull();
        assertThat(listed(authors, draft)).isNull();
        POSTS.sql().clear();
        assertThat(POSTS.http.get(page).expect(200)).isEqualTo(authors);
        assertThat(POSTS.http.get(page).as(POSTS.admin()).expect(200)).isEqualTo(authors);
        // Only the admin's sign-in is looked up; the page itself is the kept one.
        assertThat(POSTS.sql().statements()).noneSatisfy(s -> assertThat(s).contains("posts"));
    }

    @Test
    void aNewPostShowsOnKeptListPagesAtOnce() {
        String newest = "/api/posts?per_page=5";
        POSTS.http.get(newest).expect(200);
        POSTS.sql().clear();
        JsonNode kept = POSTS.http.get(newest).expect(200);
        assertThat(POSTS.sql().statements()).as("statements of a kept page").isEmpty();
        long id = POSTS.post();
        JsonNode after = POSTS.http.get(newest).expect(200);
        assertThat(after.get("items").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(after.get("total").asLong()).isEqualTo(kept.get("total").asLong() + 1);
    }

    @Test
    void aKeptPageKeepsItsNextLinkAndDiffersFromNoOtherRequest() {
        POSTS.post();
        POSTS.post();
        String first = "/api/posts?per_page=1&author_id=" + POSTS.author().id();
        try (Response built = POSTS.http.get(first).send()) {
            POSTS.sql().clear();
            try (Response kept = POSTS.http.get(first).send()) {
                assertThat(POSTS.sql().statements()).as("statements of a kept page").isEmpty();
                assertThat(kept.getStatus()).isEqualTo(200);
                assertThat(kept.getHeaderString("Link")).isNotNull().isEqualTo(built.getHeaderString("Link"));
                assertThat(kept.getMediaType().toString()).startsWith("application/json");
                assertThat(kept.readEntity(String.class)).isEqualTo(built.readEntity(String.class));
            }
        }
        JsonNode page1 = POSTS.http.get(first).expect(200);
        JsonNode page2 = POSTS.http.get(first + "&page=2").expect(200);
        JsonNode wider = POSTS.http.get("/api/posts?per_page=2&author_id=" + POSTS.author().id()).expect(200);
        JsonNode next = POSTS.http.get("/api/posts?per_page=1&author_id=" + POSTS.author().id() + "&cursor=" + page1.get("next_cursor").asText())
                .expect(200);
        assertThat(page2.get("items").get(0).get("id")).isNotEqualTo(page1.get("items").get(0).get("id"));
        assertThat(next.get("items")).isEqualTo(page2.get("items"));
        assertThat(wider.get("items")).hasSize(2);
        assertThat(POSTS.http.get("/api/posts?q=words&per_page=1&author_id=" + POSTS.author().id()).expect(200).get("items")).hasSize(1);
        assertThat(POSTS.http.get("/api/posts?q=nowhere&per_page=1&author_id=" + POSTS.author().id()).expect(200).get("items")).isEmpty();
    }
}
