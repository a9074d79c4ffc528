package dev.inkwell.api.comment;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * New comments are limited per account (from any address) and per client address (whatever the
 * account): here 2 per account and 5 per address at once, refilled at one a minute, so nothing
 * refills during the test. One test only: every request of it comes from the one test address.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CommentRateLimitIT {
    static final ApiApp API = new ApiApp(
            ConfigOverride.config("rateLimits.comments.perMinute", "1"),
            ConfigOverride.config("rateLimits.comments.burst", "5"),
            ConfigOverride.config("rateLimits.commentsPerAccount.perMinute", "1"),
            ConfigOverride.config("rateLimits.commentsPerAccount.burst", "2"));
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    @Test
    void anAccountAndThenAnAddressOverItsLimitGet429WithRetryAfterAndWriteNothing() {
        ApiApp.Session writer = API.signUp("writer");
        ApiApp.Session chatty = API.signUp("chatty");
        ApiApp.Session second = API.signUp("second");
        ApiApp.Session third = API.signUp("third");
        long post = HTTP.post("/api/posts", fields("title", "t", "content", "c", "published", true)).as(writer).expect(201)
                .get("id").asLong();
        String comments = "/api/posts/" + post + "/comments";

        HTTP.post(comments, fields("body", "1")).as(chatty).expect(201);
        HTTP.post(comments, fields("body", "2")).as(chatty).expect(201);
        try (Response refused = HTTP.post(comments, fields("body", "3")).as(chatty).send()) {
            assertThat(refused.getHeaderString("Retry-After")).isNotNull();
            Map<String, Object> problem = assertProblem(refused, 429);
            assertThat((String) problem.get("detail")).contains("this account");
        }
        // Another account from the same address still may: the limit was the account's.
        HTTP.post(comments, fields("body", "4")).as(second).expect(201);
        HTTP.post(comments, fields("body", "5")).as(second).expect(201);
        // The address has made five requests now: a fresh account from it is refused too.
        Map<String, Object> problem = assertProblem(HTTP.post(comments, fields("body", "6")).as(third).send(), 429);
        assertThat((String) problem.get("detail")).doesNotContain("account");
        long written = API.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM comments").mapTo(Long.class).one());
        assertThat(written).isEqualTo(4);
    }
}
