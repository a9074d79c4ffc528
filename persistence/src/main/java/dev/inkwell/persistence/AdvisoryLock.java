package dev.inkwell.persistence;

/**
 * The PostgreSQL advisory locks Inkwell takes, each key declared once, so two duties can never
 * share a key by accident. The category tree's trigger takes one more in SQL
 * ({@code hashtext('inkwell.categories.tree')}, in the changelog): a 32-bit key, none of these.
 */
public enum AdvisoryLock {
    /** Schema changes: one migrator at a time ("inkwell" in ASCII). */
    SCHEMA_MIGRATIONS(0x696e6b77656c6cL),
    /** A backup is running, on any worker. */
    BACKUP(0x1a4b_ac0b_0001L),
    /** A restore check is being enqueued, by any api instance. */
    RESTORE_CHECK(0x1a4b_ac0b_0002L),
    /** Demo data is being seeded. */
    DEMO_DATA(0x1_4E4B_5745_4C4CL);

    private final long key;

    AdvisoryLock(long key) {
        this.key = key;
    }

    /** The key to pass to {@code pg_advisory_lock} and its kin. */
    public long key() {
        return key;
    }
}
