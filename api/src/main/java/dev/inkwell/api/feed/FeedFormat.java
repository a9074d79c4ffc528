package dev.inkwell.api.feed;

/** The formats a feed is served in, with their media types and the extension of their paths. */
public enum FeedFormat {
    ATOM("atom", "application/atom+xml"),
    RSS("rss", "application/rss+xml");

    private final String extension;
    private final String mediaType;

    FeedFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The {@code Content-Type} of the feed: its media type, UTF-8. */
    public String contentType() {
        return mediaType + ";charset=UTF-8";
    }
}
