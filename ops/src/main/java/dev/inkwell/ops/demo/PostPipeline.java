package dev.inkwell.ops.demo;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Writes a seed's posts with binary COPY, slice by slice, in stages that run at once on their own
 * connections, one transaction per slice and stage: the posts; their search rows (post_search),
 * with vectors from the vocabulary, the insert trigger switched off in the posts' transactions so
 * that it does not compute them again; their tags. A slice's search rows wait for its posts (their
 * foreign key needs them committed), its tags for its search rows, so that two transactions never
 * hold key-share locks on the same posts at once (each would become a MultiXact). The posts run at
 * most {@link #AHEAD} slices ahead of the tags. Without {@code assembleVectors} the trigger computes
 * the vectors and the search stage is left out. If a stage fails, every stage stops after its
 * current slice, and {@link #run} throws only when all have stopped, so that the caller can delete
 * what was written.
 */
final class PostPipeline {
    private static final int AHEAD = 2;
    /** The search index's pending list and the memory to merge it with, in a search row's transaction (64 MB). */
    static final int MERGE_KILOBYTES = 64 * 1024;

    /** One stage's work on a slice, inside its transaction. */
    private interface Stage {
        void write(Handle handle, PostSlice slice) throws SQLException;
    }

    private final Jdbi jdbi;
    private final DemoPosts posts;
    private final int slice;
    private final boolean assembleVectors;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong postTags = new AtomicLong();

    PostPipeline(Jdbi jdbi, DemoPosts posts, int slice, boolean assembleVectors) {
        this.jdbi = jdbi;
        this.posts = posts;
        this.slice = slice;
        this.assembleVectors = assembleVectors;
    }

    /** Writes posts 1..{@code count}; returns the post tags written. */
    long run(int count) throws InterruptedException {
        List<Stage> stages = new ArrayList<>();
        stages.add((h, s) -> {
            DemoDataDao dao = h.attach(DemoDataDao.class);
            if (assembleVectors) {
                dao.disableSearchTrigger();
            }
            BinaryCopy.copy(h, PostSlice.COPY_POSTS, s::writePosts);
            if (assembleVectors) {
                dao.enableSearchTrigger();
            }
        });
        if (assembleVectors) {
            SearchVectors vectors = new SearchVectors(posts.vocabulary());
            stages.add((h, s) -> {
                // The search index takes new rows in its pending list and merges the list into
                // its trees whenever it passes its limit (512 kB since changeset 023, which keeps
                // searches from reading a long list), accumulating in work_mem: a merge every hundred
                // posts or so, each touching the posting trees of the common words again, made this
                // stage take three times the whole seed. Fewer, larger merges here; the seed
                // merges what is left at its end.
                DemoDataDao dao = h.attach(DemoDataDao.class);
                Integer limit = dao.searchPendingLimit().orElse(null);
                dao.setSearchPendingLimit(MERGE_KILOBYTES);
                h.execute("SET LOCAL work_mem = '" + MERGE_KILOBYTES + "kB'");
                BinaryCopy.copy(h, PostSlice.COPY_SEARCH, copy -> s.writeSearch(copy, vectors));
                dao.setSearchPendingLimit(limit);
            });
        }
        stages.add((h, s) -> postTags.addAndGet(BinaryCopy.copy(h, PostSlice.COPY_TAGS, s::writeTags)));

        int slices = (count + slice - 1) / slice;
        AtomicReferenceArray<PostSlice> generated = new AtomicReferenceArray<>(slices);
        List<List<CompletableFuture<Void>>> done = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int k = 0; k < slices; k++) {
                futures.add(new CompletableFuture<>());
            }
            done.add(futures);
        }
        ExecutorService pool = Executors.newFixedThreadPool(stages.size(), r -> {
            Thread t = new Thread(r, "demo-data");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < stages.size(); i++) {
                int stage = i;
                running.add(pool.submit(() -> runStage(stages.get(stage), stage, done, generated, count)));
            }
            awaitAll(running);
        } finally {
            pool.shutdown();
        }
        Throwable failed = failure.get();
        if (failed instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (failed != null) {
            throw failed instanceof RuntimeException r ? r : new IllegalStateException("the demo posts failed", failed);
        }
        return postTags.get();
    }

    /** Runs a stage over every slice, each once the stage before it is done with it; the last stage lets it go. */
    private void runStage(Stage stage, int index, List<List<CompletableFuture<Void>>> done, AtomicReferenceArray<PostSlice> generated,
                          int count) {
        List<CompletableFuture<Void>> mine = done.get(index);
        boolean last = index == done.size() - 1;
        int k = 0;
        try (Handle handle = jdbi.open()) {
            for (; k < mine.size() && failure.get() == null; k++) {
                if (index == 0) {
                    if (k >= AHEAD) {
                        done.get(done.size() - 1).get(k - AHEAD).join();
                    }
                    generated.set(k, posts.slice(k * slice + 1, Math.min(count, (k + 1) * slice)));
                } else {
                    done.get(index - 1).get(k).join();
                }
                PostSlice s = last ? generated.getAndSet(k, null) : generated.get(k);
                handle.useTransaction(h -> {
                    h.execute("SET LOCAL statement_timeout = 0"); // a slice on a busy machine may take longer than a request
                    stage.write(h, s);
                });
                mine.get(k).complete(null);
            }
        } catch (SQLException | RuntimeException e) {
            // A CompletionException is another stage failing first: its failure is the one recorded.
            failure.compareAndSet(null, e);
        } finally {
            for (; k < mine.size(); k++) {
                mine.get(k).completeExceptionally(new IllegalStateException("an earlier stage failed"));
            }
        }
    }

    /** Waits for every stage to stop; if interrupted, stops them first, and still waits. */
    private void awaitAll(List<Future<?>> running) {
        boolean interrupted = false;
        for (Future<?> stage : running) {
            while (true) {
                try {
                    stage.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    failure.compareAndSet(null, e);
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, e.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
