package dev.inkwell.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk update starts when the api enqueues it, not at the worker's next poll of the job
 * storage: the worker here polls every 10 minutes, so each update finishing within a minute
 * was woken by the api's notification.
 */
@Tag("slow") // runs the jar or the api and worker together: own failsafe execution (root pom)
class JobWakeUpIT {
    private static ApiAndWorker stack;
    private static TestDatabase db;
    private static ApiUnderTest api;

    @BeforeAll
    static void start() throws Exception {
        stack = ApiAndWorker.start("wake", List.of(), List.of(ConfigOverride.config("jobs.pollInterval", "10 minutes")));
        db = stack.db;
        api = stack.api;
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void bulkUpdatesStartWithoutWaitingForThePoll() throws Exception {
        String token = api.adminToken("wakeadmin");
        long target = PostFixture.draftsInTwoCategories(db, "wakeadmin", 50, 5);

        // The first may still meet the job server's first look at the storage; the second comes
        // after the first succeeded, when only a wake-up (or a poll 10 minutes later) starts it.
        for (boolean published : List.of(true, false)) {
            String job = api.expect(api.send("POST", "/api/posts/bulk-update", token, Map.of(
                    "request_id", "wake-" + published, "filter", Map.of("category_id", target),
                    "set", Map.of("published", published))), 202).get("job_id").asText();
            JsonNode status = Poll.until(Duration.ofMinutes(1), Duration.ofMillis(100),
                    "the bulk update started and finished well before the next poll", () -> api.job(job, token),
                    s -> s.get("state").asText().equals("succeeded"));
            assertThat(status.get("result").get("changed").asLong()).isEqualTo(50);
        }
    }
}
