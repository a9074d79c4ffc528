package dev.inkwell.persistence.post;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostCursor;
import dev.inkwell.domain.post.PostQuery;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Pages of posts read whole from the database, the tests' reference: the application reads a page's
 * keys with {@link PostReads} and its posts through {@link PostCache}, so these stay out of main code.
 */
public final class PagesWithPosts {
    private PagesWithPosts() {
    }

    /** Offset paging with the posts. */
    public static Page<Post> search(PostReads reads, PostQuery query, PageRequest request) {
        return withPosts(reads, reads.searchKeys(query, request));
    }

    /** Keyset paging after a cursor with the posts. */
    public static Page<Post> searchAfter(PostReads reads, PostQuery query, PostCursor cursor, int perPage) {
        return withPosts(reads, reads.searchKeysAfter(query, cursor, perPage));
    }

    private static Page<Post> withPosts(PostReads reads, Page<PostKey> keys) {
        Map<Long, Post> posts = reads.findByIds(keys.items().stream().map(PostKey::id).toList()).stream()
                .collect(Collectors.toMap(Post::id, p -> p));
        return PostReads.inOrder(keys, posts);
    }
}
