package dev.inkwell.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.persistence.testing.TestHttp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.inkwell.ops.ConsoleUnderTest.password;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What editors do in Inkwell Console's post editor, in Debian's headless Chromium against the
 * real api and worker ({@link ConsoleUnderTest}): write, edit, find and delete posts, resolve a
 * conflict, schedule a post, rename its slug and moderate its comments, and all of it by keyboard
 * alone. Each page is checked with axe-core, and the README's screenshots are taken.
 */
@Tag("slow") // starts the api, a worker and a browser: own failsafe execution (root pom)
class ConsoleEditorsBrowserIT extends ConsoleBrowserTest {
    @Test
    void anEditorCreatesAndEditsAPostFindsItAndResolvesAConflict() {
        String name = "console-editor";
        console.signUp(name);
        String apiToken = console.token(name);
        browser.signIn(name, password(name));
        browser.click("a[href='#/posts/new']");
        browser.waitText("h1", "New post");
        browser.click("#save");
        browser.waitUntil("the title's error beside it", "document.querySelector('[data-field=title] .field-error')");
        assertThat(browser.find("input[name=title]").getAttribute("aria-invalid")).isEqualTo("true");

        browser.type("input[name=title]", "Lighthouse notes");
        browser.type("textarea[name=content]", "# Keepers\n\nThe lamp is lit at dusk.\n\n- oil\n- wicks");
        browser.waitText("#preview", "The lamp is lit at dusk.");
        assertThat(browser.find("#preview h3").getText()).isEqualTo("Keepers");
        browser.type("input[name=tags]", "sea, lamps");
        browser.click("input[name=published]");
        console.accessible("post editor");
        browser.screenshot("post-editor");
        browser.click("#save");
        browser.waitText("h1", "Edit “Lighthouse notes”");
        long id = Long.parseLong(browser.url().replaceAll(".*#/posts/", ""));
        JsonNode created = api.expect(api.send("GET", "/api/posts/" + id, apiToken, null), 200);
        assertThat(created.get("tags").toString()).contains("sea", "lamps");
        assertThat(created.get("published").asBoolean()).isTrue();

        browser.type("input[name=title]", "Lighthouse notes, revised");
        browser.click("#save");
        browser.waitText("#notice", "Saved (version 2)");

        // Someone else saves the post while the editor still has version 2 open.
        api.expect(api.send("PATCH", "/api/posts/" + id, apiToken, Map.of("title", "Their lighthouse")), 200);
        browser.type("input[name=title]", "My lighthouse");
        browser.click("#save");
        String conflict = browser.waitText("#conflict", "Someone changed this post");
        assertThat(conflict).contains("Theirs (version 3)", "Their lighthouse", "Yours (not saved)", "My lighthouse");
        console.accessible("post conflict");
        browser.screenshot("post-conflict");
        browser.click("#keep-mine");
        browser.waitText("#notice", "Saved (version 4)");
        assertThat(api.expect(api.send("GET", "/api/posts/" + id, apiToken, null), 200).get("title").asText()).isEqualTo("My lighthouse");

        browser.click("#nav a[href='#/posts']");
        browser.type("input[name=q]", "lighthouse");
        browser.click("form[role=search] button[type=submit]");
        browser.waitText("#post-results", "My lighthouse");
        console.accessible("posts");
        browser.screenshot("posts");

        browser.click("#post-results a[href='#/posts/" + id + "']");
        browser.click("#delete");
        browser.waitText("#confirm-text", "Delete the post “My lighthouse”?");
        browser.click("#confirm-yes");
        browser.waitText("#notice", "Post “My lighthouse” deleted.");
        browser.waitText("h1", "Posts");
        assertThat(api.send("GET", "/api/posts/" + id, apiToken, null).status()).isEqualTo(404);
    }

    @Test
    void anAuthorSchedulesAPostRenamesItsSlugAndModeratesItsComments() {
        String name = "console-author";
        String reader = "console-commenter";
        console.signUp(name);
        console.signUp(reader);
        String token = console.token(name);
        String readerToken = console.token(reader);
        long id = api.expect(api.send("POST", "/api/posts", token, Map.of("title", "Tide tables", "content", "Low at noon.",
                "published", true)), 201).get("id").asLong();
        long first = api.expect(api.send("POST", "/api/posts/" + id + "/comments", readerToken, Map.of("body", "Which harbour?")), 201)
                .get("id").asLong();
        long reply = api.expect(api.send("POST", "/api/posts/" + id + "/comments", token, Map.of("body", "Ours.", "parent_id", first)), 201)
                .get("id").asLong();
        long second = api.expect(api.send("POST", "/api/posts/" + id + "/comments", readerToken, Map.of("body", "Buy my boat!")), 201)
                .get("id").asLong();

        browser.signIn(name, password(name));
        browser.open("#/posts/" + id);
        browser.waitText("h1", "Edit “Tide tables”");
        assertThat(browser.find("input[name=slug]").getAttribute("value")).isEqualTo("tide-tables");
        browser.waitText("#comment-count", "3 comments");
        assertThat(browser.find("li[data-comment='" + reply + "']").getAttribute("class")).contains("depth-1");
        console.accessible("post editor with comments");

        browser.type("input[name=slug]", "tides-this-week");
        browser.click("#save");
        browser.waitText("#notice", "Saved (version 2)");
        TestHttp.Answer old = api.send("GET", "/api/posts/by-slug/tide-tables", null, null);
        assertThat(old.status()).isEqualTo(301);
        assertThat(old.header("Location")).endsWith("/api/posts/by-slug/tides-this-week");

        browser.click("li[data-comment='" + second + "'] button.secondary");
        browser.waitText("#notice", "The comment by " + reader + " is hidden.");
        browser.waitText("li[data-comment='" + second + "']", "hidden");
        browser.script("document.getElementById('comments-heading').scrollIntoView()");
        browser.screenshot("post-comments");
        assertThat(api.expect(api.send("GET", "/api/posts/" + id, null, null), 200).get("comment_count").asInt()).isEqualTo(2);
        browser.waitText("#post-about", "version 2 · 2 comments shown to readers");
        browser.click("li[data-comment='" + first + "'] button.danger");
        browser.waitText("#confirm-text", "Delete the comment by " + reader + " and every reply to it?");
        browser.click("#confirm-yes");
        browser.waitText("#notice", "The comment by " + reader + " is deleted.");
        browser.waitText("#comment-count", "1 comment,");
        assertThat(browser.all("li[data-comment='" + reply + "']")).as("the reply went with its comment").isEmpty();
        assertThat(api.expect(api.send("GET", "/api/posts/" + id, null, null), 200).get("comment_count").asInt()).isZero();
        browser.waitText("#post-about", "0 comments shown to readers");
        browser.type("input[name=title]", "Tide tables, moderated");
        browser.click("#save");
        browser.waitText("#notice", "Saved (version 3)"); // moderation changed no version: no conflict

        // A new post scheduled for a time to come is a draft until then; choosing "published now"
        // clears the time. The time is the browser's, in New York: the post's instant is 4 hours later in UTC.
        browser.timeZone("America/New_York");
        try {
            scheduleAndPublish(token);
        } finally {
            browser.timeZone("");
        }
    }

