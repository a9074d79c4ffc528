package dev.inkwell.ops.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestHttp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk update as a client drives it: 202 and a job to follow, which a worker runs to
 * {@code succeeded}, after which every read shows the change. One accepted request per run: the
 * deployment allows few (api.yml, "bulk"), and refused ones do not count.
 */
abstract class BulkUpdateChecks extends Checks {
    /** A worker picks a job up within seconds (its poll, 5 s, when a wake-up is missed); a small job then takes well under one. */
    private static final Duration JOB_LIMIT = Duration.ofSeconds(60);

    @Test
    void aBulkUpdateIsAcceptedRunByAWorkerAndEveryReadShowsIt() throws Exception {
        long category = create("categories", accounts.writer, Map.of("name", unique("Bulk"))).get("id").asLong();
        String tag = create("tags", accounts.writer, Map.of("name", unique("bulk"))).get("name").asText();
        List<Long> ids = List.of(draft(category), draft(category));
        for (long id : ids) {
            expect(send("GET", "posts/" + id, accounts.writer, null), 200); // cached as drafts
        }

        TestHttp.Answer accepted = send("POST", "posts/bulk-update", accounts.writer, Map.of("request_id", unique("bulk"),
                "ids", ids, "set", Map.of("published", true, "add_tags", List.of(tag))));
        String jobId = expect(accepted, 202).get("job_id").asText();
        String location = accepted.header("Location");
        assertThat(location).endsWith("/api/jobs/" + jobId);

        JsonNode job = Poll.until(JOB_LIMIT, Duration.ofMillis(200), "the bulk update's job succeeds", () -> {
            JsonNode now = expect(deployment.request("GET", location, null).bearer(accounts.writer.token()).send(), 200);
            assertThat(now.get("state").asText()).as("job %s", now).isNotEqualTo("failed");
            return now;
        }, now -> now.get("state").asText().equals("succeeded"));
        assertThat(job.get("id").asText()).isEqualTo(jobId);
        assertThat(job.get("progress").asInt()).isEqualTo(100);
        assertThat(job.get("result").get("changed").asLong()).as("job %s", job).isEqualTo(2);

        for (long id : ids) {
            JsonNode post = expect(send("GET", "posts/" + id, null, null), 200);
            assertThat(post.get("published").asBoolean()).as("post %d, read anonymously", id).isTrue();
            assertThat(post.get("tags")).extracting(JsonNode::asText).contains(tag);
        }
        JsonNode page = expect(send("GET", "posts?tag=" + tag, null, null), 200);
        assertThat(page.get("total").asLong()).isEqualTo(2);
    }

    @Test
    void aBulkUpdateOfSomeoneElsesPostsOrOfAFieldNotAllowedIsRefused() {
        long category = create("categories", accounts.writer, Map.of("name", unique("Refused"))).get("id").asLong();
        long id = draft(category);
        problem(send("POST", "posts/bulk-update", accounts.reader, Map.of("ids", List.of(id), "set", Map.of("published", true))), 403);
        JsonNode invalid = problem(send("POST", "posts/bulk-update", accounts.writer,
                Map.of("ids", List.of(id), "set", Map.of("title", "everything"))), 422);
        assertThat(invalid.get("errors").toString()).contains("title");
        problem(send("POST", "posts/bulk-update", null, Map.of("ids", List.of(id), "set", Map.of("published", true))), 401);
        problem(send("GET", "jobs/00000000-0000-0000-0000-000000000000", accounts.writer, null), 404);
        assertThat(expect(send("GET", "posts/" + id, accounts.writer, null), 200).get("published").asBoolean()).isFalse();
    }

    private long draft(long category) {
        return create("posts", accounts.writer, Map.of("title", unique("Draft"), "content", "to be published",
                "category_id", category, "published", false)).get("id").asLong();
    }
}
