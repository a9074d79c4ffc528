package dev.inkwell.ops;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every browser test of the console starts from: the run's one {@link ConsoleUnderTest}
 * (started by the first class that needs it), its api and its browser.
 */
@ExtendWith(ConsoleUnderTest.Extension.class)
abstract class ConsoleBrowserTest {
    static ConsoleUnderTest console;
    static ApiUnderTest api;
    static ConsoleBrowser browser;

    @BeforeAll
    static void start(ConsoleUnderTest started) {
        console = started;
        api = started.api;
        browser = started.browser;
    }
}
