package dev.inkwell.ops;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.inkwell.ops.ConsoleUnderTest.JOBS;
import static dev.inkwell.ops.ConsoleUnderTest.password;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk updates from Inkwell Console's list of posts, in Debian's headless Chromium against the
 * real api and worker ({@link ConsoleUnderTest}): of the posts selected and of every post the
 * filters match, each followed by its progress bar to the end. Each page is checked with
 * axe-core, and the README's screenshot is taken.
 */
@Tag("slow") // starts the api, a worker and a browser: own failsafe execution (root pom)
class ConsoleBulkBrowserIT extends ConsoleBrowserTest {
    @Test
    void aBulkUpdateShowsItsProgressBarUntil100Percent() {
        String name = "console-bulk";
        long author = console.signUp(name);
        // The category through the API (lists of categories are kept in the cache), its drafts straight in.
        long harbour = api.expect(api.send("POST", "/api/categories", console.token(name), Map.of("name", "Harbour")), 201).get("id").asLong();
        console.db.execute("""
                INSERT INTO posts (author_id, category_id, title, content, published)
                SELECT %d, %d, 'harbour post ' || g, 'words', false FROM generate_series(1, 25) g
                """.formatted(author, harbour));
        browser.signIn(name, password(name));
        browser.find("select[name=category_id] option[value]");
        browser.choose("form[role=search] select[name=category_id]", "Harbour");
        browser.click("form[role=search] button[type=submit]");
        browser.waitText("#post-results", "· 25 posts");
        browser.click("#select-page");
        browser.waitText("#selected-count", "20 selected");
        browser.click("#bulk-apply");
        browser.waitText("#bulk-percent", "100%", JOBS);
        browser.waitText("#bulk-status", "Done: 20 of 20 posts changed.");
        assertThat(browser.find("#bulk-progress").getAttribute("value")).isEqualTo("100");
        console.accessible("bulk update");
        browser.screenshot("bulk-update");
        long published = console.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM posts WHERE published AND author_id = :a")
                .bind("a", author).mapTo(Long.class).one());
        assertThat(published).isEqualTo(20);
    }

    @Test
    void aBulkUpdateTakesEveryPostTheFiltersMatchShownFiftyToAPage() throws Exception {
        String admin = "console-filterer";
        String token = api.adminToken(admin);
        long estuary = api.expect(api.send("POST", "/api/categories", token, Map.of("name", "Estuary")), 201).get("id").asLong();
        console.db.execute("""
                INSERT INTO posts (author_id, category_id, title, content, published)
                SELECT (SELECT id FROM users WHERE username = '%s'), c.category_id, 'estuary post ' || g, 'words', false
                  FROM generate_series(1, 30) g, (VALUES (%d::bigint), (NULL)) c(category_id)
                """.formatted(admin, estuary));
        browser.signIn(admin, password(admin));
        browser.type("form[role=search] input[name=author]", "nobody-" + admin);
        browser.click("form[role=search] button[type=submit]");
        browser.waitText("[data-field=author] .field-error", "no user is named");
        browser.type("form[role=search] input[name=author]", admin.toUpperCase());
        browser.choose("form[role=search] select[name=category_id]", "Estuary");
        browser.click("form[role=search] button[type=submit]");
        browser.waitText("#post-results", "· 30 posts");
        assertThat(browser.all("#post-results tbody tr")).hasSize(20);
        browser.choose("#post-results select[name=per_page]", "50 per page");
        browser.waitUntil("30 rows on one page", "document.querySelectorAll('#post-results tbody tr').length === 30");
        browser.click("#target-filter");
        browser.waitText("#matching-count", "All 30 posts matching the filters");
        browser.click("#bulk-apply");
        browser.waitText("#confirm-text", "All 30 posts matching the filters (in “Estuary”, by " + admin + "): change them all?");
        browser.click("#confirm-yes");
        browser.waitText("#bulk-status", "Done: 30 of 30 posts changed.", JOBS);
        console.accessible("bulk update by filter");
        assertThat(console.count("SELECT count(*) FROM posts WHERE published AND category_id = ?", estuary)).isEqualTo(30);
        assertThat(console.count("SELECT count(*) FROM posts WHERE NOT published AND category_id IS NULL AND title LIKE 'estuary post %'"))
                .as("the posts the filter left out").isEqualTo(30);

        // A search is no bulk update's filter: then only selected posts can be changed.
        browser.type("form[role=search] input[name=q]", "estuary");
        browser.click("form[role=search] button[type=submit]");
        browser.waitText("#matching-count", "not with a search");
        assertThat(browser.find("#target-filter").isEnabled()).isFalse();
    }
}
