package dev.inkwell.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.persistence.testing.TestDatabase;
import dev.inkwell.persistence.testing.TestPostgres;
import dev.inkwell.worker.InkwellWorkerApplication;
import dev.inkwell.worker.WorkerConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inkwell Console in Debian's headless Chromium against the real api and worker (this JVM, the
 * production config files, a test database and the test Redis): what editors, admins and
 * operators do, each page checked with axe-core, and the README's screenshots taken.
 */
@Tag("slow") // starts the api, a worker and a browser: own failsafe execution (root pom)
class ConsoleBrowserIT {
    private static final Duration JOBS = Duration.ofSeconds(90);
    private static TestDatabase db;
    private static ApiUnderTest api;
    private static DropwizardTestSupport<WorkerConfiguration> worker;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.get().newDatabase();
        String namespace = "console-" + UUID.randomUUID().toString().substring(0, 8);
        // The tests sign up and sign in more often than the production limits allow one address.
        List<ConfigOverride> limits = List.of("tokens", "signUp", "bulk").stream()
                .flatMap(l -> List.of(ConfigOverride.config("rateLimits." + l + ".perMinute", "10000"),
                        ConfigOverride.config("rateLimits." + l + ".burst", "1000")).stream()).toList();
        api = ApiUnderTest.start(db, namespace, limits);
        List<ConfigOverride> overrides = ApiUnderTest.overrides(db, namespace);
        overrides.add(ConfigOverride.config("jobs.workerCount", "2"));
        overrides.add(ConfigOverride.config("backups.dir", Files.createTempDirectory("console-backups").toString()));
        worker = new DropwizardTestSupport<>(InkwellWorkerApplication.class, Path.of("config/worker.yml").toAbsolutePath().toString(),
                overrides.toArray(ConfigOverride[]::new));
        worker.before();
        browser = new ConsoleBrowser("http://127.0.0.1:" + api.support().getLocalPort());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (worker != null) {
            worker.after();
        }
        if (api != null) {
            api.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    /** Signs up {@code username} (password "the password of ..."); returns the user's id. */
    private static long signUp(String username) {
        return api.expect(api.send("POST", "/api/users", null, Map.of("username", username, "email", username + "@example.com",
                "password", password(username))), 201).get("id").asLong();
    }

    private static String password(String username) {
        return "the password of " + username;
    }

    private static String token(String username) {
        return api.expect(api.send("POST", "/api/tokens", null, Map.of("username", username, "password", password(username))), 201)
                .get("token").asText();
    }

    /** Makes {@code username} an admin, signs in as them and opens the console's {@code page}. */
    private static void signInAsNewAdmin(String username, String page) throws Exception {
        api.adminToken(username);
        browser.signIn(username, password(username));
        browser.click("#nav a[href='" + page + "']");
    }

    private static void accessible(String page) {
        assertThat(browser.seriousAccessibilityViolations()).as("serious accessibility violations on " + page).isEmpty();
    }

    @Test
    void signInRefusesAWrongPasswordSignsOutAndAnExpiredSessionReturnsToSignIn() {
        String name = "console-reader";
        signUp(name);
        browser.open("");
        browser.script("sessionStorage.clear()");
        browser.open("");
        browser.waitText("h1", "Sign in");
        accessible("sign-in");
        browser.screenshot("sign-in");
        browser.type("input[name=username]", name);
        browser.type("input[name=password]", "not the password");
        browser.click("form button[type=submit]");
        browser.waitText(".alert", "Unknown username or wrong password");

        browser.signIn(name, password(name));
        Map<String, Object> kept = browser.storage();
        assertThat((String) kept.get("token")).as("the token, in this tab's sessionStorage").isNotBlank();
        assertThat((String) kept.get("cookie")).isEmpty();
        assertThat((String) kept.get("url")).doesNotContain((String) kept.get("token"));
        browser.click("#sign-out");
        browser.waitText("#notice", "You are signed out.");
        browser.waitText("h1", "Sign in");
        assertThat(browser.storage().get("token")).isNull();

        browser.signIn(name, password(name));
        db.execute(("UPDATE api_tokens SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'"
                + " WHERE user_id = (SELECT id FROM users WHERE username = '%s')").formatted(name));
        // The lists of tags and categories need no sign-in (and ignore a token); posts check it.
        browser.click("#nav a[href='#/tags']");
        browser.waitText("h1", "Tags");
        browser.click("#nav a[href='#/posts']");
        browser.waitText("h1", "Sign in");
        browser.waitText(".alert", "Your session has expired. Please sign in again.");
        assertThat(browser.storage().get("token")).isNull();
    }

    @Test
    void anEditorCreatesAndEditsAPostFindsItAndResolvesAConflict() {
        String name = "console-editor";
        signUp(name);
        String apiToken = token(name);
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
        accessible("post editor");
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
        accessible("post conflict");
        browser.screenshot("post-conflict");
        browser.click("#keep-mine");
        browser.waitText("#notice", "Saved (version 4)");
        assertThat(api.expect(api.send("GET", "/api/posts/" + id, apiToken, null), 200).get("title").asText()).isEqualTo("My lighthouse");

        browser.click("#nav a[href='#/posts']");
        browser.type("input[name=q]", "lighthouse");
        browser.click("form[role=search] button[type=submit]");
        browser.waitText("#post-results", "My lighthouse");
        accessible("posts");
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
    void aBulkUpdateShowsItsProgressBarUntil100Percent() {
        String name = "console-bulk";
        long author = signUp(name);
        // The category through the API (lists of categories are kept in the cache), its drafts straight in.
        long harbour = api.expect(api.send("POST", "/api/categories", token(name), Map.of("name", "Harbour")), 201).get("id").asLong();
        db.execute("""
                INSERT INTO posts (author_id, category_id, title, content, published)
                SELECT %d, %d, 'harbour post ' || g, 'words', false FROM generate_series(1, 25) g
                """.formatted(author, harbour));
        browser.signIn(name, password(name));
        browser.find("select[name=category_id] option[value]");
        browser.script("const s = document.querySelector('form[role=search] select[name=category_id]');"
                + "s.value = [...s.options].find(o => o.text === 'Harbour').value;");
        browser.click("form[role=search] button[type=submit]");
        browser.waitText("#post-results", "25 posts");
        browser.click("#select-page");
        browser.waitText("#selected-count", "20 selected");
        browser.click("#bulk-apply");
        browser.waitText("#bulk-percent", "100%", JOBS);
        browser.waitText("#bulk-status", "Done: 20 of 20 posts changed.");
        assertThat(browser.find("#bulk-progress").getAttribute("value")).isEqualTo("100");
        accessible("bulk update");
        browser.screenshot("bulk-update");
        long published = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM posts WHERE published AND author_id = :a")
                .bind("a", author).mapTo(Long.class).one());
        assertThat(published).isEqualTo(20);
    }

    @Test
    void anAdminDeactivatesAUserWhoseTokenThenStopsWorking() throws Exception {
        String admin = "console-admin";
        String name = "console-leaver";
        signUp(name);
        String leaverToken = token(name);
        signInAsNewAdmin(admin, "#/users");
        String row = "tr[data-user='" + name + "']";
        while (browser.all(row).isEmpty()) {
            browser.waitText("#user-results", "users");
            if (browser.all(row).isEmpty()) {
                browser.clickButton("main", "Next page");
            }
        }
        browser.click(row + " button[aria-label='Deactivate " + name + "']");
        browser.waitText(row, "inactive");
        browser.waitText("#notice", name + " deactivated.");
        accessible("users");
        browser.screenshot("users");
        assertThat(api.send("GET", "/api/tokens/current", leaverToken, null).status()).isEqualTo(401);
    }

    @Test
    void aCsvWithOneBadRowCreatesNothingUntilTheGoodRowsAreChosen() throws Exception {
        String admin = "console-importer";
        signInAsNewAdmin(admin, "#/import");
        browser.find("input[type=file]").sendKeys(ConsoleBrowser.file("users.csv",
                "username,email\ncsv-ann,ann@example.com\ncsv-bob,not-an-address\ncsv-cy,cy@example.com\n").getAbsolutePath());
        browser.waitText("#import-rows", "3 rows in the file");
        browser.click("#import-create");
        browser.waitText("#import-status", "Nothing was created: 1 row has errors");
        assertThat(browser.find("tr[data-line='2']").getText()).contains("csv-bob", "email");
        assertThat(browser.find("tr[data-line='2']").getAttribute("class")).contains("row-error");
        assertThat(usersNamed("csv-%")).as("nothing created yet").isZero();
        accessible("import");
        browser.screenshot("import-users");
        assertThat(browser.find("#import-create").getText()).isEqualTo("Create the 2 rows without errors");
        browser.click("#import-create");
        browser.waitText("#import-status", "Created 2 users.");
        assertThat(usersNamed("csv-%")).isEqualTo(2);
    }

    private static long usersNamed(String pattern) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE username LIKE :p").bind("p", pattern)
                .mapTo(Long.class).one());
    }

    @Test
    void theOperatorPageDrawsItsChartsBacksUpAndChecksTheRestore() throws Exception {
        String admin = "console-operator";
        signInAsNewAdmin(admin, "#/operator");
        browser.waitText("main", "Readiness");
        browser.waitUntil("six charts drawn", "document.querySelectorAll('#charts figure svg').length === 6");
        browser.waitText("main", "1 seen"); // the worker, through the job storage
        assertThat(browser.find("figure[data-chart='Posts created, last 7 days'] svg").getAttribute("aria-label"))
                .startsWith("Posts created, last 7 days: ");
        browser.click("#backup-now");
        browser.waitText("#backup-status", "Backup: succeeded", JOBS);
        browser.waitText("#backups", "verified");
        browser.click("#check-restore");
        browser.waitText("#backup-status", "Restore check: succeeded", JOBS);
        browser.waitText("#backups", "passed");
        browser.waitUntil("the jobs chart counts the backup", "document.querySelector(\"figure[data-chart='Jobs by state'] svg\")"
                + ".getAttribute('aria-label').includes('succeeded')");
        accessible("operator");
        browser.screenshot("operator");
    }

    @Test
    void anAdminKeepsCategoriesAsATreeAndMergesTagsByRenaming() throws Exception {
        String admin = "console-curator";
        String token = api.adminToken(admin);
        long british = api.expect(api.send("POST", "/api/posts", token, Map.of("title", "British", "content", "c",
                "tags", List.of("colour"))), 201).get("id").asLong();
        api.expect(api.send("POST", "/api/posts", token, Map.of("title", "American", "content", "c", "tags", List.of("color"))), 201);
        browser.signIn(admin, password(admin));
        browser.click("#nav a[href='#/categories']");
        for (String name : List.of("Ships", "Sails")) {
            browser.type("form[aria-labelledby=new-heading] input[name=name]", name);
            browser.click("form[aria-labelledby=new-heading] button[type=submit]");
            browser.waitText("#notice", "Category “" + name + "” created.");
        }
        browser.click("button[aria-label='Change Sails']");
        browser.type("form[aria-labelledby=edit-heading] input[name=name]", "Sailcloth");
        browser.script("const s = document.querySelector('form[aria-labelledby=edit-heading] select[name=parent_id]');"
                + "s.value = [...s.options].find(o => o.text === 'Ships').value;");
        browser.clickButton("form", "Save category");
        browser.waitText("#notice", "Category “Sailcloth” saved.");
        browser.waitUntil("Sailcloth under Ships", "[...document.querySelectorAll('ul.tree > li')].some(li => "
                + "li.querySelector('.node').textContent.startsWith('Ships') && li.querySelector('ul li')?.textContent.startsWith('Sailcloth'))");
        accessible("categories");
        browser.screenshot("categories");
        browser.click("button[aria-label='Change Sailcloth']");
        browser.clickButton("form", "Delete category");
        browser.click("#confirm-yes");
        browser.waitText("#notice", "Category “Sailcloth” deleted.");

        browser.click("#nav a[href='#/tags']");
        browser.click("button[aria-label='Rename colour']");
        browser.type("form[aria-labelledby=tag-heading] input[name=name]", "color");
        browser.clickButton("form", "Rename tag");
        browser.waitText("#confirm-text", "Merge “colour” into it?");
        browser.click("#confirm-yes");
        browser.waitText("#notice", "Tag “colour” merged into “color”.", JOBS);
        accessible("tags");
        assertThat(browser.all("button[aria-label='Rename colour']")).isEmpty();
        assertThat(api.expect(api.send("GET", "/api/posts/" + british, token, null), 200).get("tags").toString()).isEqualTo("[\"color\"]");
    }

    @Test
    void theConsoleWorksByKeyboardAndAtPhoneWidth() {
        String name = "console-phone";
        signUp(name);
        browser.resize(390, 844);
        try {
            browser.open("");
            browser.script("sessionStorage.clear()");
            browser.open("");
            browser.waitText("h1", "Sign in");
            browser.find("input[name=username]").sendKeys(name, Keys.TAB, password(name), Keys.ENTER);
            browser.waitText("h1", "Posts");
            browser.waitText("#post-results", "posts");
            assertThat((Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("nothing wider than the phone's screen").isTrue();
            accessible("posts at phone width");
            browser.screenshot("posts-phone");
        } finally {
            browser.resize(1280, 1000);
        }
    }
}
