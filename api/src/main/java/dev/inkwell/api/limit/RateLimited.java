package dev.inkwell.api.limit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a resource method under the named rate limit of the configuration ({@code rateLimits}),
 * counted per client address. With {@code whenQueryParam}, only requests that carry that
 * parameter count (searches, not lists). With {@code acceptedOnly}, only requests answered with
 * a success (2xx) count: a refused one gives its token back.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {
    String value();

    String whenQueryParam() default "";

    boolean acceptedOnly() default false;
}
