package dev.inkwell.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.inkwell.persistence.StorageConfiguration;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** The API's configuration ({@code ops/config/api.yml}). */
public class ApiConfiguration extends StorageConfiguration {

    /** How long a bearer token stays valid. */
    @NotNull
    private Duration tokenTtl = Duration.days(30);

    /** The largest request body accepted (10,000 bulk users fit in about 1 MiB). */
    @NotNull
    private DataSize maxRequestBody = DataSize.mebibytes(2);

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
