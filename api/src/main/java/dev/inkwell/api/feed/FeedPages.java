package dev.inkwell.api.feed;

import dev.inkwell.domain.NotFoundException;
import dev.inkwell.persistence.post.KeptPostPages;
import dev.inkwell.persistence.post.PostCache;
import dev.inkwell.persistence.post.PostFeeds;
import dev.inkwell.persistence.post.PostFeeds.Kind;
import dev.inkwell.persistence.post.PostFeeds.Scope;

import java.util.Optional;

/**
 * The feeds as sent, kept in the read cache ({@link KeptPostPages#feed}) until the next write that
 * changes a post or what posts show, and written on a miss: one Redis call and no SQL on a hit,
 * as a kept list page. The feed of a category or tag that does not exist is 404 and kept nowhere.
 */
public final class FeedPages {
    private final PostCache cache;
    private final PostFeeds posts;
    private final FeedDocuments documents;

    public FeedPages(PostCache cache, PostFeeds posts, FeedLinks links, String site) {
        this.cache = cache;
        this.posts = posts;
        this.documents = new FeedDocuments(links, site);
    }

    /** The feed of {@code scope} in {@code format}; 404 when its category or tag does not exist. */
    KeptFeed feed(FeedFormat format, Scope scope) {
        // The name holds all that chooses the bytes: format and scope (the base URL and title are the deployment's).
        return cache.kept().feed(format.extension() + "\n" + scope.key(), () -> build(format, scope), KeptFeed::entry, KeptFeed::ofEntry)
                .orElseThrow(() -> new NotFoundException(scope.kind() == Kind.CATEGORY ? "category" : "tag", scope.id()));
    }

    private Optional<KeptFeed> build(FeedFormat format, Scope scope) {
        return posts.newest(scope).map(found -> KeptFeed.of(documents.write(format, scope, found)));
    }
}
