package dev.inkwell.ops.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Local mode's data folder, claimed by one run at a time: a lock that the operating system
 * releases however the run ends (a second run on the folder says so and stops). Once it holds the
 * claim, a run stops the embedded servers that an earlier run, killed with SIGKILL, left running:
 * such a PostgreSQL still holds the data directory and keeps the next one from starting.
 */
final class DataFolder {
    private static final String LOCK = "local.lock";
    private static final String REDIS_PID = "redis.pid";
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final Path dir;
    private final FileLock lock;

    private DataFolder(Path dir, FileLock lock) {
        this.dir = dir;
        this.lock = lock;
    }

    Path dir() {
        return dir;
    }

    /** Lets the next run have the folder (the operating system does it too when this process dies). */
    void release() throws IOException {
        lock.channel().close();
    }

    /** Claims {@code dir} (creating it) for this process until it exits. */
    static DataFolder claim(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(LOCK);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            String holder = Files.readString(file).strip();
            throw new LocalModeException("another local mode" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + " is running on the data folder " + dir + "; stop it first, or give this one its own INKWELL_DATA_DIR");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.force(false);
        return new DataFolder(dir, lock);
    }

    /**
     * Stops the PostgreSQL that {@code postgresData}'s postmaster.pid names, if it still runs: it
     * can only be left over from a killed run, since this one holds the claim. Checked to be a
     * postgres of this data directory before it gets SIGINT (PostgreSQL's fast shutdown).
     */
    void stopLeftoverPostgres(Path postgresData) throws IOException {
        Path pidFile = postgresData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        // Line 1: the postmaster's pid; line 2: its data directory, as given to it with -D.
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postgres = lines.size() < 2 ? Optional.empty() : process(lines.get(0)).filter(p ->
                p.info().command().orElse("").endsWith("/postgres")
                        && List.of(p.info().arguments().orElse(new String[0])).contains(lines.get(1)));
        if (postgres.isPresent()) {
            System.out.println("local: stopping the PostgreSQL (pid " + postgres.get().pid() + ") that a killed run left running");
            signal("INT", postgres.get());
            awaitExit(postgres.get(), "PostgreSQL");
        }
    }

    /** Notes the embedded Redis's process, so that the next run can stop it if this one is killed. */
    void recordRedis(ProcessHandle redis) throws IOException {
        Files.writeString(dir.resolve(REDIS_PID), redis.pid() + " " + startMillis(redis) + "\n");
    }

    /** After the embedded Redis stopped: nothing left to clean up. */
    void forgetRedis() throws IOException {
        Files.deleteIfExists(dir.resolve(REDIS_PID));
    }

    /** Stops the Redis a killed run recorded, if that very process (same pid and start time) still runs. */
    void stopLeftoverRedis() throws IOException {
        Path file = dir.resolve(REDIS_PID);
        if (!Files.isRegularFile(file)) {
            return;
        }
        String[] recorded = Files.readString(file).strip().split(" ");
        Optional<ProcessHandle> redis = process(recorded[0])
                .filter(p -> recorded.length == 2 && recorded[1].equals(Long.toString(startMillis(p))));
        if (redis.isPresent()) {
            System.out.println("local: stopping the Redis (pid " + redis.get().pid() + ") that a killed run left running");
            redis.get().destroy();
            awaitExit(redis.get(), "Redis");
        }
        forgetRedis();
    }

    private static Optional<ProcessHandle> process(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid.strip())).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
    }

    /** Java signals only TERM and KILL; PostgreSQL's fast shutdown is INT. */
    private static void signal(String signal, ProcessHandle process) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true)
                    .start().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void awaitExit(ProcessHandle process, String what) {
        try {
            process.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new LocalModeException("the " + what + " a killed run left running (pid " + process.pid()
                    + ") did not stop within " + STOP_WAIT.toSeconds() + " s; stop it and start again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted while stopping the " + what + " a killed run left running");
        }
    }
}
