package dev.inkwell.api.tag;

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
import static dev.inkwell.api.ProblemAssert.assertFields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PATCH /api/tags/{id} end to end: only admins rename a tag, and its posts show the new name; the
 * same name in another case is allowed, and the name it has already invalidates no cached post; the
 * name of another tag regardless of case is 409, an invalid name or an unknown field 422, an unknown
 * id 404, and a refused rename changes nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TagEditApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final TagFixture TAGS = new TagFixture(API);

    @Test
    void renameByAnAdminChangesTheNameEverywhere() {
        JsonNode tag = TAGS.create(ApiApp.unique("old"));
        JsonNode post = TAGS.http.post("/api/posts", fields("title", "t", "content", "c", "published", true,
                "tags", List.of(tag.get("name").asText()))).as(TAGS.user()).expect(201);
        String name = ApiApp.unique("New");

        JsonNode renamed = TAGS.http.patch("/api/tags/" + tag.get("id").asLong(), fields("name", name)).as(TAGS.admin()).expect(200);

        assertThat(renamed.get("id").asLong()).isEqualTo(tag.get("id").asLong());
        assertThat(renamed.get("name").asText()).isEqualTo(name);
        assertThat(TAGS.http.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(renamed);
        assertThat(TAGS.tagsOfPost(post.get("id").asLong())).containsExactly(name);
    }

    @Test
    void renameToTheSameNameInAnotherCaseIsAllowed() {
        JsonNode tag = TAGS.create(ApiApp.unique("shout"));
        String upper = tag.get("name").asText().toUpperCase();
        assertThat(TAGS.http.patch("/api/tags/" + tag.get("id").asLong(), fields("name", upper)).as(TAGS.admin()).expect(200)
                .get("name").asText()).isEqualTo(upper);
    }

    @Test
    void renameToTheNameItHasInvalidatesNoCachedPost() {
        JsonNode tag = TAGS.create(ApiApp.unique("same"));
        long post = TAGS.http.post("/api/posts", fields("title", "t", "content", "c", "published", true,
                "tags", List.of(tag.get("name").asText()))).as(TAGS.user()).expect(201).get("id").asLong();
        TAGS.http.get("/api/posts/" + post).expect(200);
        long invalidations = TAGS.http.get("/api/admin/cache").as(TAGS.admin()).expect(200).get("invalidations").asLong();
        assertThat(TAGS.http.patch("/api/tags/" + tag.get("id").asLong(), fields("name", tag.get("name").asText()))
                .as(TAGS.admin()).expect(200))
                .isEqualTo(tag);
        assertThat(TAGS.http.get("/api/admin/cache").as(TAGS.admin()).expect(200).get("invalidations").asLong()).isEqualTo(invalidations);
    }

    @Test
    void renameByANormalUserIs403AndChangesNothing() {
        JsonNode tag = TAGS.create(ApiApp.unique("mine"));
        assertProblem(TAGS.http.patch("/api/tags/" + tag.get("id").asLong(), fields("name", ApiApp.unique("theirs")))
                .as(TAGS.user()).send(), 403);
        assertThat(TAGS.http.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
    }

    @Test
    void renameAnonymouslyIs401() {
        JsonNode tag = TAGS.create(ApiApp.unique("mine"));
        assertProblem(TAGS.http.patch("/api/tags/" + tag.get("id").asLong(), fields("name", ApiApp.unique("theirs"))).send(), 401);
        assertThat(TAGS.http.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
    }

    @Test
    void renameToTheNameOfAnotherTagIgnoringCaseIs409() {
        JsonNode taken = TAGS.create(ApiApp.unique("taken"));
        JsonNode other = TAGS.create(ApiApp.unique("other"));
        assertFields(assertProblem(TAGS.http.patch("/api/tags/" + other.get("id").asLong(),
                fields("name", taken.get("name").asText().toUpperCase())).as(TAGS.admin()).send(), 409), "name");
        assertThat(TAGS.http.get("/api/tags/" + other.get("id").asLong()).expect(200)).isEqualTo(other);
    }

    @Test
    void renameToAnInvalidNameIs422AndChangesNothing() {
        JsonNode tag = TAGS.create(ApiApp.unique("valid"));
        assertFields(assertProblem(TAGS.http.patch("/api/tags/" + tag.get("id").asLong(), fields("name", "!nope"))
                .as(TAGS.admin()).send(), 422),
                "name");
        assertThat(TAGS.http.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
    }

    @Test
    void renameWithAnUnknownFieldIs422NamingIt() {
        JsonNode tag = TAGS.create(ApiApp.unique("valid"));
        assertFields(assertProblem(TAGS.http.patch("/api/tags/" + tag.get("id").asLong(),
                fields("name", ApiApp.unique("x"), "id", 1)).as(TAGS.admin()).send(), 422), "id");
        assertThat(TAGS.http.get("/api/tags/" + tag.get("id").asLong()).expect(200)).isEqualTo(tag);
    }

    @Test
    void renameOfAnUnknownIdIs404() {
        assertProblem(TAGS.http.patch("/api/tags/999999999", fields("name", ApiApp.unique("ghost"))).as(TAGS.admin()).send(), 404);
    }
}
