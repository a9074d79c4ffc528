package dev.inkwell.api.error;

import dev.inkwell.persistence.problem.ProblemErrorHandler;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;

/**
 * Every error the api answers is problem+json: one mapper per exception type in Jersey, none of
 * Dropwizard's default mappers (some answer text), and Jetty's own errors (what it refuses before
 * Jersey sees it) through {@link ProblemErrorHandler}, each with its request id. Request bodies are bounded and decoded here too.
 */
public final class ErrorMappers {
    private ErrorMappers() {
    }

    public static void register(ServerFactory server, Environment environment, long maxBodyBytes) {
        ((AbstractServerFactory) server).setRegisterDefaultExceptionMappers(false);
        ProblemErrorHandler.install(environment, true); // with the request ids RequestIdHandler gives
        JerseyEnvironment jersey = environment.jersey();
        jersey.register(new ContentEncodings());
        jersey.register(new BodySizeLimit(maxBodyBytes));
        jersey.register(new NotFoundExceptionMapper());
        jersey.register(new InvalidExceptionMapper());
        jersey.register(new ConflictExceptionMapper());
        jersey.register(new StaleVersionExceptionMapper());
        jersey.register(new DatabaseUnavailableExceptionMapper());
        jersey.register(new PasswordChecksBusyExceptionMapper());
        jersey.register(new JsonProcessingExceptionMapper());
        jersey.register(new ViolationExceptionMapper());
        jersey.register(new ParamExceptionMapper());
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new PayloadTooLargeExceptionMapper());
        jersey.register(new UnexpectedExceptionMapper());
    }
}
