package dev.inkwell.domain.user;

import dev.inkwell.domain.Text;
import dev.inkwell.domain.Violations;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The public profile of a user (one per user); every field is optional. */
public record Profile(long userId, String displayName, String bio, String website) {
    public static final int DISPLAY_NAME_MAX = 100;
    public static final int BIO_MAX = 2000;
    public static final int WEBSITE_MAX = 2048;

    /** Validates a profile: bounded lengths and, for the website, an absolute http(s) URL. */
    public static Profile of(long userId, String displayName, String bio, String website) {
        Violations v = new Violations();
        v.collect(() -> Text.optional("display_name", displayName, DISPLAY_NAME_MAX));
        v.collect(() -> Text.optional("bio", bio, BIO_MAX));
        v.collect(() -> Text.optional("website", website, WEBSITE_MAX));
        if (website != null && !website.isEmpty()) {
            v.check(isHttpUrl(website), "website", "must be an http or https URL");
        }
        v.throwIfAny();
        return new Profile(userId, displayName, bio, website);
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
