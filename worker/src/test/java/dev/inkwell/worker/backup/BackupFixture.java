package dev.inkwell.worker.backup;

import dev.inkwell.domain.backup.Backup;
import dev.inkwell.persistence.DatabaseUrl;
import dev.inkwell.persistence.backup.BackupDao;
import dev.inkwell.persistence.testing.PostgresExtension;
import dev.inkwell.persistence.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the backup tests with the real pg_dump and pg_restore ({@link BackupArchiveIT},
 * {@link BackupFailuresIT}, {@link BackupRetentionIT}, {@link BackupRestoreCheckIT},
 * {@link BackupRestoreIT}) share: a freshly migrated database of the test's own (a
 * {@link PostgresExtension}) holding two users, a category, 500 posts and their tags; a backup
 * folder of the test's own; backups made and restored as the worker does; and the row counts,
 * scratch databases and damaged archives they check with. Each test gets its own, and both the
 * database and the folder are gone after it:
 * {@code @RegisterExtension final BackupFixture backups = new BackupFixture();}
 */
final class BackupFixture implements BeforeEachCallback, AfterEachCallback {
    private final PostgresExtension db = new PostgresExtension();
    private Path dir;
    private BackupDao dao;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        db.beforeEach(context);
        dir = Files.createTempDirectory("inkwell-backups");
        dao = db.dao(BackupDao.class);
        db.database().execute("""
                INSERT INTO users (username, email) VALUES ('ann', 'ann@example.com'), ('ben', 'ben@example.com');
                INSERT INTO categories (name, slug) VALUES ('Engines', 'engines');
                INSERT INTO posts (author_id, category_id, title, content, published, published_at)
                SELECT 1 + g % 2, 1, 'post ' || g, repeat('x', g % 100), g % 3 = 0, CASE WHEN g % 3 = 0 THEN now() END
                  FROM generate_series(1, 500) g;
                INSERT INTO tags (name) VALUES ('a'), ('b');
                INSERT INTO post_tags (post_id, tag_id) SELECT id, 1 + id % 2 FROM posts;
                """);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } finally {
            db.afterEach(context);
        }
    }

    /** The test's backup folder (empty when the test starts). */
    Path dir() {
        return dir;
    }

    BackupDao dao() {
        return dao;
    }

    /** The test's database, with its rows. */
    TestDatabase database() {
        return db.database();
    }

    /** Backups of the test's database into {@code folder} with {@code tools}, keeping the newest {@code keep}. */
    Backups into(Path folder, PgTools tools, int keep) {
        return new Backups(db.database().dataSource(), db.database().url(), dao, tools, folder, keep);
    }

    /** A backup made as the job makes one: its row started first. */
    Backup backup(Backups backups) {
        UUID id = UUID.randomUUID();
        dao.start(id);
        return backups.make(id);
    }

    /** A backup made with the real tools into the test's folder, keeping three. */
    Backup backup() {
        return backup(into(dir, realTools(), 3));
    }

    static PgTools realTools() {
        return new PgTools("pg_dump", "pg_restore", Duration.ofMinutes(2));
    }

    /** Restores from the test's folder into {@code into}, with the real tools. */
    Restores restores(DatabaseUrl into) {
        return new Restores(into, dao, realTools(), dir);
    }

    /** The rows of every table a backup counts ({@link Backups#TABLES}), in {@code database}. */
    static Map<String, Long> counts(TestDatabase database) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : Backups.TABLES) {
            counts.put(table, database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one()));
        }
        return counts;
    }

    /** The files in the test's folder, sorted. */
    List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** The restore check's scratch databases on the server of {@code jdbi}. */
    static long scratchDatabases(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM pg_database WHERE datname LIKE 'inkwell_restore_check_%'").mapTo(Long.class).one());
    }

    /**
     * The archive with 64 bytes flipped every 2 KiB of its second half, where the tables' compressed
     * data follows the table of contents. One spot in the middle once landed in a function's text
     * in the table of contents, which restores without complaint.
     */
    static byte[] damaged(byte[] bytes) {
        for (int at = bytes.length / 2; at + 64 < bytes.length; at += 2048) {
            for (int i = at; i < at + 64; i++) {
                bytes[i] ^= (byte) 0xff;
            }
        }
        return bytes;
    }
}
