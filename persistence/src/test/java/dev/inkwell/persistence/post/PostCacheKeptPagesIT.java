package dev.inkwell.persistence.post;

import dev.inkwell.domain.category.NewCategory;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.post.Visibility;
import dev.inkwell.persistence.cache.CachedShape;
import dev.inkwell.persistence.cache.ListPage;
import dev.inkwell.persistence.category.CategoryDao;
import dev.inkwell.persistence.tag.TagsByName;
import dev.inkwell.persistence.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post cache's kept list pages on a real PostgreSQL and Redis: answered until any post
 * invalidation drops every kept page of every family, signed-in readers' pages kept apart from the
 * pages everyone is shown, an unreadable kept page dropped and built again. The entries:
 * {@link PostCacheEntriesIT}.
 */
class PostCacheKeptPagesIT {
    @RegisterExtension
    final PostCacheFixture db = new PostCacheFixture();

    @Test
    void aKeptListPageIsAnsweredUntilAnyPostInvalidationDropsEveryKeptPageOfEveryFamily() {
        long category = db.dao(CategoryDao.class).insert(NewCategory.of("Dogs", null, null, null)).id();
        Post post = db.post(category, List.of("z"), true);
        long tag = db.dao(TagsByName.class).findByName("z").orElseThrow().id();
        int[] builds = {0};
        Function<String, ListPage> page = text -> {
            builds[0]++;
            return new ListPage(text.equals("two") ? "next" : null, (text + "@" + builds[0]).getBytes(StandardCharsets.UTF_8));
        };
        for (Runnable invalidation : List.<Runnable>of(
                () -> db.cache.invalidate(post.id()),
                () -> db.cache.invalidate(List.of()),
                () -> db.cache.invalidateLists(),
                () -> db.cache.invalidateByAuthor(db.author),
                () -> db.cache.invalidateByCategory(category),
                () -> db.cache.invalidateByTag(tag))) {
            ListPage one = db.cache.kept().listPage(Visibility.PUBLIC, "one", () -> page.apply("one"));
            ListPage two = db.cache.kept().listPage(Visibility.ownedBy(db.author), "two", () -> page.apply("two"));
            int built = builds[0];
            assertThat(db.cache.kept().listPage(Visibility.PUBLIC, "one", () -> page.apply("one")).json()).isEqualTo(one.json());
            ListPage keptTwo = db.cache.kept().listPage(Visibility.ownedBy(db.author), "two", () -> page.apply("two"));
            assertThat(keptTwo.json()).isEqualTo(two.json());
            assertThat(keptTwo.nextCursor()).isEqualTo("next");
            assertThat(db.cache.kept().listPage(Visibility.PUBLIC, "one", () -> page.apply("one")).nextCursor()).isNull();
            assertThat(builds[0]).as("kept pages are not built again").isEqualTo(built);

            invalidation.run();
            assertThat(new String(db.cache.kept().listPage(Visibility.PUBLIC, "one", () -> page.apply("one")).json(), StandardCharsets.UTF_8))
                    .isEqualTo("one@" + (built + 1));
            assertThat(new String(db.cache.kept().listPage(Visibility.ownedBy(db.author), "two", () -> page.apply("two")).json(), StandardCharsets.UTF_8))
                    .isEqualTo("two@" + (built + 2));
            db.cache.invalidateLists();
        }
    }

    @Test
    void pagesOfSignedInReadersAreKeptApartFromThePagesEveryoneIsShown() {
        db.cache.kept().listPage(Visibility.PUBLIC, "same", () -> new ListPage(null, "everyone's".getBytes(StandardCharsets.UTF_8)));
        ListPage own = db.cache.kept().listPage(Visibility.ownedBy(db.author), "same",
                () -> new ListPage(null, "own".getBytes(StandardCharsets.UTF_8)));
        assertThat(own.json()).isEqualTo("own".getBytes(StandardCharsets.UTF_8));
        try (RedisClient redis = TestRedis.get().client()) {
            assertThat(redis.hget(db.namespace + ":" + CachedShape.POST_PAGES.key(), "=same")).isEqualTo("\neveryone's");
            assertThat(redis.hget(db.namespace + ":" + CachedShape.POST_PAGES.key() + ":signed-in", "=same")).isEqualTo("\nown");
        }
    }

    @Test
    void anUnreadableKeptPageIsDroppedAndBuiltAgain() {
        try (RedisClient redis = TestRedis.get().client()) {
            db.cache.kept().listPage(Visibility.PUBLIC, "one", () -> new ListPage(null, "page".getBytes(StandardCharsets.UTF_8)));
            redis.hset(db.namespace + ":" + CachedShape.POST_PAGES.key(), "=one", "no line break");
            ListPage rebuilt = db.cache.kept().listPage(Visibility.PUBLIC, "one", () -> new ListPage(null, "again".getBytes(StandardCharsets.UTF_8)));
            assertThat(rebuilt.json()).isEqualTo("again".getBytes(StandardCharsets.UTF_8));
            assertThat(redis.hget(db.namespace + ":" + CachedShape.POST_PAGES.key(), "=one")).isNull();
        }
    }
}
