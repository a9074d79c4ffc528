package dev.inkwell.api;

import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a response is the problem+json we promise, with the right status and fields. */
public final class ProblemAssert {
    private ProblemAssert() {
    }

    /** Asserts status and problem shape; returns the problem as a map for further checks. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> assertProblem(Response response, int status) {
        try (response) {
            String body = response.readEntity(String.class);
            assertThat(response.getStatus()).as("status of %s", body).isEqualTo(status);
            assertThat(response.getMediaType().toString()).startsWith("application/problem+json");
            Map<String, Object> problem = io.dropwizard.jackson.Jackson.newObjectMapper().readValue(body, Map.class);
            assertThat(problem).containsKeys("type", "title", "status", "detail");
            assertThat(problem.get("status")).isEqualTo(status);
            assertThat(body).doesNotContainIgnoringCase("exception").doesNotContain("SQL").doesNotContain("$argon2");
            return problem;
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON", e);
        }
    }

    /** Asserts the problem names exactly these fields (in any order). */
    @SuppressWarnings("unchecked")
    public static void assertFields(Map<String, Object> problem, String... fields) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        assertThat(errors).as("errors of %s", problem).isNotNull();
        assertThat(errors).extracting(e -> e.get("field")).containsExactlyInAnyOrder((Object[]) fields);
    }
}