    private static void scheduleAndPublish(String token) {
        browser.open("#/posts/new");
        browser.waitText("h1", "New post");
        assertThat(browser.find("[data-field=publish_at] label").getText()).contains("America/New_York");
        browser.type("input[name=title]", "Harbour lights");
        browser.type("textarea[name=content]", "Lit at dusk.");
        browser.script("const t = document.querySelector('input[name=publish_at]'); t.value = '2031-06-01T09:30';"
                + " t.dispatchEvent(new Event('input'));");
        browser.click("#save");
        browser.waitText("h1", "Edit “Harbour lights”");
        long scheduled = Long.parseLong(browser.url().replaceAll(".*#/posts/", ""));
        JsonNode draft = api.expect(api.send("GET", "/api/posts/" + scheduled, token, null), 200);
        assertThat(draft.get("published").asBoolean()).isFalse();
        assertThat(OffsetDateTime.parse(draft.get("publish_at").asText()).toInstant()).isEqualTo(Instant.parse("2031-06-01T13:30:00Z"));
        assertThat(api.send("GET", "/api/posts/" + scheduled, null, null).status()).as("hidden from readers until then").isEqualTo(404);
        assertThat(browser.find("input[name=publish_at]").getAttribute("value")).isEqualTo("2031-06-01T09:30");
        browser.click("input[name=published]");
        assertThat(browser.find("input[name=publish_at]").getAttribute("value")).isEmpty();
        browser.click("#save");
        browser.waitText("#notice", "Saved (version 2)");
        JsonNode now = api.expect(api.send("GET", "/api/posts/" + scheduled, null, null), 200);
        assertThat(now.get("published").asBoolean()).isTrue();
        assertThat(now.get("publish_at").isNull()).isTrue();
    }

    @Test
    void theEditorAndItsConfirmationWorkByKeyboardAlone() {
        String name = "console-keys";
        console.signUp(name);
        String token = console.token(name);
        long id = api.expect(api.send("POST", "/api/posts", token, Map.of("title", "Typed", "content", "By keys.")), 201)
                .get("id").asLong();
        browser.signIn(name, password(name));
        browser.open("#/posts/" + id);
        browser.waitText("h1", "Edit “Typed”");
        // From the page's heading (where the focus goes when a page opens), Tab visits the
        // editor's controls in the order they are shown.
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 30 && !order.contains("delete"); i++) {
            browser.keys(Keys.TAB);
            order.add(browser.focused());
        }
        assertThat(order).containsSubsequence("title", "content", "category_id", "tags", "published", "publish_at", "slug", "save", "delete");

        browser.script("document.querySelector('input[name=title]').focus()");
        browser.keys(Keys.END, " by keyboard");
        for (int i = 0; i < 30 && !browser.focused().equals("save"); i++) {
            browser.keys(Keys.TAB);
        }
        assertThat(browser.focused()).isEqualTo("save");
        browser.keys(Keys.ENTER);
        browser.waitText("#notice", "Saved (version 2)");
        assertThat(api.expect(api.send("GET", "/api/posts/" + id, token, null), 200).get("title").asText()).isEqualTo("Typed by keyboard");

        browser.keys(Keys.TAB);
        assertThat(browser.focused()).isEqualTo("delete");
        browser.keys(Keys.ENTER);
        browser.waitVisible("#confirm");
        assertThat(browser.focused()).as("the dialog takes the focus, on the harmless choice").isEqualTo("confirm-no");
        browser.keys(Keys.ENTER);
        browser.waitUntil("the dialog closed", "!document.getElementById('confirm').open");
        assertThat(browser.focused()).as("the focus back where it was").isEqualTo("delete");
        browser.keys(Keys.ENTER);
        browser.waitVisible("#confirm");
        browser.keys(Keys.ESCAPE);
        browser.waitUntil("the dialog closed", "!document.getElementById('confirm').open");
        assertThat(browser.focused()).isEqualTo("delete");
        assertThat(api.send("GET", "/api/posts/" + id, token, null).status()).as("Enter and Escape deleted nothing").isEqualTo(200);
    }
}
