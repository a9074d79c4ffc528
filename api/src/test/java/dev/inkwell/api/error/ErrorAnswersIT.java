package dev.inkwell.api.error;

import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.persistence.testing.RawHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Errors Jersey raises itself say what to do instead. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorAnswersIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);

    private static String detail(Response response, int status) {
        return (String) assertProblem(response, status).get("detail");
    }

    @Test
    void anUnknownRouteSaysSoUnlikeAMissingPost() {
        assertThat(detail(HTTP.get("/api/no-such-thing").send(), 404)).contains("No such route").contains("/api/openapi.json");
        assertThat(detail(HTTP.get("/api/posts/999999999").send(), 404)).doesNotContain("route").contains("999999999");
    }

    @Test
    void aMethodNotAllowedNamesTheAllowedOnesInDetailAndAllow() {
        Response response = HTTP.delete("/api/posts").as(API.signUp("method")).send();
        String allow = response.getHeaderString(HttpHeaders.ALLOW);
        assertThat(allow).contains("GET").contains("POST");
        assertThat(detail(response, 405)).contains("allowed").contains("GET").contains("POST");
    }

    @Test
    void aTypeNotOfferedNamesTheTypesOffered() {
        try (Response response = API.client().target(API.url("/api/users")).request("text/html").get()) {
            response.bufferEntity();
            assertThat(detail(response, 406)).contains("application/json");
        }
    }

    @Test
    void aBodyOfAnotherTypeNamesTheTypeToSend() {
        try (Response response = API.request("/api/users").post(Entity.entity("username=x", "application/x-www-form-urlencoded"))) {
            response.bufferEntity();
            Map<String, Object> problem = assertProblem(response, 415);
            assertThat((String) problem.get("detail")).contains("Content-Type: application/json");
        }
    }

    @Test
    void aMethodNoPathTakesNamesTheMethodsTheServerTakes() {
        RawHttp.Answer answer = new RawHttp(APP.getLocalPort()).send("FOO /api/posts HTTP/1.1", new byte[0], false);
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.mediaType()).startsWith("application/problem+json");
        assertThat(answer.text()).contains("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        assertThat(answer.header("Allow")).isEqualTo("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    }

    @Test
    void anUnreadableContentTypeSaysWhichToSend() {
        RawHttp.Answer answer = new RawHttp(APP.getLocalPort())
                .send("POST /api/users HTTP/1.1\r\nContent-Type: garbage\r\nContent-Length: 2", "{}".getBytes(), false);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.mediaType()).startsWith("application/problem+json");
        assertThat(answer.text()).contains("Content-Type: application/json");
    }
}
