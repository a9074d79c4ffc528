package dev.inkwell.api.tag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.Callable;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.JsonHttp.json;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/tags end to end: any signed-in user creates a tag, its name trimmed and its inner
 * whitespace collapsed, the special characters of tag names kept; names unique regardless of case,
 * also when two creates race; anonymous callers, invalid names and unknown fields refused, creating
 * nothing. Renames: {@link TagEditApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TagCreateApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final TagFixture TAGS = new TagFixture(API);

    private static long countNamed(String name) {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tags WHERE lower(name) = lower(:n)")
                .bind("n", name).mapTo(Long.class).one());
    }

    private static long tagCount() {
        return API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tags").mapTo(Long.class).one());
    }

    @Test
    void createAnswers201WithLocationAndTheTag() {
        String name = ApiApp.unique("Java");
        try (Response r = TAGS.http.post("/api/tags", fields("name", name)).as(TAGS.user()).send()) {
            assertThat(r.getStatus()).isEqualTo(201);
            JsonNode tag = json(r);
            assertThat(tag.get("name").asText()).isEqualTo(name);
            assertThat(r.getLocation().getPath()).isEqualTo("/api/tags/" + tag.get("id").asLong());
            assertThat(TAGS.http.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
        }
    }

    @Test
    void createTrimsTheNameAndCollapsesInnerWhitespace() {
        String suffix = ApiApp.unique("ml");
        JsonNode tag = TAGS.create("  machine \t  learning " + suffix + "  ");
        assertThat(tag.get("name").asText()).isEqualTo("machine learning " + suffix);
    }

    @Test
    void createAnonymouslyIs401AndCreatesNothing() {
        String name = ApiApp.unique("anon");
        assertProblem(TAGS.http.post("/api/tags", fields("name", name)).send(), 401);
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void createOfANameDifferingOnlyInCaseIs409AndKeepsTheFirstSpelling() {
        String name = ApiApp.unique("Kotlin");
        TAGS.create(name);
        assertFields(assertProblem(TAGS.http.post("/api/tags", fields("name", name.toUpperCase())).as(TAGS.user()).send(), 409), "name");
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
        assertFields(assertProblem(TAGS.http.post("/api/tags", fields("name", name)).as(TAGS.user()).send(), 422), "name");
        assertThat(tagCount()).isEqualTo(before);
    }

    @Test
    void createWithoutANameIs422OnName() {
        assertFields(assertProblem(TAGS.http.post("/api/tags", "{}").as(TAGS.user()).send(), 422), "name");
    }

    @Test
    void createWithAnUnknownFieldIs422NamingIt() {
        String name = ApiApp.unique("extra");
        assertFields(assertProblem(TAGS.http.post("/api/tags", fields("name", name, "colour", "red")).as(TAGS.user()).send(), 422),
                "colour");
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void createAcceptsTheSpecialCharactersOfTagNames() {
        String name = ApiApp.unique("c++") + " c# .net_x";
        assertThat(TAGS.create(name).get("name").asText()).isEqualTo(name);
    }

    @Test
    void twoConcurrentCreatesOfTheSameNameGiveOne201AndOne409() throws Exception {
        for (int round = 0; round < 10; round++) {
            String name = ApiApp.unique("race");
            List<Response> answers = JsonHttp.together(List.<Callable<Response>>of(
                    () -> TAGS.http.post("/api/tags", fields("name", name)).as(TAGS.user()).send(),
                    () -> TAGS.http.post("/api/tags", fields("name", name.toUpperCase())).as(TAGS.admin()).send()));

            assertThat(answers.stream().map(Response::getStatus).sorted().toList()).as("round %d: %s", round, name)
                    .containsExactly(201, 409);
            assertFields(assertProblem(answers.stream().filter(r -> r.getStatus() == 409).findFirst().orElseThrow(), 409), "name");
            assertThat(countNamed(name)).isEqualTo(1);
        }
    }
}
