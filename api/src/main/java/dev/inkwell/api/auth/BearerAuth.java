package dev.inkwell.api.auth;

import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;

import java.util.EnumSet;

/**
 * Who is calling: {@code Authorization: Bearer <token>} checked against the stored tokens, the
 * {@link Caller} for {@code @Auth} parameters, problem+json for missing or bad credentials, and
 * the admin-only resources. The OAuth filter would also read {@code ?access_token=}; such a
 * request is refused before anything reads it (a token in a URL ends up in logs).
 */
public final class BearerAuth {
    private BearerAuth() {
    }

    public static void register(Environment environment, Tokens tokens) {
        environment.jersey().register(new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<Caller>()
                .setAuthenticator(token -> tokens.authenticate(token).map(Caller::new))
                .setPrefix(ProblemUnauthorizedHandler.PREFIX)
                .setRealm(ProblemUnauthorizedHandler.REALM)
                .setUnauthorizedHandler(new ProblemUnauthorizedHandler())
                .buildAuthFilter()));
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(Caller.class));
        environment.jersey().register(new SignedInUser());
        environment.jersey().register(new RejectInvalidCredentials());
        environment.jersey().register(new AdminOnlyFeature());
        environment.servlets().addFilter("token-in-url", new TokenInUrlFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
}
