package dev.inkwell.worker.backup;

import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where and as whom pg_dump and pg_restore connect reaches them only through their environment,
 * never their command line (which any user of the machine can list). The tools here are shell
 * scripts that write down their arguments and PG* environment: no PostgreSQL needed.
 */
class PgToolsTest {
    private static final String PASSWORD = "pa ss&word";

    @TempDir
    Path dir;

    /** A tool that records its arguments, a line "--", and its PG* variables sorted, then exits with {@code exit}. */
    private Path tool(String name, int exit) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, """
                #!/bin/sh
                { for a in "$@"; do echo "$a"; done; echo --; env | grep '^PG' | sort; } > "%s"
                echo "the %s output"
                exit %d
                """.formatted(dir.resolve(name + ".record"), name, exit));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private List<String> recorded(String name) throws IOException {
        return Files.readAllLines(dir.resolve(name + ".record"));
    }

    private PgTools tools() throws IOException {
        return new PgTools(tool("pg_dump", 0).toString(), tool("pg_restore", 0).toString(), Duration.ofSeconds(30));
    }

    private static List<String> arguments(List<String> record) {
        return record.subList(0, record.indexOf("--"));
    }

    private static List<String> environment(List<String> record) {
        return record.subList(record.indexOf("--") + 1, record.size());
    }

    @Test
    void dumpGetsHostPortDatabaseUserAndPasswordOnlyFromItsEnvironment() throws IOException {
        DatabaseUrl url = new DatabaseUrl("jdbc:postgresql://db.example.com:6432/blog?sslmode=require", "ink", PASSWORD);
        tools().dump(url, "00000003-1", "jobrunr_*", dir.resolve("backup.dump"));

        List<String> record = recorded("pg_dump");
        assertThat(environment(record)).containsExactly("PGCONNECT_TIMEOUT=10", "PGDATABASE=blog", "PGHOST=db.example.com",
                "PGPASSWORD=" + PASSWORD, "PGPORT=6432", "PGUSER=ink");
        assertThat(arguments(record)).containsExactly("--format=custom", "--no-password", "--snapshot=00000003-1",
                "--exclude-table-data=jobrunr_*", "--file=" + dir.resolve("backup.dump"));
        assertThat(String.join(" ", arguments(record))).doesNotContain(PASSWORD, "db.example.com");
    }

    @Test
    void restoreNamesOnlyTheDatabaseOnItsCommandLine() throws IOException {
        DatabaseUrl url = new DatabaseUrl("jdbc:postgresql://db.example.com:6432/blog", "ink", PASSWORD);
        tools().restore(dir.resolve("backup.dump"), url, true);

        List<String> record = recorded("pg_restore");
        assertThat(environment(record)).contains("PGUSER=ink", "PGPASSWORD=" + PASSWORD, "PGHOST=db.example.com", "PGPORT=6432");
        assertThat(arguments(record)).containsExactly("--no-password", "--exit-on-error", "--single-transaction", "--no-owner",
                "--dbname=blog", "--clean", "--if-exists", dir.resolve("backup.dump").toString());
    }

    @Test
    void credentialsInTheJdbcUrlAreUsedUnlessTheConfigurationGivesThemAndGivenOnesWin() throws IOException {
        String jdbc = "jdbc:postgresql://localhost/blog?user=fromurl&password=url%20secret";
        tools().dump(new DatabaseUrl(jdbc, null, null), "s", "x", dir.resolve("a.dump"));
        assertThat(environment(recorded("pg_dump"))).contains("PGUSER=fromurl", "PGPASSWORD=url secret", "PGPORT=5432", "PGHOST=localhost");

        tools().dump(new DatabaseUrl(jdbc, "given", PASSWORD), "s", "x", dir.resolve("b.dump"));
        assertThat(environment(recorded("pg_dump"))).contains("PGUSER=given", "PGPASSWORD=" + PASSWORD);
    }

    @Test
    void withoutCredentialsNoUserOrPasswordVariableIsSet() throws IOException {
        tools().dump(new DatabaseUrl("jdbc:postgresql://localhost:5433/blog", null, null), "s", "x", dir.resolve("a.dump"));
        assertThat(environment(recorded("pg_dump"))).containsExactly("PGCONNECT_TIMEOUT=10", "PGDATABASE=blog", "PGHOST=localhost",
                "PGPORT=5433");
    }

    @Test
    void aFailingToolIsReportedWithItsExitStatusAndOutput() throws IOException {
        PgTools tools = new PgTools(tool("pg_dump", 3).toString(), tool("pg_restore", 0).toString(), Duration.ofSeconds(30));
        assertThatThrownBy(() -> tools.dump(new DatabaseUrl("jdbc:postgresql://localhost/blog", null, null), "s", "x", dir.resolve("a.dump")))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("pg_dump exited with 3")
                .hasMessageContaining("the pg_dump output");
    }

    @Test
    void anInterruptedRunStopsItsCommand() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                PgTools.run(List.of("sleep", "600"), Map.of(), Duration.ofMinutes(10));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        runner.start();
        ProcessHandle command = Poll.until(Duration.ofSeconds(10), "the command started", () -> ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("sleep")).orElse(false)).findFirst(), Optional::isPresent).orElseThrow();
        runner.interrupt();
        runner.join(Duration.ofSeconds(10).toMillis());
        assertThat(failure.get()).isInstanceOf(BackupException.class).hasMessageContaining("interrupted");
        Poll.until(Duration.ofSeconds(10), "the command stopped with its run", () -> !command.isAlive());
    }
}
