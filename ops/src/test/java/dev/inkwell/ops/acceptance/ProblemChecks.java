package dev.inkwell.ops.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Client mistakes answered as RFC 9457 problems with the status DESIGN.md section 3 names, never a 500. */
abstract class ProblemChecks extends Checks {

    @Test
    void malformedJsonIs400() {
        problem(send("POST", "posts", accounts.writer, "{\"title\": \"cut off"), 400);
        problem(send("POST", "categories", accounts.writer, "[1, 2"), 400);
    }

    @Test
    void somethingThatIsNotThereIs404() {
        for (String path : new String[] {"posts/", "users/", "categories/", "tags/"}) {
            problem(send("GET", path + Long.MAX_VALUE, accounts.writer, null), 404);
        }
        problem(send("GET", "no-such-collection-" + accounts.run, null, null), 404);
    }

    @Test
    void aDuplicateIs409() {
        String name = unique("Twice");
        create("categories", accounts.writer, Map.of("name", name));
        JsonNode conflict = problem(send("POST", "categories", accounts.reader, Map.of("name", name)), 409);
        assertThat(conflict.get("type").asText()).isNotBlank();
        problem(send("PATCH", "users/" + accounts.writer.id(), accounts.writer, Map.of("username", accounts.reader.username())), 409);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String huge = "{\"title\": \"big\", \"content\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}";
        // A connection of its own: the server may close it after refusing the body.
        problem(deployment.request("POST", "posts", huge).bearer(accounts.writer.token()).ownConnection()
                .timeout(Duration.ofSeconds(60)).send(), 413);
    }

    @Test
    void invalidInputAndUnknownFieldsAre422NamingTheField() {
        JsonNode invalid = problem(send("POST", "posts", accounts.writer, Map.of("title", "", "content", "x")), 422);
        assertThat(invalid.get("errors")).anySatisfy(e -> assertThat(e.get("field").asText()).isEqualTo("title"));
        JsonNode unknown = problem(send("POST", "posts", accounts.writer, Map.of("title", "t", "content", "x", "colour", "red")), 422);
        assertThat(unknown.get("errors")).anySatisfy(e -> assertThat(e.get("field").asText()).isEqualTo("colour"));
        JsonNode category = problem(send("POST", "posts", accounts.writer,
                Map.of("title", "t", "content", "x", "category_id", Long.MAX_VALUE)), 422);
        assertThat(category.get("errors")).anySatisfy(e -> assertThat(e.get("field").asText()).isEqualTo("category_id"));
        problem(send("POST", "tags", accounts.writer, Map.of("name", "no/slashes " + accounts.run)), 422);
        problem(send("PUT", "users/" + accounts.writer.id() + "/profile", accounts.writer, Map.of("website", "not a url")), 422);
    }
}
