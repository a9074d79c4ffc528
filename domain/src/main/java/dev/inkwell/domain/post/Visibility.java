package dev.inkwell.domain.post;

/**
 * Which unpublished posts a reader may see: none (anonymous), their own (a signed-in author),
 * or all (an admin). Published posts are visible to everyone.
 */
public record Visibility(boolean all, Long authorId) {
    public static final Visibility PUBLIC = new Visibility(false, null);
    public static final Visibility ALL = new Visibility(true, null);

    public static Visibility ownedBy(long authorId) {
        return new Visibility(false, authorId);
    }

    /** Whether this reader may see a post that is (or is not) published, by {@code postAuthorId}. */
    public boolean shows(boolean published, long postAuthorId) {
        return published || all || (authorId != null && authorId == postAuthorId);
    }
}
