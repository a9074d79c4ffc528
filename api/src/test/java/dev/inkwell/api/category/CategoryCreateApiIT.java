package dev.inkwell.api.category;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.JsonHttp.json;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/categories end to end: any signed-in user creates, the slug is derived from the name
 * or given, a category may have a parent, names and slugs are unique regardless of case (also when
 * two creates race), and every refusal.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CategoryCreateApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final CategoryFixture CATEGORIES = new CategoryFixture(API);

    @Test
    void createAnswers201WithLocationAndSlugDerivedFromName() {
        String suffix = ApiApp.unique("x").toLowerCase();
        try (Response r = CATEGORIES.http.post("/api/categories", fields("name", "Café Culture! " + suffix, "description", "coffee"))
                .as(CATEGORIES.user()).send()) {
            assertThat(r.getStatus()).isEqualTo(201);
            JsonNode created = json(r);
            long id = created.get("id").asLong();
            assertThat(r.getLocation().getPath()).isEqualTo("/api/categories/" + id);
            assertThat(created.get("name").asText()).isEqualTo("Café Culture! " + suffix);
            assertThat(created.get("slug").asText()).isEqualTo("cafe-culture-" + suffix);
            assertThat(created.get("description").asText()).isEqualTo("coffee");
            assertThat(created.get("parent_id").isNull()).isTrue();
            assertThat(created.get("children")).isEmpty();
            assertThat(CATEGORIES.get(id)).isEqualTo(created);
        }
    }

    @Test
    void createWithAGivenSlugKeepsIt() {
        String slug = ApiApp.unique("my-own-slug").toLowerCase();
        JsonNode created = CATEGORIES.http.post("/api/categories", fields("name", ApiApp.unique("Named"), "slug", slug))
                .as(CATEGORIES.user()).expect(201);
        assertThat(created.get("slug").asText()).isEqualTo(slug);
    }

    @Test
    void createUnderAParentShowsUpAsItsChild() {
        JsonNode parent = CATEGORIES.create(ApiApp.unique("Parent"), null);
        JsonNode child = CATEGORIES.create(ApiApp.unique("Child"), parent.get("id").asLong());
        assertThat(child.get("parent_id").asLong()).isEqualTo(parent.get("id").asLong());
        JsonNode reread = CATEGORIES.get(parent.get("id").asLong());
        assertThat(reread.get("children")).hasSize(1);
        assertThat(reread.get("children").get(0).get("id").asLong()).isEqualTo(child.get("id").asLong());
        assertThat(reread.get("children").get(0).get("name").asText()).isEqualTo(child.get("name").asText());
        assertThat(reread.get("children").get(0).get("slug").asText()).isEqualTo(child.get("slug").asText());
    }

    /** How many categories are named {@code name} regardless of case: a refused create leaves it as it was. */
    private static long countNamed(String name) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM categories WHERE lower(name) = lower(:n)")
                .bind("n", name).mapTo(Long.class).one());
    }

    @Test
    void createAnonymouslyIs401AndCreatesNothing() {
        String name = ApiApp.unique("Anon");
        Response r = CATEGORIES.http.post("/api/categories", fields("name", name)).send();
        assertThat(r.getHeaderString("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(r, 401);
        assertThat(countNamed(name)).isZero();
    }

    // --- unique names and slugs

    @Test
    void createWithANameDifferingOnlyInCaseIs409OnName() {
        String name = ApiApp.unique("Travel");
        CATEGORIES.create(name, null);
        Map<String, Object> problem = assertProblem(CATEGORIES.http.post("/api/categories",
                fields("name", name.toUpperCase(), "slug", ApiApp.unique("other").toLowerCase())).as(CATEGORIES.user()).send(), 409);
        assertFields(problem, "name");
        assertThat(countNamed(name)).isEqualTo(1);
    }

    @Test
    void createWithATakenSlugIs409OnSlug() {
        JsonNode first = CATEGORIES.create(ApiApp.unique("Sluggy"), null);
        String other = ApiApp.unique("Different");
        assertFields(assertProblem(CATEGORIES.http.post("/api/categories",
                fields("name", other, "slug", first.get("slug").asText())).as(CATEGORIES.user()).send(), 409), "slug");
        assertThat(countNamed(other)).isZero();
    }

    @Test
    void createWithANameThatDerivesTheSameSlugIs409OnSlug() {
        String suffix = ApiApp.unique("s").toLowerCase();
        CATEGORIES.create("Rock & Roll " + suffix, null);
        assertFields(assertProblem(CATEGORIES.http.post("/api/categories", fields("name", "rock roll " + suffix))
                .as(CATEGORIES.user()).send(), 409), "slug");
        assertThat(countNamed("rock roll " + suffix)).isZero();
    }

    @Test
    void twoConcurrentCreatesOfTheSameNameGiveOne201AndOne409() throws Exception {
        // Taken before the race: the first use of the user signs it up, which would hold one side back.
        ApiApp.Session user = CATEGORIES.user();
        for (int round = 0; round < 10; round++) {
            String name = ApiApp.unique("Race");
            Callable<Response> create = () -> CATEGORIES.http.post("/api/categories", fields("name", name)).as(user).send();
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
        // Taken before the race: the first use of the user signs it up, which would hold one side back.
        ApiApp.Session user = CATEGORIES.user();
        for (int round = 0; round < 10; round++) {
            String name = ApiApp.unique("Case");
            List<Response> answers = JsonHttp.together(List.<Callable<Response>>of(
                    () -> CATEGORIES.http.post("/api/categories", fields("name", name.toLowerCase(), "slug", "l-" + name.toLowerCase()))
                            .as(user).send(),
                    () -> CATEGORIES.http.post("/api/categories", fields("name", name.toUpperCase(), "slug", "u-" + name.toLowerCase()))
                            .as(user).send()));
            assertThat(answers.stream().map(Response::getStatus).sorted().toList()).as("round %d", round).containsExactly(201, 409);
            assertThat(countNamed(name)).isEqualTo(1);
        }
    }

    // --- invalid input

    @Test
    void createWithABadSlugIs422OnSlug() {
        String name = ApiApp.unique("BadSlug");
        assertFields(assertProblem(CATEGORIES.http.post("/api/categories", fields("name", name, "slug", "Not A Slug"))
                .as(CATEGORIES.user()).send(), 422), "slug");
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void createUnderAnUnknownParentIs422OnParentId() {
        String name = ApiApp.unique("Orphan");
        assertFields(assertProblem(CATEGORIES.http.post("/api/categories",
                fields("name", name, "parent_id", 999_999_999)).as(CATEGORIES.user()).send(), 422), "parent_id");
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void createWithAnUnknownFieldIs422NamingItAndCreatesNothing() {
        String name = ApiApp.unique("Extra");
        assertFields(assertProblem(CATEGORIES.http.post("/api/categories", fields("name", name, "owner_id", 1))
                .as(CATEGORIES.user()).send(), 422), "owner_id");
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void createWithoutANameIs422OnName() {
        assertFields(assertProblem(CATEGORIES.http.post("/api/categories", fields("description", "no name"))
                .as(CATEGORIES.user()).send(), 422), "name");
    }

    @Test
    void createWithANameOver100CharactersIs422OnName() {
        assertFields(assertProblem(CATEGORIES.http.post("/api/categories", fields("name", "n".repeat(101)))
                .as(CATEGORIES.user()).send(), 422), "name");
        assertThat(countNamed("n".repeat(101))).isZero();
    }
}
