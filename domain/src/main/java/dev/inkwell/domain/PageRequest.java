package dev.inkwell.domain;

/** Which page of a list to return: 1-based {@code page}, {@code perPage} of 1–100 (default 20). */
public record PageRequest(int page, int perPage) {
    public static final int DEFAULT_PER_PAGE = 20;
    public static final int MAX_PER_PAGE = 100;
    /** Deeper offsets scan and discard too many rows: past this, clients must use the cursor. */
    public static final int MAX_PAGE = 10_000;

    public PageRequest {
        Violations v = new Violations();
        v.check(page >= 1 && page <= MAX_PAGE, "page", "must be between 1 and " + MAX_PAGE);
        v.check(perPage >= 1 && perPage <= MAX_PER_PAGE, "per_page", "must be between 1 and " + MAX_PER_PAGE);
        v.throwIfAny();
    }

    public static PageRequest of(Integer page, Integer perPage) {
        return new PageRequest(page == null ? 1 : page, perPage == null ? DEFAULT_PER_PAGE : perPage);
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
