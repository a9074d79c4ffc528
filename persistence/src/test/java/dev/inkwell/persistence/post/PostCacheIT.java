package dev.inkwell.persistence.post;

import com.codahale.metrics.MetricRegistry;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.domain.post.NewPost;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.PostChanges;
import dev.inkwell.domain.post.PostQuery;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.persistence.cache.CacheFactory;
import dev.inkwell.persistence.cache.CachedShape;
import dev.inkwell.persistence.cache.ListPage;
import dev.inkwell.persistence.cache.ReadCache;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.tag.TagDao;
import dev.inkwell.persistence.tag.TagsByName;
import dev.inkwell.persistence.post.PostCache.CachedPost;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.TestRedis;
import dev.inkwell.persistence.user.UserDao;
import org.junit.jupiter.api.AfterEach;
import redis.clients.jedis.RedisClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The post cache on a real PostgreSQL and Redis: entries, the fill race with a real write, and the id lists deletes return. */
class PostCacheIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private final String namespace = "pc-" + UUID.randomUUID().toString().substring(0, 8);
    private ReadCache readCache;
    private PostCache cache;
    private long author;

    /** The "JSON" of the test: the title and version, enough to tell copies apart. */
    private static final Function<Post, byte[]> JSON = p -> (p.title() + "@" + p.version()).getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() {
        CacheFactory config = new CacheFactory();
        config.setUrl(TestRedis.get().url());
        config.setNamespace(namespace);
        readCache = config.build(new MetricRegistry());
        readCache.start();
        cache = new PostCache(readCache, db.jdbi());
        author = db.dao(UserDao.class).insert(NewUser.of("author", "author@example.com", null, null)).id();
    }

    @AfterEach
    void tearDown() {
        readCache.stop();
    }

    private Post post(Long category, List<String> tags, boolean published) {
        return db.dao(PostDao.class).create(NewPost.of(author, category, "First", "words", published, tags));
    }

    private static String json(Optional<CachedPost> p) {
        return p.map(c -> new String(c.json(), StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void anEntryCarriesVersionVisibilityAndAuthorBesideTheJson() {
        Post draft = post(null, List.of(), false);
        CachedPost first = cache.find(draft.id(), JSON).orElseThrow();
        CachedPost second = cache.find(draft.id(), p -> {
            throw new AssertionError("a hit must not load");
        }).orElseThrow();
        assertThat(second.version()).isEqualTo(1);
        assertThat(second.published()).isFalse();
        assertThat(second.authorId()).isEqualTo(author);
        assertThat(second.json()).isEqualTo(first.json()).isEqualTo("First@1".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnreadableEntryIsDroppedAndThePostReadFromTheDatabase() {
        Post post = post(null, List.of(), true);
        cache.find(post.id(), JSON);
        try (RedisClient redis = TestRedis.get().client()) {
            redis.hset(namespace + ":" + CachedShape.POST.key() + ":" + post.id(), "v", "not an entry");
            assertThat(json(cache.find(post.id(), JSON))).isEqualTo("First@1");
            assertThat(redis.hget(namespace + ":" + CachedShape.POST.key() + ":" + post.id(), "v")).isNull();
        }
        assertThat(json(cache.find(post.id(), JSON))).isEqualTo("First@1");
    }

    private static List<String> items(Page<byte[]> page) {
        return page.items().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aPageTakesThePostsTheCacheHoldsInTheVersionThePageSawAndLoadsAndCachesTheRest() {
        Post a = post(null, List.of(), true);
        Post b = post(null, List.of(), true);
        Post c = post(null, List.of(), true);
        cache.find(a.id(), JSON);
        cache.find(b.id(), JSON);
        // b changes behind the cache's back (no invalidation): the page sees version 2, the cache holds 1.
        db.dao(PostDao.class).update(b.id(), PostChanges.of("Second", null, false, null, null, null), null);
        PostReads reads = new PostReads(db.jdbi());
        Page<PostKey> keys = reads.searchKeys(PostQuery.all(Visibility.PUBLIC), new PageRequest(1, 20));
        assertThat(keys.items()).extracting(PostKey::id).containsExactly(c.id(), b.id(), a.id());

        Function<Post, byte[]> loaded = p -> ("loaded " + p.title() + "@" + p.version()).getBytes(StandardCharsets.UTF_8);
        assertThat(items(cache.page(keys, Visibility.PUBLIC, loaded))).containsExactly("loaded First@1", "loaded Second@2", "First@1");
        assertThat(items(cache.page(keys, Visibility.PUBLIC, p -> {
            throw new AssertionError("everything is cached now: " + p.id());
        }))).containsExactly("loaded First@1", "loaded Second@2", "First@1");
        assertThat(json(cache.find(b.id(), JSON))).as("a single read gets what the page cached").isEqualTo("loaded Second@2");

        // A post deleted (and invalidated) after the page's statement ran is left out.
        db.dao(PostDao.class).delete(c.id());
        cache.invalidate(c.id());
        Page<byte[]> page = cache.page(keys, Visibility.PUBLIC, loaded);
        assertThat(items(page)).containsExactly("loaded Second@2", "First@1");
        assertThat(page.total()).isEqualTo(keys.total());

        // One unpublished after the page's statement saw it: read again, it is not shown to those who may not see drafts.
        db.dao(PostDao.class).update(a.id(), PostChanges.of(null, null, false, null, false, null), null);
        cache.invalidate(a.id());
        assertThat(items(cache.page(keys, Visibility.PUBLIC, loaded))).containsExactly("loaded Second@2");
        assertThat(items(cache.page(keys, Visibility.ownedBy(author), loaded))).containsExactly("loaded Second@2", "loaded First@2");
        assertThat(items(cache.page(keys, Visibility.ALL, loaded))).containsExactly("loaded Second@2", "loaded First@2");
    }

    @Test
    void aMissingPostIsEmptyAndNotCached() {
        assertThat(cache.find(424242, JSON)).isEmpty();
        assertThat(cache.find(424242, JSON)).isEmpty();
    }

    @Test
    void aReaderThatReadTheRowBeforeAnUpdateCommittedLeavesNoStaleCopy() throws Exception {
        Post post = post(null, List.of(), true);
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            // The reader has its row (version 1) and stalls before the cache stores it.
            Future<Optional<CachedPost>> slow = reader.submit(() -> cache.find(post.id(), p -> {
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
            cache.invalidate(post.id());
            written.countDown();
            assertThat(json(slow.get(10, TimeUnit.SECONDS))).isEqualTo("First@1");
        } finally {
            reader.shutdownNow();
        }
        assertThat(json(cache.find(post.id(), JSON))).isEqualTo("Second@2");
    }

    @Test
    void invalidatingByAuthorCategoryOrTagDropsThePostsThatEmbedThemAndNoOthers() {
        long category = db.dao(CategoryDao.class).insert(NewCategory.of("Cats", null, null, null)).id();
        Post embeds = post(category, List.of("x"), true);
        long stranger = db.dao(UserDao.class).insert(NewUser.of("stranger", "stranger@example.com", null, null)).id();
        Post unrelated = db.dao(PostDao.class).create(NewPost.of(stranger, null, "Other", "words", true, List.of("y")));
        long tag = db.dao(TagsByName.class).findByName("x").orElseThrow().id();
        for (Runnable invalidation : List.<Runnable>of(
                () -> cache.invalidateByAuthor(author),
                () -> cache.invalidateByCategory(category),
                () -> cache.invalidateByTag(tag))) {
            cache.find(embeds.id(), JSON);
            String unrelatedBefore = json(cache.find(unrelated.id(), JSON));
            // A change behind the cache's back: only what is invalidated shows it.
            db.jdbi().useHandle(h -> h.execute("UPDATE posts SET title = title || '+'"));
            invalidation.run();
            String reloaded = db.dao(PostDao.class).findById(embeds.id()).orElseThrow().title() + "@1";
            assertThat(json(cache.find(embeds.id(), JSON))).isEqualTo(reloaded);
            assertThat(json(cache.find(unrelated.id(), JSON))).isEqualTo(unrelatedBefore);
        }
    }

    @Test
    void aKeptListPageIsAnsweredUntilAnyPostInvalidationDropsEveryKeptPageOfEveryFamily() {
        long category = db.dao(CategoryDao.class).insert(NewCategory.of("Dogs", null, null, null)).id();
        Post post = post(category, List.of("z"), true);
        long tag = db.dao(TagsByName.class).findByName("z").orElseThrow().id();
        int[] builds = {0};
        Function<String, ListPage> page = text -> {
            builds[0]++;
            return new ListPage(text.equals("two") ? "next" : null, (text + "@" + builds[0]).getBytes(StandardCharsets.UTF_8));
        };
        for (Runnable invalidation : List.<Runnable>of(
                () -> cache.invalidate(post.id()),
                () -> cache.invalidate(List.of()),
                () -> cache.invalidateLists(),
                () -> cache.invalidateByAuthor(author),
                () -> cache.invalidateByCategory(category),
                () -> cache.invalidateByTag(tag))) {
            ListPage one = cache.kept().listPage(Visibility.PUBLIC, "one", () -> page.apply("one"));
            ListPage two = cache.kept().listPage(Visibility.ownedBy(author), "two", () -> page.apply("two"));
            int built = builds[0];
            assertThat(cache.kept().listPage(Visibility.PUBLIC, "one", () -> page.apply("one")).json()).isEqualTo(one.json());
            ListPage keptTwo = cache.kept().listPage(Visibility.ownedBy(author), "two", () -> page.apply("two"));
            assertThat(keptTwo.json()).isEqualTo(two.json());
            assertThat(keptTwo.nextCursor()).isEqualTo("next");
            assertThat(cache.kept().listPage(Visibility.PUBLIC, "one", () -> page.apply("one")).nextCursor()).isNull();
            assertThat(builds[0]).as("kept pages are not built again").isEqualTo(built);

            invalidation.run();
            assertThat(new String(cache.kept().listPage(Visibility.PUBLIC, "one", () -> page.apply("one")).json(), StandardCharsets.UTF_8))
                    .isEqualTo("one@" + (built + 1));
            assertThat(new String(cache.kept().listPage(Visibility.ownedBy(author), "two", () -> page.apply("two")).json(), StandardCharsets.UTF_8))
                    .isEqualTo("two@" + (built + 2));
            cache.invalidateLists();
        }
    }

    @Test
    void pagesOfSignedInReadersAreKeptApartFromThePagesEveryoneIsShown() {
        cache.kept().listPage(Visibility.PUBLIC, "same", () -> new ListPage(null, "everyone's".getBytes(StandardCharsets.UTF_8)));
        ListPage own = cache.kept().listPage(Visibility.ownedBy(author), "same",
                () -> new ListPage(null, "own".getBytes(StandardCharsets.UTF_8)));
        assertThat(own.json()).isEqualTo("own".getBytes(StandardCharsets.UTF_8));
        try (RedisClient redis = TestRedis.get().client()) {
            assertThat(redis.hget(namespace + ":" + CachedShape.POST_PAGES.key(), "=same")).isEqualTo("\neveryone's");
            assertThat(redis.hget(namespace + ":" + CachedShape.POST_PAGES.key() + ":signed-in", "=same")).isEqualTo("\nown");
        }
    }

    @Test
    void anUnreadableKeptPageIsDroppedAndBuiltAgain() {
        try (RedisClient redis = TestRedis.get().client()) {
            cache.kept().listPage(Visibility.PUBLIC, "one", () -> new ListPage(null, "page".getBytes(StandardCharsets.UTF_8)));
            redis.hset(namespace + ":" + CachedShape.POST_PAGES.key(), "=one", "no line break");
            ListPage rebuilt = cache.kept().listPage(Visibility.PUBLIC, "one", () -> new ListPage(null, "again".getBytes(StandardCharsets.UTF_8)));
            assertThat(rebuilt.json()).isEqualTo("again".getBytes(StandardCharsets.UTF_8));
            assertThat(redis.hget(namespace + ":" + CachedShape.POST_PAGES.key(), "=one")).isNull();
        }
    }

    @Test
    void deletingACategoryOrTagReturnsThePostsThatLostIt() {
        long category = db.dao(CategoryDao.class).insert(NewCategory.of("Gone", null, null, null)).id();
        Post a = post(category, List.of("t"), true);
        Post b = post(category, List.of(), true);
        post(null, List.of(), true);
        assertThat(db.dao(CategoryDao.class).delete(category)).hasValueSatisfying(ids -> assertThat(ids).containsExactlyInAnyOrder(a.id(), b.id()));
        long tag = db.dao(TagsByName.class).findByName("t").orElseThrow().id();
        assertThat(db.dao(TagDao.class).delete(tag)).hasValueSatisfying(ids -> assertThat(ids).containsExactly(a.id()));
        assertThat(db.dao(CategoryDao.class).delete(category)).isEmpty();
        assertThat(db.dao(TagDao.class).delete(tag)).isEmpty();
    }
}
