package dev.inkwell.api.limit;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

/** One limit: {@code perMinute} requests per client on average, {@code burst} at once. */
public class RateLimit {
    @Min(1)
    private int perMinute;
    @Min(1)
    private int burst;

    public RateLimit() {
    }

    public RateLimit(int perMinute, int burst) {
        this.perMinute = perMinute;
        this.burst = burst;
    }

    /** Whole seconds (at least 1) until {@code tokens} more have come back: a Retry-After. */
    long secondsFor(double tokens) {
        return Math.max(1, (long) Math.ceil(tokens * 60.0 / perMinute));
    }

    @JsonProperty
    public int getPerMinute() {
        return perMinute;
    }

    @JsonProperty
    public void setPerMinute(int perMinute) {
        this.perMinute = perMinute;
    }

    @JsonProperty
    public int getBurst() {
        return burst;
    }

    @JsonProperty
    public void setBurst(int burst) {
        this.burst = burst;
    }
}
