package dev.inkwell.ops;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.inkwell.ops.ConsoleUnderTest.JOBS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators see in Inkwell Console, in Debian's headless Chromium against the real api and
 * worker ({@link ConsoleUnderTest}): health, pools, the cache, sizes and jobs as charts, and
 * backups made and checked by the worker. The page is checked with axe-core, and the README's
 * screenshot is taken.
 */
@Tag("slow") // starts the api, a worker and a browser: own failsafe execution (root pom)
class ConsoleOperatorsBrowserIT extends ConsoleBrowserTest {
    @Test
    void theOperatorPageDrawsItsChartsBacksUpAndChecksTheRestore() throws Exception {
        String admin = "console-operator";
        console.signInAsNewAdmin(admin, "#/operator");
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
        console.accessible("operator");
        browser.screenshot("operator");
    }
}
