package dev.inkwell.worker;

import dev.inkwell.persistence.testing.Poll;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestHttp;
import dev.inkwell.persistence.testing.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's metrics in Prometheus's conventions on its admin port: job runs by type and
 * outcome with their durations (kept around every run by JobRunr itself; here the recurring token
 * purge, every five seconds), and the newest verified backup's time and size.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WorkerMetricsIT {
    static final TestDatabase DATABASE = TestPostgres.get().newDatabase();
    static final DropwizardAppExtension<WorkerConfiguration> APP = WorkerApp.production(DATABASE,
            ConfigOverride.config("adminPassword", "worker-metrics"),
            ConfigOverride.config("jobs.tokenPurgeSchedule", "*/5 * * * * *"));

    private static String scrape() {
        TestHttp.Answer answer = TestHttp.get("http://127.0.0.1:" + APP.getAdminPort() + "/prometheus").basic("admin", "worker-metrics").send();
        assertThat(answer.status()).isEqualTo(200);
        return answer.text();
    }

    private static double sample(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.Ee+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void jobRunsAreCountedByTypeAndOutcomeWithTheirDuration() throws Exception {
        Poll.until(Duration.ofSeconds(30), "a token purge counted as succeeded",
                () -> sample(scrape(), "inkwell_jobs_total{type=\"token_purge\",outcome=\"succeeded\",}") >= 1);
        String text = scrape();
        assertThat(sample(text, "inkwell_jobs_total{type=\"token_purge\",outcome=\"started\",}")).isGreaterThanOrEqualTo(1);
        assertThat(sample(text, "inkwell_job_duration_seconds_count{type=\"token_purge\",outcome=\"succeeded\",}")).isGreaterThanOrEqualTo(1);
        assertThat(text).contains("# TYPE inkwell_job_duration_seconds histogram")
                .doesNotContain("inkwell_jobs_total{type=\"token_purge\",outcome=\"failed\",} 1");
    }

    @Test
    void theNewestVerifiedBackupsTimeAndSizeAreThere() {
        DATABASE.jdbi().useHandle(h -> h.execute("""
                INSERT INTO backups (id, state, file, size_bytes, started_at, finished_at) VALUES
                  (gen_random_uuid(), 'verified', 'older.dump', 111, '2026-01-01 00:00Z', '2026-01-01 00:01Z'),
                  (gen_random_uuid(), 'verified', 'newer.dump', 4242, '2026-01-02 00:00Z', '2026-01-02 00:01:40Z'),
                  (gen_random_uuid(), 'failed', NULL, NULL, '2026-01-03 00:00Z', '2026-01-03 00:01Z')"""));
        String text = scrape();
        assertThat(sample(text, "inkwell_backup_last_size_bytes")).isEqualTo(4242);
        assertThat(sample(text, "inkwell_backup_last_success_timestamp_seconds")).isEqualTo(1767312100);
    }
}
