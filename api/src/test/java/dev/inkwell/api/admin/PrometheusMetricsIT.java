package dev.inkwell.api.admin;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestHttp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.inkwell.api.JsonHttp.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics operators use, in Prometheus's conventions on the admin port: requests per endpoint
 * (route templates as labels, never raw paths) with their status codes and a latency histogram,
 * rate-limit rejections per limit, failed sign-ins.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PrometheusMetricsIT {
    static final ApiApp API = new ApiApp(ConfigOverride.config("adminPassword", "metrics-secret"),
            ConfigOverride.config("rateLimits.search.perMinute", "1"), ConfigOverride.config("rateLimits.search.burst", "1"));
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private static String scrape() {
        TestHttp.Answer answer = TestHttp.get("http://127.0.0.1:" + APP.getAdminPort() + "/prometheus").basic("admin", "metrics-secret").send();
        assertThat(answer.status()).isEqualTo(200);
        return answer.text();
    }

    /** The value of the sample {@code name{labels}} (labels as Prometheus writes them, in its order), 0 when absent. */
    private static double sample(String text, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + labels) + " ([0-9.Ee+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Waits until the sample has grown by {@code by} since {@code before} (an answer is counted once it is complete). */
    private static void grows(String name, String labels, double before, double by) throws Exception {
        Poll.until(LIMIT, name + labels + " grown by " + by, () -> sample(scrape(), name, labels) >= before + by);
    }

    @Test
    void requestsAreCountedByRouteTemplateOnEveryAnswerPath() throws Exception {
        long id = HTTP.post("/api/posts", fields("title", "counted", "content", "c", "published", true)).as(API.signUp("counter"))
                .expect(201).get("id").asLong();
        String read = "{method=\"GET\",route=\"/api/posts/{id}\",code=\"200\",}";
        String missing = "{method=\"GET\",route=\"/api/posts/{id}\",code=\"404\",}";
        String other = "{method=\"GET\",route=\"other\",code=\"404\",}";
        String text = scrape();
        double reads = sample(text, "inkwell_http_requests_total", read);
        double misses = sample(text, "inkwell_http_requests_total", missing);
        double others = sample(text, "inkwell_http_requests_total", other);

        TestHttp.get(API.url("/api/posts/" + id)).send();                  // before Jersey, a miss
        TestHttp.get(API.url("/api/posts/" + id)).send();                  // before Jersey, a hit
        TestHttp.get(API.url("/api/posts/" + id)).bearer(API.signUp("reader").token()).send(); // in Jersey
        TestHttp.get(API.url("/api/posts/999999999")).send();
        TestHttp.get(API.url("/no/such/" + id)).send();

        grows("inkwell_http_requests_total", read, reads, 3);
        grows("inkwell_http_requests_total", missing, misses, 1);
        grows("inkwell_http_requests_total", other, others, 1);
        String after = scrape();
        assertThat(after).as("no raw path becomes a label").doesNotContain("/api/posts/" + id + "\"").doesNotContain("/no/such");
        assertThat(after).contains("# TYPE inkwell_http_request_duration_seconds histogram")
                .containsPattern("(?m)^inkwell_http_request_duration_seconds_bucket\\{method=\"GET\",route=\"/api/posts/\\{id\\}\",le=\"\\+Inf\",\\} [1-9]")
                .containsPattern("(?m)^inkwell_http_request_duration_seconds_sum\\{method=\"GET\",route=\"/api/posts/\\{id\\}\",\\} [0-9.E-]+$");
    }

    @Test
    void nestedRoutesAreJoinedTemplates() throws Exception {
        ApiApp.Session user = API.signUp("profiled");
        String labels = "{method=\"GET\",route=\"/api/users/{id}/profile\",code=\"200\",}";
        double before = sample(scrape(), "inkwell_http_requests_total", labels);
        HTTP.get("/api/users/" + user.id() + "/profile").as(user).expect(200);
        grows("inkwell_http_requests_total", labels, before, 1);
    }

    @Test
    void rateLimitRejectionsAreCountedPerLimit() throws Exception {
        String labels = "{limit=\"search\",}";
        double before = sample(scrape(), "inkwell_rate_limit_rejections_total", labels);
        int refused = 0;
        for (int i = 0; i < 5; i++) {
            refused += TestHttp.get(API.url("/api/posts?q=limited" + i)).send().status() == 429 ? 1 : 0;
        }
        assertThat(refused).isPositive();
        assertThat(sample(scrape(), "inkwell_rate_limit_rejections_total", labels)).isEqualTo(before + refused);
        assertThat(scrape()).containsPattern("(?m)^# TYPE inkwell_rate_limit_rejections(_total)? counter$");
    }

    @Test
    void failedSignInsAreCounted() throws Exception {
        double before = sample(scrape(), "inkwell_sign_in_failures_total", "");
        ApiApp.Session user = API.signUp("guessed");
        for (String password : new String[] {"wrong-1", "wrong-2"}) {
            assertThat(TestHttp.post(API.url("/api/tokens"), Map.of("username", user.username(), "password", password)).send().status())
                    .isEqualTo(401);
        }
        assertThat(sample(scrape(), "inkwell_sign_in_failures_total", "")).isEqualTo(before + 2);
    }

    /** The series the RUNBOOK's alert rules read (its section "Prometheus: scraping and alerts"). */
    @Test
    void theSeriesTheRunbooksAlertsReadAreThere() {
        assertThat(scrape()).containsPattern("(?m)^health_postgresql_unhealthy [0-9.]+$")
                .containsPattern("(?m)^health_postgresql_healthy [1-9][0-9.]*$")
                .containsPattern("(?m)^cache_breaker_open 0\\.0$")
                .contains("inkwell_http_requests_total{");
    }
}
