package dev.inkwell.api.feed;

import dev.inkwell.persistence.post.PostFeeds.Scope;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The absolute URLs a feed holds, all under one base URL ({@link FeedsConfiguration}): the feed
 * itself, the post list it shows as JSON, each post, and the schemes of categories and tags.
 */
public final class FeedLinks {
    private volatile String base;

    FeedLinks(String base) {
        this.base = base;
    }

    /** Once the API listens: the base without a configured URL names the real port. */
    void rebase(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    /** The feed's own URL in {@code format}. */
    String self(FeedFormat format, Scope scope) {
        return base + switch (scope.kind()) {
            case ALL -> "/api/feeds/posts.";
            case CATEGORY -> "/api/feeds/categories/" + scope.id() + ".";
            case TAG -> "/api/feeds/tags/" + scope.id() + ".";
        } + format.extension();
    }

    /** The same posts as a JSON list: the feed's alternate. {@code name}: the tag's, which the list filters by. */
    String list(Scope scope, String name) {
        return base + "/api/posts?published=true" + switch (scope.kind()) {
            case ALL -> "";
            case CATEGORY -> "&category_id=" + scope.id();
            case TAG -> "&tag=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        };
    }

    String post(long id) {
        return base + "/api/posts/" + id;
    }

    String categories() {
        return base + "/api/categories";
    }

    String tags() {
        return base + "/api/tags";
    }
}
