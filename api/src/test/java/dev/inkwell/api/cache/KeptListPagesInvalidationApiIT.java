package dev.inkwell.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.cache.PostCacheFixture.ALL_USERS;
import static dev.inkwell.api.cache.PostCacheFixture.listed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kept pages of the user, category and tag lists after a write, through HTTP on a real Redis: every
 * write that changes what a page shows makes the next read show it: a sign-up, users made in bulk,
 * a user renamed, deactivated, made an admin or deleted; a category made, moved under, renamed or
 * deleted; a tag made, renamed or deleted, or made by a post's first use of it. Each test reads the
 * page first, so that it is kept when the write comes. What a kept page answers:
 * {@link KeptListPagesAnswersApiIT}; which requests keep one: {@link KeptListPagesKeysApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeptListPagesInvalidationApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final PostCacheFixture CACHE = new PostCacheFixture(API);

    @Test
    void signUpShowsOnKeptUserPages() {
        long total = CACHE.kept(ALL_USERS).get("total").asLong();
        API.signUp("newcomer");
        assertThat(CACHE.http.get(ALL_USERS).expect(200).get("total").asLong()).isEqualTo(total + 1);
    }

    @Test
    void bulkUsersShowOnKeptUserPages() {
        long total = CACHE.kept(ALL_USERS).get("total").asLong();
        String a = ApiApp.unique("bulk");
        String b = ApiApp.unique("bulk");
        CACHE.http.post("/api/users/bulk", List.of(fields("username", a, "email", a + "@example.com"),
                fields("username", b, "email", b + "@example.com"))).as(CACHE.admin()).expect(201);
        assertThat(CACHE.http.get(ALL_USERS).expect(200).get("total").asLong()).isEqualTo(total + 2);
    }

    @Test
    void userChangesShowOnKeptUserPages() {
        ApiApp.Session someone = API.signUp("changing");
        String page = CACHE.lastUser();
        assertThat(CACHE.kept(page).get("items").get(0).get("id").asLong()).isEqualTo(someone.id());
        String name = ApiApp.unique("renamed");
        CACHE.http.patch("/api/users/" + someone.id(), fields("username", name)).as(someone).expect(200);
        assertThat(CACHE.kept(page).get("items").get(0).get("username").asText()).isEqualTo(name);
        CACHE.http.patch("/api/users/" + someone.id(), fields("is_active", false)).as(CACHE.admin()).expect(200);
        assertThat(CACHE.kept(page).get("items").get(0).get("is_active").asBoolean()).isFalse();
        CACHE.http.patch("/api/users/" + someone.id(), fields("role", "admin")).as(CACHE.admin()).expect(200);
        assertThat(CACHE.http.get(page).expect(200).get("items").get(0).get("role").asText()).isEqualTo("admin");
    }

    @Test
    void aDeletedUserLeavesKeptUserPages() {
        ApiApp.Session leaving = API.signUp("leaving");
        assertThat(listed(CACHE.kept(ALL_USERS), leaving.id())).isNotNull();
        CACHE.http.delete("/api/users/" + leaving.id()).as(leaving).expect(204);
        assertThat(listed(CACHE.http.get(ALL_USERS).expect(200), leaving.id())).isNull();
    }

    @Test
    void categoryWritesShowOnKeptCategoryPages() {
        String all = "/api/categories?per_page=100";
        long total = CACHE.kept(all).get("total").asLong();
        long parent = CACHE.http.post("/api/categories", fields("name", ApiApp.unique("Parent"))).as(CACHE.author())
                .expect(201).get("id").asLong();
        assertThat(CACHE.kept(all).get("total").asLong()).isEqualTo(total + 1);
        long child = CACHE.http.post("/api/categories", fields("name", ApiApp.unique("Child"), "parent_id", parent)).as(CACHE.author())
                .expect(201).get("id").asLong();
        assertThat(listed(CACHE.kept(all), parent).get("children").get(0).get("id").asLong()).isEqualTo(child);
        String name = ApiApp.unique("Renamed");
        CACHE.http.patch("/api/categories/" + child, fields("name", name)).as(CACHE.admin()).expect(200);
        assertThat(listed(CACHE.kept(all), parent).get("children").get(0).get("name").asText()).isEqualTo(name);
        CACHE.http.delete("/api/categories/" + child).as(CACHE.admin()).expect(204);
        JsonNode after = CACHE.http.get(all).expect(200);
        assertThat(listed(after, child)).isNull();
        assertThat(listed(after, parent).get("children")).isEmpty();
    }

    @Test
    void tagWritesShowOnKeptTagPages() {
        String all = "/api/tags?per_page=100";
        long total = CACHE.kept(all).get("total").asLong();
        long id = CACHE.http.post("/api/tags", fields("name", ApiApp.unique("fresh"))).as(CACHE.author()).expect(201).get("id").asLong();
        assertThat(CACHE.kept(all).get("total").asLong()).isEqualTo(total + 1);
        String name = ApiApp.unique("renamed");
        CACHE.http.patch("/api/tags/" + id, fields("name", name)).as(CACHE.admin()).expect(200);
        assertThat(listed(CACHE.kept(all), id).get("name").asText()).isEqualTo(name);
        CACHE.http.delete("/api/tags/" + id).as(CACHE.admin()).expect(204);
        assertThat(CACHE.http.get(all).expect(200).get("total").asLong()).isEqualTo(total);
    }

    @Test
    void aPostsFirstUseOfATagShowsOnKeptTagPages() {
        String all = "/api/tags?per_page=100";
        long total = CACHE.kept(all).get("total").asLong();
        CACHE.http.post("/api/posts", fields("title", "t", "content", "c", "published", true, "tags", List.of(ApiApp.unique("first"))))
                .as(CACHE.author()).expect(201);
        assertThat(CACHE.http.get(all).expect(200).get("total").asLong()).isEqualTo(total + 1);
    }
}
