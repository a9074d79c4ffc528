package dev.inkwell.api.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Item;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.feed.FeedFixture.atomIds;
import static dev.inkwell.api.feed.FeedFixture.rssIds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kept feed is never stale after an acknowledged write: each feed is read, and so kept, before
 * the write, and shows at once a post edited, unpublished, deleted, published or moved to another
 * category, a tag renamed, removed from a post or deleted, a category renamed or deleted, and an
 * author renamed. What the feeds say: {@link FeedDocumentsApiIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FeedInvalidationApiIT {
    static final ApiApp API = FeedFixture.app();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    @RegisterExtension
    static final FeedFixture BLOG = new FeedFixture(API);

    @Test
    void anEditedUnpublishedOrDeletedPostShowsInTheFeedsAtOnce() {
        long category = BLOG.category("Edits");
        long edited = BLOG.post("original", "x", category, List.of(), true);
        long unpublished = BLOG.post("to unpublish", "x", category, List.of(), true);
        long deleted = BLOG.post("to delete", "x", category, List.of(), true);
        String atom = "/api/feeds/categories/" + category + ".atom";
        String rss = "/api/feeds/categories/" + category + ".rss";
        assertThat(atomIds(BLOG.feeds.atom(atom))).containsExactly(deleted, unpublished, edited);
        assertThat(rssIds(BLOG.feeds.rss(rss))).containsExactly(deleted, unpublished, edited);

        BLOG.http.patch("/api/posts/" + edited, fields("title", "edited", "content", "new content")).as(BLOG.author()).expect(200);
        assertThat(BLOG.feeds.atom(atom).getEntries().get(2).getTitle()).isEqualTo("edited");
        assertThat(BLOG.feeds.rss(rss).getItems().get(2).getTitle()).isEqualTo("edited");

        BLOG.http.patch("/api/posts/" + unpublished, fields("published", false)).as(BLOG.author()).expect(200);
        assertThat(atomIds(BLOG.feeds.atom(atom))).containsExactly(deleted, edited);
        assertThat(rssIds(BLOG.feeds.rss(rss))).containsExactly(deleted, edited);

        BLOG.http.delete("/api/posts/" + deleted).as(BLOG.author()).expect(204);
        assertThat(atomIds(BLOG.feeds.atom(atom))).containsExactly(edited);
        assertThat(rssIds(BLOG.feeds.rss(rss))).containsExactly(edited);

        long fresh = BLOG.post("fresh", "x", category, List.of(), true);
        assertThat(atomIds(BLOG.feeds.atom(atom))).containsExactly(fresh, edited);
    }

    @Test
    void aPostMovedToAnotherCategoryLeavesOneCategorysFeedForTheOthers() {
        long from = BLOG.category("From");
        long to = BLOG.category("To");
        long moved = BLOG.post("moving", "x", from, List.of(), true);
        String fromFeed = "/api/feeds/categories/" + from + ".atom";
        String toFeed = "/api/feeds/categories/" + to + ".atom";
        assertThat(atomIds(BLOG.feeds.atom(fromFeed))).containsExactly(moved);
        assertThat(atomIds(BLOG.feeds.atom(toFeed))).isEmpty();

        BLOG.http.patch("/api/posts/" + moved, fields("category_id", to)).as(BLOG.author()).expect(200);
        assertThat(atomIds(BLOG.feeds.atom(fromFeed))).isEmpty();
        assertThat(atomIds(BLOG.feeds.atom(toFeed))).containsExactly(moved);
    }

    @Test
    void aRenamedRemovedOrDeletedTagShowsInTheFeedsAtOnce() {
        ApiApp.Session admin = API.sharedAdmin();
        String name = ApiApp.unique("tagged");
        long kept = BLOG.post("keeps the tag", "x", null, List.of(name), true);
        long untagged = BLOG.post("loses the tag", "x", null, List.of(name), true);
        long tag = BLOG.tagId(name);
        String tagFeed = "/api/feeds/tags/" + tag + ".atom";
        String all = "/api/feeds/posts.atom";
        assertThat(atomIds(BLOG.feeds.atom(tagFeed))).containsExactly(untagged, kept);
        assertThat(BLOG.feeds.atom(all).getEntries().get(1).getCategories()).extracting(Category::getTerm).containsExactly(name);

        String renamed = ApiApp.unique("renamed");
        BLOG.http.patch("/api/tags/" + tag, fields("name", renamed)).as(admin).expect(200);
        Feed afterRename = BLOG.feeds.atom(tagFeed);
        assertThat(afterRename.getTitle()).isEqualTo("Inkwell: posts tagged " + renamed);
        assertThat(afterRename.getEntries().get(0).getCategories()).extracting(Category::getTerm).containsExactly(renamed);
        assertThat(BLOG.feeds.atom(all).getEntries().get(1).getCategories()).extracting(Category::getTerm).containsExactly(renamed);

        BLOG.http.patch("/api/posts/" + untagged, fields("tags", List.of())).as(BLOG.author()).expect(200);
        assertThat(atomIds(BLOG.feeds.atom(tagFeed))).containsExactly(kept);

        BLOG.feeds.rss("/api/feeds/tags/" + tag + ".rss");
        BLOG.http.delete("/api/tags/" + tag).as(admin).expect(204);
        assertThat(BLOG.feeds.get(tagFeed).status()).isEqualTo(404);
        assertThat(BLOG.feeds.get("/api/feeds/tags/" + tag + ".rss").status()).isEqualTo(404);
        assertThat(BLOG.feeds.atom(all).getEntries().stream().filter(e -> e.getId().endsWith("/" + kept)).findFirst().orElseThrow()
                .getCategories()).isEmpty();
    }

    @Test
    void aRenamedOrDeletedCategoryAndARenamedAuthorShowInTheFeedsAtOnce() {
        ApiApp.Session admin = API.sharedAdmin();
        ApiApp.Session writer = API.signUp("renamed-author");
        long category = BLOG.category("Before");
        long post = BLOG.http.post("/api/posts", fields("title", "t", "content", "x", "category_id", category, "published", true))
                .as(writer).expect(201).get("id").asLong();
        String feed = "/api/feeds/categories/" + category + ".atom";
        assertThat(atomIds(BLOG.feeds.atom(feed))).containsExactly(post);
        BLOG.feeds.rss("/api/feeds/posts.rss");

        String name = ApiApp.unique("After");
        BLOG.http.patch("/api/categories/" + category, fields("name", name)).as(admin).expect(200);
        Feed renamed = BLOG.feeds.atom(feed);
        assertThat(renamed.getTitle()).isEqualTo("Inkwell: posts in " + name);
        assertThat(renamed.getEntries().get(0).getCategories()).extracting(Category::getTerm).containsExactly(name);

        String username = ApiApp.unique("newname");
        BLOG.http.patch("/api/users/" + writer.id(), fields("username", username)).as(writer).expect(200);
        assertThat(BLOG.feeds.atom(feed).getEntries().get(0).getAuthors().get(0).getName()).isEqualTo(username);
        Item item = BLOG.feeds.rss("/api/feeds/posts.rss").getItems().stream().filter(i -> i.getLink().endsWith("/" + post))
                .findFirst().orElseThrow();
        assertThat(((DCModule) item.getModule(DCModule.URI)).getCreator()).isEqualTo(username);

        BLOG.http.delete("/api/categories/" + category).as(admin).expect(204);
        assertThat(BLOG.feeds.get(feed).status()).isEqualTo(404);
    }
}
