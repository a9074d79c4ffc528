package dev.inkwell.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.inkwell.api.limit.RateLimit;
import dev.inkwell.persistence.StorageConfiguration;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.HashMap;
import java.util.Map;

/** The API's configuration ({@code ops/config/api.yml}). */
public class ApiConfiguration extends StorageConfiguration {

    /** How long a bearer token stays valid. */
    @NotNull
    private Duration tokenTtl = Duration.days(30);

    /** The largest request body accepted (10,000 bulk users fit in about 1 MiB). */
    @NotNull
    private DataSize maxRequestBody = DataSize.mebibytes(2);

    /**
     * Per-client request limits by name: "tokens" (sign-in), "search" (post lists with q),
     * "bulk" (bulk user creation).
     */
    @NotNull
    private Map<String, @Valid RateLimit> rateLimits = new HashMap<>(Map.of(
            "tokens", new RateLimit(20, 10),
            "search", new RateLimit(1200, 60),
            "bulk", new RateLimit(6, 3)));

    @JsonProperty("rateLimits")
    public Map<String, RateLimit> getRateLimits() {
        return rateLimits;
    }

    @JsonProperty("rateLimits")
    public void setRateLimits(Map<String, RateLimit> rateLimits) {
        this.rateLimits = new HashMap<>(this.rateLimits);
        this.rateLimits.putAll(rateLimits);
    }

    @JsonProperty("tokenTtl")
    public Duration getTokenTtl() {
        return tokenTtl;
    }

    @JsonProperty("tokenTtl")
    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    @JsonProperty("maxRequestBody")
    public DataSize getMaxRequestBody() {
        return maxRequestBody;
    }

    @JsonProperty("maxRequestBody")
    public void setMaxRequestBody(DataSize maxRequestBody) {
        this.maxRequestBody = maxRequestBody;
    }
}
