package dev.inkwell.api.auth;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemUnauthorizedHandlerTest {

    @Test
    void theFiltersExceptionIsTheChallengeWithoutAStackTrace() {
        RuntimeException thrown = new ProblemUnauthorizedHandler().buildException(ProblemUnauthorizedHandler.PREFIX,
                ProblemUnauthorizedHandler.REALM);

        assertThat(thrown).isInstanceOf(WebApplicationException.class);
        assertThat(thrown.getStackTrace()).isEmpty();
        WebApplicationException answer = (WebApplicationException) thrown;
        assertThat(answer.getResponse().getStatus()).isEqualTo(401);
        assertThat(answer.getResponse().getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"inkwell\"");
        assertThat(answer.getResponse().getMediaType()).hasToString("application/problem+json");
    }
}
