package dev.inkwell.ops;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.inkwell.ops.ConsoleUnderTest.JOBS;
import static dev.inkwell.ops.ConsoleUnderTest.password;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What admins do in Inkwell Console, in Debian's headless Chromium against the real api and
 * worker ({@link ConsoleUnderTest}): find and deactivate users, import users from CSV, keep
 * categories as a tree and merge tags. Each page is checked with axe-core, and the README's
 * screenshots are taken.
 */
@Tag("slow") // starts the api, a worker and a browser: own failsafe execution (root pom)
class ConsoleAdminsBrowserIT extends ConsoleBrowserTest {
    @Test
    void anAdminDeactivatesAUserWhoseTokenThenStopsWorking() throws Exception {
        String admin = "console-admin";
        String name = "console-leaver";
        console.signUp(name);
        String leaverToken = console.token(name);
        console.signInAsNewAdmin(admin, "#/users");
        String row = "tr[data-user='" + name + "']";
        // Each search's answer differs from what the one before it left on the page.
        search("zz-nobody");
        browser.waitText("#user-results", "No users match.");
        search(name + "@EXAMPLE");
        browser.waitText(row, name + "@example.com");
        search("zz-nobody");
        browser.waitText("#user-results", "No users match.");
        search("Console-Lea");
        browser.waitText("#user-results", "· 1 user");
        browser.click(row + " button[aria-label='Deactivate " + name + "']");
        browser.waitText(row, "inactive");
        browser.waitText("#notice", name + " deactivated.");
        console.accessible("users");
        browser.screenshot("users");
        assertThat(api.send("GET", "/api/tokens/current", leaverToken, null).status()).isEqualTo(401);
    }

    private static void search(String q) {
        browser.type("form[role=search] input[name=q]", q);
        browser.click("form[role=search] button[type=submit]");
    }

    @Test
    void aCsvWithOneBadRowCreatesNothingUntilTheGoodRowsAreChosen() throws Exception {
        String admin = "console-importer";
        console.signInAsNewAdmin(admin, "#/import");
        browser.find("input[type=file]").sendKeys(ConsoleBrowser.file("users.csv",
                "username,email\ncsv-ann,ann@example.com\ncsv-bob,not-an-address\ncsv-cy,cy@example.com\n").getAbsolutePath());
        browser.waitText("#import-rows", "3 rows in the file");
        browser.click("#import-create");
        browser.waitText("#import-status", "Nothing was created: 1 row has errors");
        assertThat(browser.find("tr[data-line='2']").getText()).contains("csv-bob", "email");
        assertThat(browser.find("tr[data-line='2']").getAttribute("class")).contains("row-error");
        assertThat(console.count("SELECT count(*) FROM users WHERE username LIKE ?", "csv-%")).as("nothing created yet").isZero();
        console.accessible("import");
        browser.screenshot("import-users");
        assertThat(browser.find("#import-create").getText()).isEqualTo("Create the 2 rows without errors");
        browser.click("#import-create");
        browser.waitText("#import-status", "Created 2 users.");
        assertThat(console.count("SELECT count(*) FROM users WHERE username LIKE ?", "csv-%")).isEqualTo(2);
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
            // The notice comes before the page is drawn again with the new category: the next
            // name goes into the new page's form.
            browser.waitUntil(name + " in the tree", "[...document.querySelectorAll('ul.tree .node')].some(n => "
                    + "n.textContent.startsWith('" + name + "'))");
        }
        browser.click("button[aria-label='Change Sails']");
        browser.type("form[aria-labelledby=edit-heading] input[name=name]", "Sailcloth");
        browser.choose("form[aria-labelledby=edit-heading] select[name=parent_id]", "Ships");
        browser.clickButton("form", "Save category");
        browser.waitText("#notice", "Category “Sailcloth” saved.");
        browser.waitUntil("Sailcloth under Ships", "[...document.querySelectorAll('ul.tree > li')].some(li => "
                + "li.querySelector('.node').textContent.startsWith('Ships') && li.querySelector('ul li')?.textContent.startsWith('Sailcloth'))");
        console.accessible("categories");
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
        browser.waitUntil("the tags drawn again without colour", "!document.querySelector(\"button[aria-label='Rename colour']\")");
        console.accessible("tags");
        assertThat(api.expect(api.send("GET", "/api/posts/" + british, token, null), 200).get("tags").toString()).isEqualTo("[\"color\"]");
    }
}
