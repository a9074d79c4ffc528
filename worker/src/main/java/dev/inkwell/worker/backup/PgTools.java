package dev.inkwell.worker.backup;

import dev.inkwell.persistence.DatabaseUrl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pg_dump and pg_restore as child processes. Where and as whom to connect goes through the
 * environment (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD), never the command line, so no
 * credential shows in a process list. Every run has a time limit, and its output is kept in a
 * file, of which the end is reported when it fails.
 */
public final class PgTools {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private final String pgDump;
    private final String pgRestore;
    private final Duration timeout;

    public PgTools(String pgDump, String pgRestore, Duration timeout) {
        this.pgDump = pgDump;
        this.pgRestore = pgRestore;
        this.timeout = timeout;
    }

    /** Fails with a clear message unless pg_dump exists and is at least {@code serverMajor}. */
    public void requireDumpFor(int serverMajor) {
        int major = majorVersion(pgDump);
        if (major < serverMajor) {
            throw new BackupException(pgDump + " is version " + major + ", but the server is " + serverMajor
                    + ": install the PostgreSQL " + serverMajor + " client tools (or newer)");
        }
    }

    int majorVersion(String tool) {
        Run run;
        try {
            run = run(List.of(tool, "--version"), Map.of(), Duration.ofSeconds(30));
        } catch (BackupException e) {
            throw new BackupException(tool + " is not installed or cannot run (" + e.getMessage() + ")");
        }
        Matcher m = VERSION.matcher(run.output());
        if (run.exit() != 0 || !m.find()) {
            throw new BackupException(tool + " --version did not say its version: " + run.output().strip());
        }
        return Integer.parseInt(m.group(1));
    }

    /** pg_dump -Fc of {@code database} as of {@code snapshot} (an exported snapshot), leaving out the rows of {@code excludeData}. */
    public void dump(DatabaseUrl database, String snapshot, String excludeData, Path archive) {
        Run run = run(List.of(pgDump, "--format=custom", "--no-password", "--snapshot=" + snapshot,
                "--exclude-table-data=" + excludeData, "--file=" + archive), env(database), timeout);
        if (run.exit() != 0) {
            throw new BackupException("pg_dump exited with " + run.exit() + ": " + tail(run.output()));
        }
    }

    /** pg_restore --list: the archive's table of contents; fails when the archive cannot be read. */
    public String list(Path archive) {
        Run run = run(List.of(pgRestore, "--list", archive.toString()), Map.of(), timeout);
        if (run.exit() != 0) {
            throw new BackupException("pg_restore --list exited with " + run.exit() + ": " + tail(run.output()));
        }
        return run.output();
    }

    /**
     * Restores {@code archive} into {@code database}; with {@code clean} it drops what it restores
     * first. One transaction: a restore that fails leaves the database as it was.
     */
    public void restore(Path archive, DatabaseUrl database, boolean clean) {
        List<String> command = new ArrayList<>(List.of(pgRestore, "--no-password", "--exit-on-error", "--single-transaction",
                "--no-owner", "--dbname=" + env(database).get("PGDATABASE")));
        if (clean) {
            command.add("--clean");
            command.add("--if-exists");
        }
        command.add(archive.toString());
        Run run = run(command, env(database), timeout);
        if (run.exit() != 0) {
            throw new BackupException("pg_restore exited with " + run.exit() + ": " + tail(run.output()));
        }
    }

    /** The client tools' environment for {@code database} ({@link DatabaseUrl#clientEnvironment}), with a connect timeout. */
    static Map<String, String> env(DatabaseUrl database) {
        Map<String, String> env = new HashMap<>(database.clientEnvironment());
        env.put("PGCONNECT_TIMEOUT", "10");
        return env;
    }

    record Run(int exit, String output) {
    }

    /**
     * Runs {@code command} to its end, or stops it: past {@code limit}, and when the calling thread
     * is interrupted (a job cancelled, the worker stopping), so that no client tool outlives the
     * work that started it (an interrupted backup's pg_dump went on to its end, holding a
     * connection and its snapshot).
     */
    static Run run(List<String> command, Map<String, String> env, Duration limit) {
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("inkwell-pgtool", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
            builder.environment().putAll(env);
            process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new BackupException(command.get(0) + " did not finish within " + limit);
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BackupException(e.getMessage());
        } catch (InterruptedException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            Thread.currentThread().interrupt();
            throw new BackupException(command.get(0) + " was interrupted");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A temp file left behind.
                }
            }
        }
    }

    private static String tail(String output) {
        String s = output.strip();
        return s.length() <= 800 ? s : "..." + s.substring(s.length() - 800);
    }
}
