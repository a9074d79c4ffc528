package dev.inkwell.api.tag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.api.NameOrderedPages;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.JsonHttp.json;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** /api/tags and /api/tags/{id} end to end: names unique regardless of case, admins rename and delete. */
@ExtendWith(DropwizardExtensionsSupport.class)
class TagsApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    /** Identities only; every test makes its own tags. */
    static ApiApp.Session user;
    static ApiApp.Session admin;

    @BeforeAll
    static void signIn() {
        user = API.signUp("tagger");
        admin = API.admin();
    }

    private static JsonNode create(String name) {
        return HTTP.post("/api/tags", fields("name", name)).as(user).expect(201);
    }

    private static long countNamed(String name) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tags WHERE lower(name) = lower(:n)")
                .bind("n", name).mapTo(Long.class).one());
    }

    private static long tagCount() {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tags").mapTo(Long.class).one());
    }

    private static List<String> tagsOfPost(long postId) {
        List<String> names = new ArrayList<>();
        HTTP.get("/api/posts/" + postId).expect(200).get("tags").forEach(t -> names.add(t.asText()));
        return names;
    }

    // --- GET /api/tags

    @Test
    void listIsPagedInNameOrder() {
        create(ApiApp.unique("paged"));
        create(ApiApp.unique("paged"));
        NameOrderedPages.assertPagedOneByOneInNameOrder(API, "/api/tags", "tags");
    }

    @Test
    void listContainsACreatedTag() {
        JsonNode tag = create(ApiApp.unique("listed"));
        List<JsonNode> all = new ArrayList<>();
        JsonNode page;
        int n = 1;
        do {
            page = HTTP.get("/api/tags?per_page=100&page=" + n++).expect(200);
            page.get("items").forEach(all::add);
        } while (n <= page.get("pages").asInt());
        assertThat(all).contains(tag);
    }

    @Test
    void listWithPageZeroIs422() {
        assertFields(assertProblem(HTTP.get("/api/tags?page=0").send(), 422), "page");
    }

    @Test
    void listWithPerPageOver100Is422() {
        assertFields(assertProblem(HTTP.get("/api/tags?per_page=101").send(), 422), "per_page");
    }

    // --- POST /api/tags

    @Test
    void createAnswers201WithLocationAndTheTag() {
        String name = ApiApp.unique("Java");
        try (Response r = HTTP.post("/api/tags", fields("name", name)).as(user).send()) {
            assertThat(r.getStatus()).isEqualTo(201);
            JsonNode tag = json(r);
            assertThat(tag.get("name").asText()).isEqualTo(name);
            assertThat(r.getLocation().getPath()).isEqualTo("/api/tags/" + tag.get("id").asLong());
            assertThat(HTTP.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
        }
    }

    @Test
    void createTrimsTheNameAndCollapsesInnerWhitespace() {
        String suffix = ApiApp.unique("ml");
        JsonNode tag = create("  machine \t  learning " + suffix + "  ");
        assertThat(tag.get("name").asText()).isEqualTo("machine learning " + suffix);
    }

    @Test
    void createAnonymouslyIs401AndCreatesNothing() {
        String name = ApiApp.unique("anon");
        assertProblem(HTTP.post("/api/tags", fields("name", name)).send(), 401);
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void createOfANameDifferingOnlyInCaseIs409AndKeepsTheFirstSpelling() {
        String name = ApiApp.unique("Kotlin");
        create(name);
        assertFields(assertProblem(HTTP.post("/api/tags", fields("name", name.toUpperCase())).as(user).send(), 409), "name");
        assertThat(countNamed(name)).isEqualTo(1);
        String stored = API.jdbi().withHandle(h -> h.createQuery("SELECT name FROM tags WHERE lower(name) = lower(:n)")
                .bind("n", name).mapTo(String.class).one());
        assertThat(stored).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "#hash-first", "-dash-first", "semi;colon", "slash/name", "quote'name",
            "fifty-one-characters-is-one-too-many-for-a-tag-name"})
    void createWithAnInvalidNameIs422OnNameAndCreatesNothing(String name) {
        long before = tagCount();
        assertFields(assertProblem(HTTP.post("/api/tags", fields("name", name)).as(user).send(), 422), "name");
        assertThat(tagCount()).isEqualTo(before);
    }

    @Test
    void createWithoutANameIs422OnName() {
        assertFields(assertProblem(HTTP.post("/api/tags", "{}").as(user).send(), 422), "name");
    }

    @Test
    void createWithAnUnknownFieldIs422NamingIt() {
        String name = ApiApp.unique("extra");
        assertFields(assertProblem(HTTP.post("/api/tags", fields("name", name, "colour", "red")).as(user).send(), 422), "colour");
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void createAcceptsTheSpecialCharactersOfTagNames() {
        String name = ApiApp.unique("c++") + " c# .net_x";
        assertThat(create(name).get("name").asText()).isEqualTo(name);
    }

    // --- GET /api/tags/{id}

    @Test
    void getOfAnUnknownIdIs404() {
        assertProblem(HTTP.get("/api/tags/999999999").send(), 404);
    }

    // --- PATCH /api/tags/{id}

    @Test
    void renameByAnAdminChangesTheNameEverywhere() {
        JsonNode tag = create(ApiApp.unique("old"));
        JsonNode post = HTTP.post("/api/posts", fields("title", "t", "content", "c", "published", true,
                "tags", List.of(tag.get("name").asText()))).as(user).expect(201);
        String name = ApiApp.unique("New");

        JsonNode renamed = HTTP.patch("/api/tags/" + tag.get("id").asLong(), fields("name", name)).as(admin).expect(200);

        assertThat(renamed.get("id").asLong()).isEqualTo(tag.get("id").asLong());
        assertThat(renamed.get("name").asText()).isEqualTo(name);
        assertThat(HTTP.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(renamed);
        assertThat(tagsOfPost(post.get("id").asLong())).containsExactly(name);
    }

    @Test
    void renameToTheSameNameInAnotherCaseIsAllowed() {
        JsonNode tag = create(ApiApp.unique("shout"));
        String upper = tag.get("name").asText().toUpperCase();
        assertThat(HTTP.patch("/api/tags/" + tag.get("id").asLong(), fields("name", upper)).as(admin).expect(200)
                .get("name").asText()).isEqualTo(upper);
    }

    @Test
    void renameToTheNameItHasInvalidatesNoCachedPost() {
        JsonNode tag = create(ApiApp.unique("same"));
        long post = HTTP.post("/api/posts", fields("title", "t", "content", "c", "published", true,
                "tags", List.of(tag.get("name").asText()))).as(user).expect(201).get("id").asLong();
        HTTP.get("/api/posts/" + post).expect(200);
        long invalidations = HTTP.get("/api/admin/cache").as(admin).expect(200).get("invalidations").asLong();
        assertThat(HTTP.patch("/api/tags/" + tag.get("id").asLong(), fields("name", tag.get("name").asText())).as(admin).expect(200))
                .isEqualTo(tag);
        assertThat(HTTP.get("/api/admin/cache").as(admin).expect(200).get("invalidations").asLong()).isEqualTo(invalidations);
    }

    @Test
    void renameByANormalUserIs403AndChangesNothing() {
        JsonNode tag = create(ApiApp.unique("mine"));
        assertProblem(HTTP.patch("/api/tags/" + tag.get("id").asLong(), fields("name", ApiApp.unique("theirs"))).as(user).send(), 403);
        assertThat(HTTP.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
    }

    @Test
    void renameAnonymouslyIs401() {
        JsonNode tag = create(ApiApp.unique("mine"));
        assertProblem(HTTP.patch("/api/tags/" + tag.get("id").asLong(), fields("name", ApiApp.unique("theirs"))).send(), 401);
        assertThat(HTTP.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
    }

    @Test
    void renameToTheNameOfAnotherTagIgnoringCaseIs409() {
        JsonNode taken = create(ApiApp.unique("taken"));
        JsonNode other = create(ApiApp.unique("other"));
        assertFields(assertProblem(HTTP.patch("/api/tags/" + other.get("id").asLong(),
                fields("name", taken.get("name").asText().toUpperCase())).as(admin).send(), 409), "name");
        assertThat(HTTP.get("/api/tags/" + other.get("id").asLong()).expect(200)).isEqualTo(other);
    }

    @Test
    void renameToAnInvalidNameIs422AndChangesNothing() {
        JsonNode tag = create(ApiApp.unique("valid"));
        assertFields(assertProblem(HTTP.patch("/api/tags/" + tag.get("id").asLong(), fields("name", "!nope")).as(admin).send(), 422),
                "name");
        assertThat(HTTP.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
    }

    @Test
    void renameWithAnUnknownFieldIs422NamingIt() {
        JsonNode tag = create(ApiApp.unique("valid"));
        assertFields(assertProblem(HTTP.patch("/api/tags/" + tag.get("id").asLong(),
                fields("name", ApiApp.unique("x"), "id", 1)).as(admin).send(), 422), "id");
        assertThat(HTTP.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
    }

    @Test
    void renameOfAnUnknownIdIs404() {
        assertProblem(HTTP.patch("/api/tags/999999999", fields("name", ApiApp.unique("ghost"))).as(admin).send(), 404);
    }

    // --- DELETE /api/tags/{id}

    @Test
    void deleteByAnAdminIs204AndTheTagIsGone() {
        JsonNode tag = create(ApiApp.unique("doomed"));
        try (Response r = HTTP.delete("/api/tags/" + tag.get("id").asLong()).as(admin).send()) {
            assertThat(r.getStatus()).isEqualTo(204);
        }
        assertProblem(HTTP.get("/api/tags/" + tag.get("id").asLong()).send(), 404);
    }

    @Test
    void deletingATagRemovesItFromItsPostsAndKeepsTheirOtherTags() {
        JsonNode doomed = create(ApiApp.unique("doomed"));
        String kept = ApiApp.unique("kept");
        JsonNode post = HTTP.post("/api/posts", fields("title", "tagged", "content", "c", "published", true,
                "tags", List.of(doomed.get("name").asText(), kept))).as(user).expect(201);
        assertThat(post.get("tags")).hasSize(2);

        try (Response r = HTTP.delete("/api/tags/" + doomed.get("id").asLong()).as(admin).send()) {
            assertThat(r.getStatus()).isEqualTo(204);
        }

        assertThat(tagsOfPost(post.get("id").asLong())).containsExactly(kept);
        assertThat(HTTP.get("/api/posts?tag=" + JsonHttp.enc(doomed.get("name").asText())).expect(200).get("total").asLong()).isZero();
    }

    @Test
    void deleteByANormalUserIs403AndKeepsTheTag() {
        JsonNode tag = create(ApiApp.unique("kept"));
        assertProblem(HTTP.delete("/api/tags/" + tag.get("id").asLong()).as(user).send(), 403);
        assertThat(HTTP.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
    }

    @Test
    void deleteAnonymouslyIs401() {
        JsonNode tag = create(ApiApp.unique("kept"));
        assertProblem(HTTP.delete("/api/tags/" + tag.get("id").asLong()).send(), 401);
        assertThat(HTTP.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
    }

    @Test
    void deleteOfAnUnknownIdIs404() {
        assertProblem(HTTP.delete("/api/tags/999999999").as(admin).send(), 404);
    }

    // --- races

    @Test
    void twoConcurrentCreatesOfTheSameNameGiveOne201AndOne409() throws Exception {
        for (int round = 0; round < 10; round++) {
            String name = ApiApp.unique("race");
            List<Response> answers = JsonHttp.together(List.<Callable<Response>>of(
                    () -> HTTP.post("/api/tags", fields("name", name)).as(user).send(),
                    () -> HTTP.post("/api/tags", fields("name", name.toUpperCase())).as(admin).send()));

            assertThat(answers.stream().map(Response::getStatus).sorted().toList()).as("round %d: %s", round, name)
                    .containsExactly(201, 409);
            assertFields(assertProblem(answers.stream().filter(r -> r.getStatus() == 409).findFirst().orElseThrow(), 409), "name");
            assertThat(countNamed(name)).isEqualTo(1);
        }
    }
}
