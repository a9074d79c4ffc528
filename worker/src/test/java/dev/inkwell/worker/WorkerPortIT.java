package dev.inkwell.worker;

import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.persistence.testing.TestRedis;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker's public port, as production configures it: its errors are problem+json like the API's. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WorkerPortIT {
    static final TestDatabase DATABASE = TestPostgres.get().newDatabase();
    static final DropwizardAppExtension<WorkerConfiguration> APP = new DropwizardAppExtension<>(InkwellWorkerApplication.class,
            Path.of("..", "ops", "config", "worker.yml").toAbsolutePath().toString(),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("database.url", DATABASE.url().jdbcUrl()),
            ConfigOverride.config("cache.url", TestRedis.get().url()),
            ConfigOverride.config("logging.level", "WARN"));

    /** The raw answer to {@code requestLine} (one request, then the connection closes). */
    private static String answer(String requestLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"GET /no-such-path HTTP/1.1, 404", "GET /api/posts HTTP/1.1, 404", "POST /health-check/x HTTP/1.1, 405",
            "GET /a%00b HTTP/1.1, 400", "GET /%2e%2e/x HTTP/1.1, 400"})
    void errorsOfThePublicPortAreProblems(String requestLine, int status) throws IOException {
        String answer = answer(requestLine);
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"status\":" + status).contains("\"type\":\"/problems/");
        if (status == 404) {
            assertThat(answer).contains("No such route");
        }
    }

    @Test
    void theHealthCheckIsStillServed() throws IOException {
        assertThat(answer("GET /health-check?type=alive HTTP/1.1")).startsWith("HTTP/1.1 200");
    }
}
