package dev.inkwell.ops;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

import java.util.Map;

import static dev.inkwell.ops.ConsoleUnderTest.password;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in to Inkwell Console and out again, in Debian's headless Chromium against the real
 * api and worker ({@link ConsoleUnderTest}): a wrong password, where the token is kept, an
 * expired session, and signing in by keyboard at a phone's width. Each page is checked with
 * axe-core, and the README's screenshots are taken.
 */
@Tag("slow") // starts the api, a worker and a browser: own failsafe execution (root pom)
class ConsoleSignInBrowserIT extends ConsoleBrowserTest {
    @Test
    void signInRefusesAWrongPasswordSignsOutAndAnExpiredSessionReturnsToSignIn() {
        String name = "console-reader";
        console.signUp(name);
        browser.open("");
        browser.script("sessionStorage.clear()");
        browser.open("");
        browser.waitText("h1", "Sign in");
        console.accessible("sign-in");
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
        console.db.execute(("UPDATE api_tokens SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'"
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
    void theConsoleWorksByKeyboardAndAtPhoneWidth() {
        String name = "console-phone";
        console.signUp(name);
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
            console.accessible("posts at phone width");
            browser.screenshot("posts-phone");
        } finally {
            browser.resize(1280, 1000);
        }
    }
}
