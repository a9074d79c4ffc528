package dev.inkwell.persistence.post;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.persistence.cache.CachedShape;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.post.PostCache.CachedPost;
import dev.inkwell.persistence.tag.TagDao;
import dev.inkwell.persistence.tag.TagsByName;
import dev.inkwell.persistence.testing.TestRedis;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post cache's entries on a real PostgreSQL and Redis: what an entry carries beside the JSON,
 * an unreadable entry dropped, a missing post not cached, the fill race with a real write, pages
 * taking what the cache holds and loading the rest, the entries that embed an author, category or
 * tag dropped with it, and the ids of the posts a deleted category or tag leaves (those whose
 * entries its caller drops). The kept list pages: {@link PostCacheKeptPagesIT}.
 */
class PostCacheEntriesIT {
    @RegisterExtension
    final PostCacheFixture db = new PostCacheFixture();

    /** The "JSON" of the test: the title and version, enough to tell copies apart. */
    private static final Function<Post, byte[]> JSON = p -> (p.title() + "@" + p.version()).getBytes(StandardCharsets.UTF_8);

    private static String json(Optional<CachedPost> p) {
        return p.map(c -> new String(c.json(), StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void anEntryCarriesVersionVisibilityAndAuthorBesideTheJson() {
        Post draft = db.post(null, List.of(), false);
        CachedPost first = db.cache.find(draft.id(), JSON).orElseThrow();
        CachedPost second = db.cache.find(draft.id(), p -> {
            throw new AssertionError("a hit must not load");
        }).orElseThrow();
        assertThat(second.version()).isEqualTo(1);
        assertThat(second.published()).isFalse();
        assertThat(second.authorId()).isEqualTo(db.author);
        assertThat(second.json()).isEqualTo(first.json()).isEqualTo("First@1".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnreadableEntryIsDroppedAndThePostReadFromTheDatabase() {
        Post post = db.post(null, List.of(), true);
        db.cache.find(post.id(), JSON);
        try (RedisClient redis = TestRedis.get().client()) {
            redis.hset(db.namespace + ":" + CachedShape.POST.key() + ":" + post.id(), "v", "not an entry");
            assertThat(json(db.cache.find(post.id(), JSON))).isEqualTo("First@1");
            assertThat(redis.hget(db.namespace + ":" + CachedShape.POST.key() + ":" + post.id(), "v")).isNull();
        }
        assertThat(json(db.cache.find(post.id(), JSON))).isEqualTo("First@1");
    }

    @Test
    void aMissingPostIsEmptyAndNotCached() {
        assertThat(db.cache.find(424242, JSON)).isEmpty();
        try (RedisClient redis = TestRedis.get().client()) {
            assertThat(redis.hget(db.namespace + ":" + CachedShape.POST.key() + ":424242", "v")).isNull();
        }
        assertThat(db.cache.find(424242, JSON)).isEmpty();
    }

    @Test
    void aReaderThatReadTheRowBeforeAnUpdateCommittedLeavesNoStaleCopy() throws Exception {
        Post post = db.post(null, List.of(), true);
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            // The reader has its row (version 1) and stalls before the db.cache stores it.
            Future<Optional<CachedPost>> slow = reader.submit(() -> db.cache.find(post.id(), p -> {
                read.countDown();
                try {
                    assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return JSON.apply(p);
            }));
            assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();
            db.dao(PostDao.class).update(post.id(), PostChanges.of("Second", null, false, null, null, null), null);
            db.cache.invalidate(post.id());
            written.countDown();
            assertThat(json(slow.get(10, TimeUnit.SECONDS))).isEqualTo("First@1");
        } finally {
            reader.shutdownNow();
        }
        assertThat(json(db.cache.find(post.id(), JSON))).isEqualTo("Second@2");
    }

    private static List<String> items(Page<byte[]> page) {
        return page.items().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aPageTakesThePostsTheCacheHoldsInTheVersionThePageSawAndLoadsAndCachesTheRest() {
        Post a = db.post(null, List.of(), true);
        Post b = db.post(null, List.of(), true);
        Post c = db.post(null, List.of(), true);
        db.cache.find(a.id(), JSON);
        db.cache.find(b.id(), JSON);
        // b changes behind the db.cache's back (no invalidation): the page sees version 2, the db.cache holds 1.
        db.dao(PostDao.class).update(b.id(), PostChanges.of("Second", null, false, null, null, null), null);
        PostReads reads = new PostReads(db.jdbi());
        Page<PostKey> keys = reads.searchKeys(PostQuery.all(Visibility.PUBLIC), new PageRequest(1, 20));
        assertThat(keys.items()).extracting(PostKey::id).containsExactly(c.id(), b.id(), a.id());

        Function<Post, byte[]> loaded = p -> ("loaded " + p.title() + "@" + p.version()).getBytes(StandardCharsets.UTF_8);
        assertThat(items(db.cache.page(keys, Visibility.PUBLIC, loaded))).containsExactly("loaded First@1", "loaded Second@2", "First@1");
        assertThat(items(db.cache.page(keys, Visibility.PUBLIC, p -> {
            throw new AssertionError("everything is cached now: " + p.id());
        }))).containsExactly("loaded First@1", "loaded Second@2", "First@1");
        assertThat(json(db.cache.find(b.id(), JSON))).as("a single read gets what the page cached").isEqualTo("loaded Second@2");

        // A post deleted (and invalidated) after the page's statement ran is left out.
        db.dao(PostDao.class).delete(c.id());
        db.cache.invalidate(c.id());
        Page<byte[]> page = db.cache.page(keys, Visibility.PUBLIC, loaded);
        assertThat(items(page)).containsExactly("loaded Second@2", "First@1");
        assertThat(page.total()).isEqualTo(keys.total());

        // One unpublished after the page's statement saw it: read again, it is not shown to those who may not see drafts.
        db.dao(PostDao.class).update(a.id(), PostChanges.of(null, null, false, null, false, null), null);
        db.cache.invalidate(a.id());
        assertThat(items(db.cache.page(keys, Visibility.PUBLIC, loaded))).containsExactly("loaded Second@2");
        assertThat(items(db.cache.page(keys, Visibility.ownedBy(db.author), loaded))).containsExactly("loaded Second@2", "loaded First@2");
        assertThat(items(db.cache.page(keys, Visibility.ALL, loaded))).containsExactly("loaded Second@2", "loaded First@2");
    }

    @Test
    void invalidatingByAuthorCategoryOrTagDropsThePostsThatEmbedThemAndNoOthers() {
        long category = db.dao(CategoryDao.class).insert(NewCategory.of("Cats", null, null, null)).id();
        Post embeds = db.post(category, List.of("x"), true);
        long stranger = db.dao(UserDao.class).insert(NewUser.of("stranger", "stranger@example.com", null, null)).id();
        Post unrelated = db.dao(PostDao.class).create(NewPost.of(stranger, null, "Other", "words", true, List.of("y")));
        long tag = db.dao(TagsByName.class).findByName("x").orElseThrow().id();
        for (Runnable invalidation : List.<Runnable>of(
                () -> db.cache.invalidateByAuthor(db.author),
                () -> db.cache.invalidateByCategory(category),
                () -> db.cache.invalidateByTag(tag))) {
            db.cache.find(embeds.id(), JSON);
            String unrelatedBefore = json(db.cache.find(unrelated.id(), JSON));
            // A change behind the db.cache's back: only what is invalidated shows it.
            db.jdbi().useHandle(h -> h.execute("UPDATE posts SET title = title || '+'"));
            invalidation.run();
            String reloaded = db.dao(PostDao.class).findById(embeds.id()).orElseThrow().title() + "@1";
            assertThat(json(db.cache.find(embeds.id(), JSON))).isEqualTo(reloaded);
            assertThat(json(db.cache.find(unrelated.id(), JSON))).isEqualTo(unrelatedBefore);
        }
    }

    @Test
    void deletingACategoryOrTagReturnsThePostsThatLostIt() {
        long category = db.dao(CategoryDao.class).insert(NewCategory.of("Gone", null, null, null)).id();
        Post a = db.post(category, List.of("t"), true);
        Post b = db.post(category, List.of(), true);
        db.post(null, List.of(), true);
        assertThat(db.dao(CategoryDao.class).delete(category)).hasValueSatisfying(ids -> assertThat(ids).containsExactlyInAnyOrder(a.id(), b.id()));
        long tag = db.dao(TagsByName.class).findByName("t").orElseThrow().id();
        assertThat(db.dao(TagDao.class).delete(tag)).hasValueSatisfying(ids -> assertThat(ids).containsExactly(a.id()));
        assertThat(db.dao(CategoryDao.class).delete(category)).isEmpty();
        assertThat(db.dao(TagDao.class).delete(tag)).isEmpty();
    }
}
