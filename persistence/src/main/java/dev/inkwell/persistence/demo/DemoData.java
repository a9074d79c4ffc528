package dev.inkwell.persistence.demo;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Demo and benchmark data: users, categories, tags, posts of about 1 KB and their tags, with the
 * distributions of the standard benchmark data set (Zipf-ranked words, categories and tags; 80%
 * published; two years of timestamps before a fixed anchor). Deterministic: the same sizes give
 * the same rows on every run, offset by the ids the tables have used before. Demo users have no
 * password, so they cannot sign in (admins and new sign-ups can).
 *
 * <p>Only a database without posts is filled; a session advisory lock makes a second seeder
 * wait and then find the posts. Posts are generated in slices (25,000) on parallel
 * connections (their search vectors cost most of the time); if one fails, everything seeded is
 * deleted again.
 */
public final class DemoData {
    private static final long LOCK = 0x1_4E4B_5745_4C4CL; // "inkwell" demo data

    /** How much to generate. {@link #DEMO} for local mode, {@link #STANDARD} for the benchmark. */
    public record Size(int users, int categories, int tags, int posts) {
        public static final Size DEMO = new Size(50, 8, 40, 300);
        public static final Size STANDARD = new Size(10_000, 50, 500, 200_000);

        /** The largest {@link #scaled} factor: 200,000 users and 4,000,000 posts of the standard set. */
        public static final int MAX_SCALE = 20;

        public Size {
            if (users < 1 || categories < 1 || tags < 1 || posts < 0) {
                throw new IllegalArgumentException("demo data needs at least one user, category and tag");
            }
        }

        /**
         * This size with {@code factor} times the users and posts; categories and tags stay, so
         * that per-request costs at scale compare with the standard set's (the same filters and
         * tags, more rows behind each).
         */
        public Size scaled(int factor) {
            if (factor < 1 || factor > MAX_SCALE) {
                throw new IllegalArgumentException("the scale must be an integer from 1 to " + MAX_SCALE + ", not " + factor);
            }
            return new Size(Math.multiplyExact(users, factor), categories, tags, Math.multiplyExact(posts, factor));
        }
    }

    /** What was generated: the first id of each kind (ids are consecutive from there). */
    public record Seeded(Size size, long firstUserId, long firstCategoryId, long firstTagId, long firstPostId, long postTags) {
        long lastUserId() {
            return firstUserId + size.users() - 1;
        }

        long lastCategoryId() {
            return firstCategoryId + size.categories() - 1;
        }

        long lastTagId() {
            return firstTagId + size.tags() - 1;
        }

        long lastPostId() {
            return firstPostId + size.posts() - 1;
        }

        Seeded withPostTags(long count) {
            return new Seeded(size, firstUserId, firstCategoryId, firstTagId, firstPostId, count);
        }
    }

    private final Jdbi jdbi;
    private final int parallelism;
    private final int slice;

    /** {@code parallelism}: connections generating posts at once (the data source must have them). */
    public DemoData(Jdbi jdbi, int parallelism) {
        this(jdbi, parallelism, 25_000);
    }

    DemoData(Jdbi jdbi, int parallelism, int slice) {
        this.jdbi = jdbi;
        this.parallelism = Math.max(1, parallelism);
        this.slice = slice;
    }

    /** Fills a database without posts; returns null (and changes nothing) when it has posts. */
    public Seeded seedIfEmpty(Size size) throws InterruptedException {
        try (Handle lock = jdbi.open()) {
            lock.createQuery("SELECT true FROM pg_advisory_lock(:key)").bind("key", LOCK).mapTo(Boolean.class).one();
            try {
                DemoDataDao dao = lock.attach(DemoDataDao.class);
                if (dao.hasPosts()) {
                    return null;
                }
                Seeded seeded = lock.inTransaction(h -> {
                    h.execute("SET LOCAL statement_timeout = 0");
                    DemoDataDao tx = h.attach(DemoDataDao.class);
                    Seeded ids = new Seeded(size, tx.nextId("users"), tx.nextId("categories"), tx.nextId("tags"),
                            tx.nextId("posts"), 0);
                    tx.reserveIds("users", ids.lastUserId());
                    tx.reserveIds("categories", ids.lastCategoryId());
                    tx.reserveIds("tags", ids.lastTagId());
                    tx.reserveIds("posts", ids.lastPostId());
                    tx.createHelpers();
                    tx.insertUsers(size, ids.firstUserId() - 1);
                    tx.insertCategories(size, ids.firstCategoryId() - 1);
                    tx.insertTags(size, ids.firstTagId() - 1);
                    return ids;
                });
                long postTags;
                try {
                    postTags = insertPosts(seeded);
                } catch (RuntimeException | InterruptedException e) {
                    undo(dao, seeded);
                    throw e;
                }
                // Planner statistics now, not when autovacuum gets round to it; and the search index's
                // pending list merged now (352 pages after a standard seed), not scanned by every
                // search until autovacuum merges it.
                lock.useTransaction(h -> {
                    h.execute("SET LOCAL statement_timeout = 0"); // at scale, longer than a request may take
                    h.execute("ANALYZE users, categories, tags, posts, post_search, post_tags");
                    h.createQuery("SELECT gin_clean_pending_list('post_search_search_idx')").mapTo(Long.class).one();
                });
                return seeded.withPostTags(postTags);
            } finally {
                lock.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", LOCK).mapTo(Boolean.class).one();
            }
        }
    }

    /** The posts and their tags, slice by slice, one transaction per slice; returns the post tags. */
    private long insertPosts(Seeded ids) throws InterruptedException {
        Size size = ids.size();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "demo-data");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Long>> slices = new ArrayList<>();
            for (int from = 1; from <= size.posts(); from += slice) {
                int first = from;
                int last = Math.min(size.posts(), from + slice - 1);
                slices.add(pool.submit(() -> jdbi.inTransaction(h -> {
                    // Generating a slice with its search vectors takes longer than a request may.
                    h.execute("SET LOCAL statement_timeout = 0");
                    DemoDataDao tx = h.attach(DemoDataDao.class);
                    tx.createVocabulary();
                    tx.insertPosts(size, ids.firstPostId() - 1, ids.firstUserId() - 1, ids.firstCategoryId() - 1, first, last);
                    return tx.insertPostTags(size, ids.firstPostId() - 1, ids.firstTagId() - 1, first, last);
                })));
            }
            long postTags = 0;
            for (Future<Long> slice : slices) {
                try {
                    postTags += slice.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
            return postTags;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void undo(DemoDataDao dao, Seeded ids) {
        dao.delete("posts", ids.firstPostId(), ids.lastPostId());
        dao.delete("tags", ids.firstTagId(), ids.lastTagId());
        dao.delete("categories", ids.firstCategoryId(), ids.lastCategoryId());
        dao.delete("users", ids.firstUserId(), ids.lastUserId());
    }
}
