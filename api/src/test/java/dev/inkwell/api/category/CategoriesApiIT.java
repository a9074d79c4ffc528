package dev.inkwell.api.category;

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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.JsonHttp.json;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** /api/categories and /api/categories/{id} end to end: the tree, who may change it, every error. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CategoriesApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    /** Identities only; every test makes its own categories. */
    static ApiApp.Session user;
    static ApiApp.Session admin;

    @BeforeAll
    static void signIn() {
        user = API.signUp("writer");
        admin = API.admin();
    }

    private static JsonNode create(String name, Long parentId) {
        return HTTP.post("/api/categories", fields("name", name, "parent_id", parentId)).as(user).expect(201);
    }

    private static JsonNode get(long id) {
        return HTTP.get("/api/categories/" + id).expect(200);
    }

    private static long countNamed(String name) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM categories WHERE lower(name) = lower(:n)")
                .bind("n", name).mapTo(Long.class).one());
    }

    private static List<Long> childIds(JsonNode category) {
        List<Long> ids = new ArrayList<>();
        category.get("children").forEach(c -> ids.add(c.get("id").asLong()));
        return ids;
    }

    // --- GET /api/categories

    @Test
    void listShowsEachCategoryWithItsChildren() {
        JsonNode parent = create(ApiApp.unique("Parent"), null);
        long parentId = parent.get("id").asLong();
        JsonNode b = create(ApiApp.unique("b-child"), parentId);
        JsonNode a = create(ApiApp.unique("a-child"), parentId);

        JsonNode listed = null;
        JsonNode page;
        int n = 1;
        do {
            page = HTTP.get("/api/categories?per_page=100&page=" + n++).expect(200);
            for (JsonNode item : page.get("items")) {
                if (item.get("id").asLong() == parentId) {
                    listed = item;
                }
            }
        } while (n <= page.get("pages").asInt());

        assertThat(listed).as("the parent on some page").isNotNull();
        assertThat(listed.get("children")).hasSize(2);
        assertThat(listed.get("children").get(0).get("id").asLong()).isEqualTo(a.get("id").asLong());
        assertThat(listed.get("children").get(0).get("name").asText()).isEqualTo(a.get("name").asText());
        assertThat(listed.get("children").get(0).get("slug").asText()).isEqualTo(a.get("slug").asText());
        assertThat(listed.get("children").get(1).get("id").asLong()).isEqualTo(b.get("id").asLong());
    }

    @Test
    void listIsPagedByPageAndPerPageInNameOrder() {
        create(ApiApp.unique("Paged"), null);
        create(ApiApp.unique("Paged"), null);
        NameOrderedPages.assertPagedOneByOneInNameOrder(API, "/api/categories", "categories");
    }

    @Test
    void listDefaultsToTwentyPerPage() {
        JsonNode page = HTTP.get("/api/categories").expect(200);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("per_page").asInt()).isEqualTo(20);
        assertThat(page.has("total")).isTrue();
        assertThat(page.get("items").isArray()).isTrue();
    }

    @Test
    void listWithPerPageOver100Is422() {
        assertFields(assertProblem(HTTP.get("/api/categories?per_page=101").send(), 422), "per_page");
    }

    @Test
    void listWithPageZeroIs422() {
        assertFields(assertProblem(HTTP.get("/api/categories?page=0").send(), 422), "page");
    }

    // --- POST /api/categories

    @Test
    void createAnswers201WithLocationAndSlugDerivedFromName() {
        String suffix = ApiApp.unique("x").toLowerCase();
        try (Response r = HTTP.post("/api/categories", fields("name", "Café Culture! " + suffix, "description", "coffee")).as(user).send()) {
            assertThat(r.getStatus()).isEqualTo(201);
            JsonNode created = json(r);
            long id = created.get("id").asLong();
            assertThat(r.getLocation().getPath()).isEqualTo("/api/categories/" + id);
            assertThat(created.get("name").asText()).isEqualTo("Café Culture! " + suffix);
            assertThat(created.get("slug").asText()).isEqualTo("cafe-culture-" + suffix);
            assertThat(created.get("description").asText()).isEqualTo("coffee");
            assertThat(created.get("parent_id").isNull()).isTrue();
            assertThat(created.get("children")).isEmpty();
            assertThat(get(id)).isEqualTo(created);
        }
    }

    @Test
    void createWithAGivenSlugKeepsIt() {
        String slug = ApiApp.unique("my-own-slug").toLowerCase();
        JsonNode created = HTTP.post("/api/categories", fields("name", ApiApp.unique("Named"), "slug", slug)).as(user).expect(201);
        assertThat(created.get("slug").asText()).isEqualTo(slug);
    }

    @Test
    void createUnderAParentShowsUpAsItsChild() {
        JsonNode parent = create(ApiApp.unique("Parent"), null);
        JsonNode child = create(ApiApp.unique("Child"), parent.get("id").asLong());
        assertThat(child.get("parent_id").asLong()).isEqualTo(parent.get("id").asLong());
        JsonNode reread = get(parent.get("id").asLong());
        assertThat(reread.get("children")).hasSize(1);
        assertThat(reread.get("children").get(0).get("id").asLong()).isEqualTo(child.get("id").asLong());
        assertThat(reread.get("children").get(0).get("name").asText()).isEqualTo(child.get("name").asText());
        assertThat(reread.get("children").get(0).get("slug").asText()).isEqualTo(child.get("slug").asText());
    }

    @Test
    void createAnonymouslyIs401AndCreatesNothing() {
        String name = ApiApp.unique("Anon");
        Response r = HTTP.post("/api/categories", fields("name", name)).send();
        assertThat(r.getHeaderString("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(r, 401);
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void createWithANameDifferingOnlyInCaseIs409OnName() {
        String name = ApiApp.unique("Travel");
        create(name, null);
        Map<String, Object> problem = assertProblem(HTTP.post("/api/categories",
                fields("name", name.toUpperCase(), "slug", ApiApp.unique("other").toLowerCase())).as(user).send(), 409);
        assertFields(problem, "name");
        assertThat(countNamed(name)).isEqualTo(1);
    }

    @Test
    void createWithATakenSlugIs409OnSlug() {
        JsonNode first = create(ApiApp.unique("Sluggy"), null);
        String other = ApiApp.unique("Different");
        assertFields(assertProblem(HTTP.post("/api/categories",
                fields("name", other, "slug", first.get("slug").asText())).as(user).send(), 409), "slug");
        assertThat(countNamed(other)).isZero();
    }

    @Test
    void createWithANameThatDerivesTheSameSlugIs409OnSlug() {
        String suffix = ApiApp.unique("s").toLowerCase();
        create("Rock & Roll " + suffix, null);
        assertFields(assertProblem(HTTP.post("/api/categories", fields("name", "rock roll " + suffix)).as(user).send(), 409), "slug");
    }

    @Test
    void createWithABadSlugIs422OnSlug() {
        String name = ApiApp.unique("BadSlug");
        assertFields(assertProblem(HTTP.post("/api/categories", fields("name", name, "slug", "Not A Slug")).as(user).send(), 422), "slug");
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void createUnderAnUnknownParentIs422OnParentId() {
        String name = ApiApp.unique("Orphan");
        assertFields(assertProblem(HTTP.post("/api/categories", fields("name", name, "parent_id", 999_999_999)).as(user).send(), 422),
                "parent_id");
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void createWithAnUnknownFieldIs422NamingItAndCreatesNothing() {
        String name = ApiApp.unique("Extra");
        assertFields(assertProblem(HTTP.post("/api/categories", fields("name", name, "owner_id", 1)).as(user).send(), 422), "owner_id");
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void createWithoutANameIs422OnName() {
        assertFields(assertProblem(HTTP.post("/api/categories", fields("description", "no name")).as(user).send(), 422), "name");
    }

    @Test
    void createWithANameOver100CharactersIs422OnName() {
        assertFields(assertProblem(HTTP.post("/api/categories", fields("name", "n".repeat(101))).as(user).send(), 422), "name");
        assertThat(countNamed("n".repeat(101))).isZero();
    }

    // --- GET /api/categories/{id}

    @Test
    void getShowsTheCategoryWithItsChildren() {
        JsonNode parent = create(ApiApp.unique("Root"), null);
        JsonNode c1 = create(ApiApp.unique("c1"), parent.get("id").asLong());
        JsonNode c2 = create(ApiApp.unique("c2"), parent.get("id").asLong());
        JsonNode got = get(parent.get("id").asLong());
        assertThat(got.get("name").asText()).isEqualTo(parent.get("name").asText());
        assertThat(got.get("slug").asText()).isEqualTo(parent.get("slug").asText());
        assertThat(childIds(got)).containsExactly(c1.get("id").asLong(), c2.get("id").asLong());
    }

    @Test
    void getOfAnUnknownIdIs404() {
        assertProblem(HTTP.get("/api/categories/999999999").send(), 404);
    }

    // --- PATCH /api/categories/{id}

    @Test
    void patchByAnAdminChangesTheGivenFieldsOnly() {
        JsonNode parent = create(ApiApp.unique("Keep"), null);
        JsonNode category = create(ApiApp.unique("Old"), parent.get("id").asLong());
        String name = ApiApp.unique("New");
        String slug = ApiApp.unique("new-slug").toLowerCase();
        JsonNode updated = HTTP.patch("/api/categories/" + category.get("id").asLong(),
                fields("name", name, "slug", slug, "description", "fresh")).as(admin).expect(200);
        assertThat(updated.get("name").asText()).isEqualTo(name);
        assertThat(updated.get("slug").asText()).isEqualTo(slug);
        assertThat(updated.get("description").asText()).isEqualTo("fresh");
        assertThat(updated.get("parent_id").asLong()).isEqualTo(parent.get("id").asLong());
        assertThat(get(category.get("id").asLong())).isEqualTo(updated);
    }

    @Test
    void patchWithDescriptionNullClearsIt() {
        JsonNode category = HTTP.post("/api/categories", fields("name", ApiApp.unique("Described"), "description", "soon gone"))
                .as(user).expect(201);
        JsonNode cleared = HTTP.patch("/api/categories/" + category.get("id").asLong(), fields("description", null)).as(admin).expect(200);
        assertThat(cleared.get("description").isNull()).isTrue();
        assertThat(get(category.get("id").asLong()).get("description").isNull()).isTrue();
    }

    @Test
    void patchWithNameOrSlugNullIs422NamingItAndChangesNothing() {
        JsonNode category = create(ApiApp.unique("Named"), null);
        long id = category.get("id").asLong();
        for (String field : List.of("name", "slug")) {
            assertFields(assertProblem(HTTP.patch("/api/categories/" + id, fields(field, null)).as(admin).send(), 422), field);
        }
        assertThat(get(id)).isEqualTo(category);
    }

    @Test
    void patchThatChangesNothingKeepsUpdatedAtAndTheCachedPosts() {
        JsonNode category = create(ApiApp.unique("Steady"), null);
        long id = category.get("id").asLong();
        long post = HTTP.post("/api/posts", fields("title", "t", "content", "c", "published", true, "category_id", id))
                .as(user).expect(201).get("id").asLong();
        HTTP.get("/api/posts/" + post).expect(200);
        String updatedAt = updatedAt(id);
        long invalidations = HTTP.get("/api/admin/cache").as(admin).expect(200).get("invalidations").asLong();
        JsonNode same = HTTP.patch("/api/categories/" + id, fields("name", category.get("name").asText(),
                "slug", category.get("slug").asText(), "description", null, "parent_id", null)).as(admin).expect(200);
        assertThat(same).isEqualTo(category);
        assertThat(updatedAt(id)).isEqualTo(updatedAt);
        assertThat(HTTP.get("/api/admin/cache").as(admin).expect(200).get("invalidations").asLong()).isEqualTo(invalidations);
    }

    private static String updatedAt(long id) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT updated_at::text FROM categories WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    @Test
    void patchByANormalUserIs403AndChangesNothing() {
        JsonNode category = create(ApiApp.unique("Mine"), null);
        long id = category.get("id").asLong();
        assertProblem(HTTP.patch("/api/categories/" + id, fields("name", ApiApp.unique("Hijack"))).as(user).send(), 403);
        assertThat(get(id)).isEqualTo(category);
    }

    @Test
    void patchAnonymouslyIs401AndChangesNothing() {
        JsonNode category = create(ApiApp.unique("Anon"), null);
        long id = category.get("id").asLong();
        assertProblem(HTTP.patch("/api/categories/" + id, fields("name", ApiApp.unique("Hijack"))).send(), 401);
        assertThat(get(id)).isEqualTo(category);
    }

    @Test
    void patchWithParentIdNullMovesTheCategoryToTheRoot() {
        JsonNode parent = create(ApiApp.unique("Parent"), null);
        JsonNode child = create(ApiApp.unique("Child"), parent.get("id").asLong());
        JsonNode moved = HTTP.patch("/api/categories/" + child.get("id").asLong(), fields("parent_id", null)).as(admin).expect(200);
        assertThat(moved.get("parent_id").isNull()).isTrue();
        assertThat(get(parent.get("id").asLong()).get("children")).isEmpty();
    }

    @Test
    void patchWithoutParentIdKeepsTheParent() {
        JsonNode parent = create(ApiApp.unique("Parent"), null);
        JsonNode child = create(ApiApp.unique("Child"), parent.get("id").asLong());
        JsonNode renamed = HTTP.patch("/api/categories/" + child.get("id").asLong(),
                fields("description", "only the description")).as(admin).expect(200);
        assertThat(renamed.get("parent_id").asLong()).isEqualTo(parent.get("id").asLong());
        assertThat(childIds(get(parent.get("id").asLong()))).containsExactly(child.get("id").asLong());
    }

    @Test
    void patchWithParentIdMovesTheCategoryUnderAnotherParent() {
        JsonNode from = create(ApiApp.unique("From"), null);
        JsonNode to = create(ApiApp.unique("To"), null);
        JsonNode child = create(ApiApp.unique("Child"), from.get("id").asLong());
        JsonNode moved = HTTP.patch("/api/categories/" + child.get("id").asLong(),
                fields("parent_id", to.get("id").asLong())).as(admin).expect(200);
        assertThat(moved.get("parent_id").asLong()).isEqualTo(to.get("id").asLong());
        assertThat(get(from.get("id").asLong()).get("children")).isEmpty();
        assertThat(childIds(get(to.get("id").asLong()))).containsExactly(child.get("id").asLong());
    }

    @Test
    void patchMovingACategoryUnderItsOwnDescendantIs422OnParentIdAndChangesNothing() {
        JsonNode a = create(ApiApp.unique("A"), null);
        JsonNode b = create(ApiApp.unique("B"), a.get("id").asLong());
        JsonNode c = create(ApiApp.unique("C"), b.get("id").asLong());
        assertFields(assertProblem(HTTP.patch("/api/categories/" + a.get("id").asLong(),
                fields("parent_id", c.get("id").asLong())).as(admin).send(), 422), "parent_id");
        assertThat(get(a.get("id").asLong()).get("parent_id").isNull()).isTrue();
    }

    @Test
    void patchMakingACategoryItsOwnParentIs422OnParentId() {
        JsonNode a = create(ApiApp.unique("Self"), null);
        long id = a.get("id").asLong();
        assertFields(assertProblem(HTTP.patch("/api/categories/" + id, fields("parent_id", id)).as(admin).send(), 422), "parent_id");
        assertThat(get(id).get("parent_id").isNull()).isTrue();
    }

    @Test
    void patchUnderAnUnknownParentIs422OnParentId() {
        JsonNode a = create(ApiApp.unique("Lost"), null);
        assertFields(assertProblem(HTTP.patch("/api/categories/" + a.get("id").asLong(),
                fields("parent_id", 999_999_999)).as(admin).send(), 422), "parent_id");
        assertThat(get(a.get("id").asLong())).isEqualTo(a);
    }

    @Test
    void patchToTheNameOfAnotherCategoryIs409OnName() {
        JsonNode taken = create(ApiApp.unique("Taken"), null);
        JsonNode other = create(ApiApp.unique("Other"), null);
        assertFields(assertProblem(HTTP.patch("/api/categories/" + other.get("id").asLong(),
                fields("name", taken.get("name").asText().toLowerCase())).as(admin).send(), 409), "name");
        assertThat(get(other.get("id").asLong())).isEqualTo(other);
    }

    @Test
    void patchWithABadSlugIs422OnSlug() {
        JsonNode a = create(ApiApp.unique("Slugged"), null);
        assertFields(assertProblem(HTTP.patch("/api/categories/" + a.get("id").asLong(),
                fields("slug", "-bad--slug-")).as(admin).send(), 422), "slug");
        assertThat(get(a.get("id").asLong())).isEqualTo(a);
    }

    @Test
    void patchWithAnUnknownFieldIs422NamingIt() {
        JsonNode a = create(ApiApp.unique("Strict"), null);
        assertFields(assertProblem(HTTP.patch("/api/categories/" + a.get("id").asLong(),
                fields("colour", "red")).as(admin).send(), 422), "colour");
    }

    @Test
    void patchOfAnUnknownIdIs404() {
        assertProblem(HTTP.patch("/api/categories/999999999", fields("description", "x")).as(admin).send(), 404);
    }

    // --- DELETE /api/categories/{id}

    @Test
    void deleteByAnAdminIs204AndTheCategoryIsGone() {
        JsonNode a = create(ApiApp.unique("Doomed"), null);
        long id = a.get("id").asLong();
        try (Response r = HTTP.delete("/api/categories/" + id).as(admin).send()) {
            assertThat(r.getStatus()).isEqualTo(204);
        }
        assertProblem(HTTP.get("/api/categories/" + id).send(), 404);
    }

    @Test
    void deleteByANormalUserIs403AndKeepsTheCategory() {
        JsonNode a = create(ApiApp.unique("Kept"), null);
        assertProblem(HTTP.delete("/api/categories/" + a.get("id").asLong()).as(user).send(), 403);
        assertThat(get(a.get("id").asLong())).isEqualTo(a);
    }

    @Test
    void deleteAnonymouslyIs401() {
        JsonNode a = create(ApiApp.unique("Kept"), null);
        assertProblem(HTTP.delete("/api/categories/" + a.get("id").asLong()).send(), 401);
        assertThat(get(a.get("id").asLong())).isEqualTo(a);
    }

    @Test
    void deleteOfACategoryWithChildrenIs409AndKeepsBoth() {
        JsonNode parent = create(ApiApp.unique("Busy"), null);
        JsonNode child = create(ApiApp.unique("Kid"), parent.get("id").asLong());
        assertProblem(HTTP.delete("/api/categories/" + parent.get("id").asLong()).as(admin).send(), 409);
        assertThat(childIds(get(parent.get("id").asLong()))).containsExactly(child.get("id").asLong());
    }

    @Test
    void deleteOfAnUnknownIdIs404() {
        assertProblem(HTTP.delete("/api/categories/999999999").as(admin).send(), 404);
    }

    @Test
    void deletingACategoryLeavesItsPostsUncategorized() {
        JsonNode category = create(ApiApp.unique("Vanishing"), null);
        long categoryId = category.get("id").asLong();
        JsonNode post = HTTP.post("/api/posts", fields("title", "kept", "content", "body", "published", true,
                "category_id", categoryId)).as(user).expect(201);
        assertThat(post.get("category").get("id").asLong()).isEqualTo(categoryId);

        try (Response r = HTTP.delete("/api/categories/" + categoryId).as(admin).send()) {
            assertThat(r.getStatus()).isEqualTo(204);
        }

        JsonNode after = HTTP.get("/api/posts/" + post.get("id").asLong()).expect(200);
        assertThat(after.get("category").isNull()).isTrue();
        assertThat(after.get("title").asText()).isEqualTo("kept");
    }

    // --- races

    @Test
    void twoConcurrentCreatesOfTheSameNameGiveOne201AndOne409() throws Exception {
        for (int round = 0; round < 10; round++) {
            String name = ApiApp.unique("Race");
            Callable<Response> create = () -> HTTP.post("/api/categories", fields("name", name)).as(user).send();
            List<Response> answers = JsonHttp.together(List.of(create, create));

            List<Integer> statuses = answers.stream().map(Response::getStatus).sorted().toList();
            assertThat(statuses).as("round %d: %s", round, name).containsExactly(201, 409);
            Response conflict = answers.stream().filter(r -> r.getStatus() == 409).findFirst().orElseThrow();
            assertProblem(conflict, 409);
            assertThat(countNamed(name)).isEqualTo(1);
        }
    }

    @Test
    void twoConcurrentCreatesOfNamesDifferingInCaseGiveOne201AndOne409() throws Exception {
        for (int round = 0; round < 10; round++) {
            String name = ApiApp.unique("Case");
            List<Response> answers = JsonHttp.together(List.<Callable<Response>>of(
                    () -> HTTP.post("/api/categories", fields("name", name.toLowerCase(), "slug", "l-" + name.toLowerCase())).as(user).send(),
                    () -> HTTP.post("/api/categories", fields("name", name.toUpperCase(), "slug", "u-" + name.toLowerCase())).as(user).send()));
            assertThat(answers.stream().map(Response::getStatus).sorted().toList()).as("round %d", round).containsExactly(201, 409);
            assertThat(countNamed(name)).isEqualTo(1);
        }
    }
}
