package dev.inkwell.api.http;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.InkwellApiApplication;
import dev.inkwell.api.StatementLog;
import dev.inkwell.persistence.testing.RawHttp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS: off by default (no CORS header at all); with an allowed origin configured, preflights are
 * answered before authentication and the database, an allowed origin's requests carry
 * Access-Control-Allow-Origin and may read X-Request-Id, any other origin gets no CORS header.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CorsIT {
    private static final String PAGE = "https://app.example.com";
    static final ApiApp OFF = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> OFF_APP = OFF.extension();
    static final ApiApp ON = new ApiApp(ConfigOverride.config("cors.allowedOrigins", "https://other.example.org:8443, " + PAGE));
    static final DropwizardAppExtension<ApiConfiguration> ON_APP = ON.extension();

    private static RawHttp.Answer preflight(DropwizardAppExtension<ApiConfiguration> app, String origin, String path) {
        return new RawHttp(app.getLocalPort()).send("OPTIONS " + path + " HTTP/1.1\r\nOrigin: " + origin
                + "\r\nAccess-Control-Request-Method: PATCH\r\nAccess-Control-Request-Headers: authorization, content-type, if-match, x-request-id",
                new byte[0], false);
    }

    private static RawHttp.Answer get(DropwizardAppExtension<ApiConfiguration> app, String origin, String path) {
        return new RawHttp(app.getLocalPort()).json("GET", path, null, "Origin: " + origin);
    }

    private static List<String> corsHeaders(RawHttp.Answer answer) {
        return answer.headers().keySet().stream().filter(name -> name.startsWith("access-control-")).toList();
    }

    @Test
    void offByDefaultNoAnswerHasACorsHeader() {
        assertThat(corsHeaders(preflight(OFF_APP, PAGE, "/api/posts/1"))).isEmpty();
        RawHttp.Answer answer = get(OFF_APP, PAGE, "/api/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(corsHeaders(answer)).isEmpty();
    }

    @Test
    void aPreflightOfAnAllowedOriginIsAnsweredWithoutTheDatabaseOrCredentials() {
        StatementLog sql = new StatementLog(ON_APP.<InkwellApiApplication>getApplication().jdbi());
        try {
            // an admin-only path: without credentials its GET would be 401
            RawHttp.Answer answer = preflight(ON_APP, PAGE, "/api/admin/db-stats");
            assertThat(answer.status()).isIn(200, 204);
            assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(PAGE);
            assertThat(answer.header("Access-Control-Allow-Methods")).contains("PATCH");
            assertThat(answer.header("Access-Control-Allow-Headers").toLowerCase())
                    .contains("authorization").contains("content-type").contains("if-match").contains("x-request-id");
            assertThat(answer.header("Access-Control-Max-Age")).isEqualTo("600");
            assertThat(answer.header("Access-Control-Allow-Credentials")).isNull();
            assertThat(answer.header("X-Request-Id")).isNotBlank();
            assertThat(sql.statements()).as("SQL run for a preflight").isEmpty();
        } finally {
            sql.stop();
        }
    }

    @Test
    void anotherOriginGetsNoCorsHeader() {
        for (String origin : List.of("https://evil.example.com", "http://app.example.com", PAGE + ".evil.example.com")) {
            assertThat(preflight(ON_APP, origin, "/api/posts/1").header("Access-Control-Allow-Origin")).as(origin).isNull();
            RawHttp.Answer answer = get(ON_APP, origin, "/api/openapi.json");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Access-Control-Allow-Origin")).as(origin).isNull();
        }
    }

    @Test
    void aRequestOfAnAllowedOriginMayReadTheAnswerAndItsRequestId() {
        for (String origin : List.of(PAGE, "https://other.example.org:8443")) {
            RawHttp.Answer answer = get(ON_APP, origin, "/api/openapi.json");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(origin);
            assertThat(answer.header("Access-Control-Expose-Headers")).contains("X-Request-Id").contains("ETag");
        }
        RawHttp.Answer problem = get(ON_APP, PAGE, "/api/posts/999999999");
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.header("Access-Control-Allow-Origin")).isEqualTo(PAGE);
    }
}
