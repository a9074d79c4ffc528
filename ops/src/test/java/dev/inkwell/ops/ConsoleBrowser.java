package dev.inkwell.ops;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium, headless, driven through its chromedriver, on Inkwell Console at {@code base}.
 * Missing Chromium fails the test with what to install (CI installs it): a browser test that
 * skips itself silently proves nothing.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the screenshots go; the README shows copies of some in docs/console. */
    static final Path SHOTS = Path.of("target/console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String base;
    private final WebDriver driver;

    ConsoleBrowser(String base) {
        assertThat(CHROMIUM).as("Chromium for the browser tests: apt-get install -y chromium chromium-driver").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver for the browser tests: apt-get install -y chromium-driver").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = base;
    }

    /** Opens the console at {@code hash} (e.g. "#/posts") in a fresh page load. */
    void open(String hash) {
        driver.get(base + "/console/" + hash);
    }

    /** Signs in through the form and waits for the navigation. */
    void signIn(String username, String password) {
        open("");
        // A page load keeps the tab's sessionStorage: start signed out.
        script("sessionStorage.clear()");
        driver.navigate().refresh();
        type("input[name=username]", username);
        type("input[name=password]", password);
        click("form button[type=submit]");
        waitVisible("#nav");
        waitText("h1", "Posts");
    }

    WebElement find(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void waitVisible(String css) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until the element's text contains {@code text}; returns its whole text. */
    String waitText(String css, String text) {
        return waitText(css, text, WAIT);
    }

    /** As {@link #waitText(String, String)}, waiting at most {@code limit} (background jobs). */
    String waitText(String css, String text, Duration limit) {
        // Found and read in one poll: the console re-renders parts of a page (a refresh replaces the
        // backups' list), and an element found after the wait could be gone when its text is read
        // (a CI run failed so: StaleElementReferenceException on #backups).
        return new WebDriverWait(driver, limit).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> css + " to show \"" + text + "\"; the page says: " + bodyText())
                .until(d -> {
                    String shown = d.findElement(By.cssSelector(css)).getText();
                    return shown.contains(text) ? shown : null;
                });
    }

    /** Waits until {@code script} (an expression) is true. */
    void waitUntil(String what, String script) {
        new WebDriverWait(driver, WAIT).withMessage(() -> what + "; the page says: " + bodyText())
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return !!(" + script + ")")));
    }

    String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * Clears the field and types {@code text} into it, found and filled in one poll: the console
     * re-renders a page after a write (a CI run failed so: StaleElementReferenceException typing
     * into a form that the refreshed page replaced), and a field replaced meanwhile is found again.
     */
    void type(String css, String text) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement field = d.findElement(By.cssSelector(css));
            field.clear();
            field.sendKeys(text);
            return true;
        });
    }

    /** Clicks the element once it is clickable, found and clicked in one poll (see {@link #type}). */
    void click(String css) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement target = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
            if (target == null) {
                return false;
            }
            target.click();
            return true;
        });
    }

    /** Clicks the button whose text is {@code label} (within {@code scope}). */
    void clickButton(String scope, String label) {
        By by = By.xpath("//" + scope + "//button[normalize-space(.)='" + label + "']");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** Chooses the option shown as {@code text} in the select {@code css}, as a change by the user. */
    void choose(String css, String text) {
        find(css);
        script("const s = document.querySelector(arguments[0]); s.value = [...s.options].find(o => o.text === arguments[1]).value;"
                + " s.dispatchEvent(new Event('change'));", css, text);
    }

    /** Makes the page's clock run in {@code zone} (an IANA name), or in the machine's again with "". */
    void timeZone(String zone) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
    }

    /** Presses {@code keys} where the focus is, as a keyboard user would. */
    void keys(CharSequence... keys) {
        driver.switchTo().activeElement().sendKeys(keys);
    }

    /** What has the focus: its name, else its id, else the start of its text. */
    String focused() {
        return (String) script("const e = document.activeElement;"
                + " return e.getAttribute('name') || e.id || e.textContent.trim().slice(0, 40);");
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** Saves a screenshot of the page as {@code name}.png under target/console-screenshots. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SHOTS);
            Path file = SHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core (vendored as a test resource, injected here: the console never loads it) on the
     * page; returns the serious and critical violations, each as "rule: help (where)".
     */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() {
        script(axeSource());
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        return (List<String>) result;
    }

    private static String axeSource() {
        try (InputStream in = ConsoleBrowser.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file {@code name} with {@code text}, for an upload. */
    static File file(String name, String text) {
        try {
            Path dir = Files.createTempDirectory("console-upload");
            return Files.writeString(dir.resolve(name), text).toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page keeps where scripts could read it: cookies and the URL must hold no token. */
    Map<String, Object> storage() {
        @SuppressWarnings("unchecked")
        Map<String, Object> kept = (Map<String, Object>) script(
                "return {cookie: document.cookie, url: location.href, token: sessionStorage.getItem('inkwell.console.token')}");
        return kept;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
