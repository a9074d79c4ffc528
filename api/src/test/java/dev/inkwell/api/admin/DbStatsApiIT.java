package dev.inkwell.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.InkwellApiApplication;
import dev.inkwell.api.JsonHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/admin/db-stats}: numbers that follow what happens in the database and the pools. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DbStatsApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    private static long rowsOf(JsonNode stats, String table) {
        for (JsonNode t : stats.get("tables")) {
            if (t.get("name").asText().equals(table)) {
                assertThat(t.get("exact").asBoolean()).as("a small table is counted exactly").isTrue();
                return t.get("rows").asLong();
            }
        }
        throw new AssertionError("no table " + table + " in " + stats);
    }

    @Test
    void countsFollowTheDataAndPoolStatsFollowTheConnectionsInUse() {
        ApiApp.Session admin = API.admin();
        JsonNode before = HTTP.get("/api/admin/db-stats").as(admin).expect(200);
        HTTP.post("/api/posts", fields("title", "counted", "content", "x")).as(admin).expect(201);
        JsonNode after = HTTP.get("/api/admin/db-stats").as(admin).expect(200);
        assertThat(rowsOf(after, "posts")).isEqualTo(rowsOf(before, "posts") + 1);
        assertThat(after.get("posts_last7_days").asLong()).isEqualTo(before.get("posts_last7_days").asLong() + 1);
        assertThat(after.get("active_users").asLong()).isPositive();
        assertThat(after.get("database_bytes").asLong()).isPositive();
        assertThat(after.get("pools").get("database").get("size").asInt()).isPositive();
        assertThat(after.get("pools").get("redis").get("max").asInt()).isPositive();

        // The gauges are read after the request's own connection went back, and background work
        // (view counts, cache refills) may hold one for a moment, so the held two are a floor, not
        // a difference from an earlier reading (which CI once caught counting a passing connection).
        Jdbi appJdbi = APP.<InkwellApiApplication>getApplication().jdbi();
        try (Handle held = appJdbi.open(); Handle alsoHeld = appJdbi.open()) {
            held.execute("SELECT 1");
            alsoHeld.execute("SELECT 1");
            JsonNode busy = HTTP.get("/api/admin/db-stats").as(admin).expect(200);
            assertThat(busy.get("pools").get("database").get("active").asInt())
                    .as("two connections held").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void theApisConnectionsRunWithTheirTimeoutsAndWithoutJit() {
        Jdbi appJdbi = APP.<InkwellApiApplication>getApplication().jdbi();
        String settings = appJdbi.withHandle(h -> h.createQuery("SELECT current_setting('statement_timeout') || ' '"
                + " || current_setting('lock_timeout') || ' ' || current_setting('jit')").mapTo(String.class).one());
        assertThat(settings).isEqualTo("30s 10s off");
    }

    @Test
    void onlyAdminsSeeDatabaseStats() {
        assertProblem(HTTP.get("/api/admin/db-stats").as(API.signUp("nosy")).send(), 403);
        assertProblem(HTTP.get("/api/admin/db-stats").send(), 401);
    }
}
