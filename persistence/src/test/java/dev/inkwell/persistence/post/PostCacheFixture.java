package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.persistence.testing.CachedPostWrites;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.UUID;

/**
 * What the post cache tests ({@link PostCacheEntriesIT}, {@link PostCacheKeptPagesIT}) share, and
 * {@link PostPublishingFixture} builds on: a freshly migrated database of the test's own (the
 * {@link PostgresExtension} it extends) with one author; the post cache of {@link CachedPostWrites}
 * on the test Redis under a namespace of the test's own; posts of the author. Each test gets its
 * own, and what it opened is closed after it:
 * {@code @RegisterExtension final PostCacheFixture db = new PostCacheFixture();}
 */
class PostCacheFixture extends PostgresExtension {
    private final String namespacePrefix;
    private final String authorName;
    CachedPostWrites written;
    PostCache cache;
    String namespace;
    long author;

    PostCacheFixture() {
        this("pc", "author");
    }

    /** A namespace starting {@code namespacePrefix}, and an author called {@code authorName}. */
    PostCacheFixture(String namespacePrefix, String authorName) {
        this.namespacePrefix = namespacePrefix;
        this.authorName = authorName;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        super.beforeEach(context);
        namespace = namespacePrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        written = new CachedPostWrites(jdbi(), namespace);
        cache = written.cache();
        author = dao(UserDao.class).insert(NewUser.of(authorName, authorName + "@example.com", null, null)).id();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (written != null) {
                written.close();
            }
        } finally {
            super.afterEach(context);
        }
    }

    Post post(Long category, List<String> tags, boolean published) {
        return dao(PostDao.class).create(NewPost.of(author, category, "First", "words", published, tags));
    }
}
