package dev.inkwell.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.inkwell.api.feed.FeedsConfiguration;
import dev.inkwell.api.http.CorsConfiguration;
import dev.inkwell.api.limit.RateLimit;
import dev.inkwell.api.limit.TrustedProxies;
import dev.inkwell.persistence.dropwizard.StorageConfiguration;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** The API's configuration ({@code ops/config/api.yml}). */
public class ApiConfiguration extends StorageConfiguration {

    /** How long a bearer token stays valid. */
    @NotNull
    private Duration tokenTtl = Duration.days(30);

    /** How long an invitation or password reset can be used, from its issue. */
    @NotNull
    private Duration invitationTtl = Duration.days(3);

    /** The largest request body accepted (10,000 bulk users fit in about 1 MiB). */
    @NotNull
    private DataSize maxRequestBody = DataSize.mebibytes(2);

    /**
     * Request limits by name, counted per client address unless said otherwise (see api.yml):
     * "tokens" (sign-in), "signUp", "signInFailures" (per account), "search" (post lists with q),
     * "bulk" (bulk user creation and bulk updates, accepted requests only), "invitations" (setting a
     * password with an invitation's token), "comments" (new comments per client address) and
     * "commentsPerAccount" (new comments per signed-in user, from any address). A name not listed here
     * is refused (a typo would otherwise leave a limit at its default unnoticed).
     */
    @NotNull
    private Map<String, @Valid RateLimit> rateLimits = new HashMap<>(Map.of(
            "tokens", new RateLimit(20, 10),
            "signUp", new RateLimit(5, 5),
            "signInFailures", new RateLimit(6, 10),
            "search", new RateLimit(1200, 60),
            "bulk", new RateLimit(6, 3),
            "invitations", new RateLimit(10, 5),
            "comments", new RateLimit(30, 10),
            "commentsPerAccount", new RateLimit(6, 5)));

    /** How long after writing it the author of a comment may still edit its body. */
    @NotNull
    private Duration commentEditWindow = Duration.minutes(15);

    /** Proxies whose X-Forwarded-For names the client (comma-separated addresses or CIDRs); empty: none. */
    @NotNull
    private TrustedProxies trustedProxies = TrustedProxies.none();

    /** Which other origins' web pages may call the API from a browser; none (CORS off) by default. */
    @Valid
    @NotNull
    private CorsConfiguration cors = new CorsConfiguration();

    /** What the Atom and RSS feeds say of this deployment: its public base URL (their absolute links) and title. */
    @Valid
    @NotNull
    private FeedsConfiguration feeds = new FeedsConfiguration();

    @JsonProperty("feeds")
    public FeedsConfiguration getFeeds() {
        return feeds;
    }

    @JsonProperty("feeds")
    public void setFeeds(FeedsConfiguration feeds) {
        this.feeds = feeds;
    }

    @JsonProperty("cors")
    public CorsConfiguration getCors() {
        return cors;
    }

    @JsonProperty("cors")
    public void setCors(CorsConfiguration cors) {
        this.cors = cors;
    }

    @JsonProperty("rateLimits")
    public Map<String, RateLimit> getRateLimits() {
        return rateLimits;
    }

    @JsonProperty("rateLimits")
    public void setRateLimits(Map<String, RateLimit> rateLimits) {
        for (String name : rateLimits.keySet()) {
            if (!this.rateLimits.containsKey(name)) {
                throw new IllegalArgumentException("rateLimits: no limit is named '" + name + "' (there are "
                        + new TreeSet<>(this.rateLimits.keySet()) + ")");
            }
        }
        this.rateLimits = new HashMap<>(this.rateLimits);
        this.rateLimits.putAll(rateLimits);
    }

    @JsonProperty("commentEditWindow")
    public Duration getCommentEditWindow() {
        return commentEditWindow;
    }

    @JsonProperty("commentEditWindow")
    public void setCommentEditWindow(Duration commentEditWindow) {
        this.commentEditWindow = commentEditWindow;
    }

    @JsonProperty("trustedProxies")
    public TrustedProxies getTrustedProxies() {
        return trustedProxies;
    }

    @JsonProperty("trustedProxies")
    public void setTrustedProxies(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @JsonProperty("tokenTtl")
    public Duration getTokenTtl() {
        return tokenTtl;
    }

    @JsonProperty("tokenTtl")
    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    @JsonProperty("invitationTtl")
    public Duration getInvitationTtl() {
        return invitationTtl;
    }

    @JsonProperty("invitationTtl")
    public void setInvitationTtl(Duration invitationTtl) {
        this.invitationTtl = invitationTtl;
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
