package dev.inkwell.persistence.testing;

/**
 * Dropwizard's test overrides are system properties ("dw." + key), and each restores on stop the
 * value it found at start: two apps of one test overriding the same key leave the first's value
 * behind for the next test class (a dead proxy's database URL, a low rate limit). Tests that run
 * several apps call {@link #forget} once they are all stopped.
 */
public final class ConfigOverrides {
    private ConfigOverrides() {
    }

    /** Clears every "dw." system property: call it only when no app of the test is starting. */
    public static void forget() {
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("dw."))
                .forEach(System::clearProperty);
    }
}
