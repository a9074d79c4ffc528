package dev.inkwell.api.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.inkwell.persistence.problem.RequestId;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.eclipse.jetty.server.handler.CrossOriginHandler;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code cors} in api.yml: which web pages of other origins may call the API from a browser.
 * Off (no CORS header on any answer) until {@code allowedOrigins} names one. Jetty's
 * {@link CrossOriginHandler} does the protocol, in front of everything but the request id, so a
 * preflight is answered there: no servlet, no authentication, no database.
 *
 * <p>Origins are exact ({@code https://app.example.com}, scheme, host and port as the browser sends
 * them) or {@code *} for any; no credentials mode: the API's bearer token travels in the
 * {@code Authorization} header, which a page sends explicitly, never a cookie.
 */
public class CorsConfiguration {
    /** Response headers a page may read beyond the CORS-safelisted ones. */
    static final Set<String> EXPOSED_HEADERS = Set.of(RequestId.HEADER, "ETag", "Location", "Link", "Retry-After");
    /** scheme://host[:port], the host a name, an IPv4 or a bracketed IPv6 address: what a browser sends as Origin. */
    private static final Pattern ORIGIN = Pattern.compile("[a-z][a-z0-9+.-]*://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");

    private List<String> allowedOrigins = List.of();
    @NotEmpty
    private List<String> allowedMethods = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    @NotNull
    private List<String> allowedHeaders = List.of("Authorization", "Content-Type", "If-Match", "If-None-Match", RequestId.HEADER);
    @NotNull
    private Duration maxAge = Duration.minutes(10);

    /** The origins, comma- or space-separated (one string, so that one environment variable can set them). */
    @JsonProperty("allowedOrigins")
    public void setAllowedOrigins(String origins) {
        List<String> parsed = Arrays.stream(origins.split("[,\\s]+")).filter(o -> !o.isEmpty()).toList();
        for (String origin : parsed) {
            if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("cors.allowedOrigins: '" + origin
                        + "' is not an origin (scheme://host[:port], no path, no trailing slash) or *");
            }
        }
        this.allowedOrigins = parsed;
    }

    @JsonProperty("allowedOrigins")
    public String getAllowedOrigins() {
        return String.join(",", allowedOrigins);
    }

    @JsonProperty("allowedMethods")
    public void setAllowedMethods(List<String> allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @JsonProperty("allowedHeaders")
    public void setAllowedHeaders(List<String> allowedHeaders) {
        this.allowedHeaders = allowedHeaders;
    }

    @JsonProperty("maxAge")
    public void setMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }

    public boolean isEnabled() {
        return !allowedOrigins.isEmpty();
    }

    /** Puts the CORS handler in front of the server's handlers when enabled; nothing otherwise. */
    public void install(Environment environment) {
        if (isEnabled()) {
            RequestIdHandler.wrapOnStart(environment, inner -> {
                CrossOriginHandler cors = build();
                cors.setHandler(inner);
                return cors;
            });
        }
    }

    CrossOriginHandler build() {
        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(allowedOrigins.stream()
                .map(origin -> origin.equals("*") ? ".*" : Pattern.quote(origin))
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        cors.setAllowedMethods(new LinkedHashSet<>(allowedMethods));
        Set<String> headers = new LinkedHashSet<>(allowedHeaders);
        headers.add(RequestId.HEADER); // a page may always send its own id
        cors.setAllowedHeaders(headers);
        cors.setExposedHeaders(EXPOSED_HEADERS);
        cors.setPreflightMaxAge(java.time.Duration.ofMillis(maxAge.toMilliseconds()));
        cors.setAllowCredentials(false);
        return cors;
    }
}
