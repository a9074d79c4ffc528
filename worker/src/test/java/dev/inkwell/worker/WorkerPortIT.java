package dev.inkwell.worker;

import dev.inkwell.persistence.testing.RawHttp;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker's public port, as production configures it: its errors are problem+json like the API's. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WorkerPortIT {
    static final TestDatabase DATABASE = TestPostgres.get().newDatabase();
    static final DropwizardAppExtension<WorkerConfiguration> APP = WorkerApp.production(DATABASE);

    /** The answer to {@code requestLine}, sent exactly as written (one request, then the connection closes). */
    private static RawHttp.Answer answer(String requestLine) {
        return new RawHttp(APP.getLocalPort()).send(requestLine, new byte[0], false);
    }

    @ParameterizedTest
    @CsvSource({"GET /no-such-path HTTP/1.1, 404", "GET /api/posts HTTP/1.1, 404", "POST /health-check/x HTTP/1.1, 405",
            "GET /a%00b HTTP/1.1, 400", "GET /%2e%2e/x HTTP/1.1, 400"})
    void errorsOfThePublicPortAreProblems(String requestLine, int status) {
        RawHttp.Answer answer = answer(requestLine);
        assertThat(answer.head()).startsWith("HTTP/1.1 " + status);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer.text()).contains("\"status\":" + status).contains("\"type\":\"/problems/");
        if (status == 404) {
            assertThat(answer.text()).contains("No such route");
        }
    }

    @Test
    void theHealthCheckIsStillServed() {
        assertThat(answer("GET /health-check?type=alive HTTP/1.1").head()).startsWith("HTTP/1.1 200");
    }
}
