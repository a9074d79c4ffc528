package dev.inkwell.persistence.testing;

import org.jdbi.v3.core.Jdbi;

import java.util.List;

/**
 * A comparable text picture of a database's schema (columns, constraints, indexes, views,
 * functions, triggers, column storage and table options in schema public), to prove that two ways of building it agree.
 */
public final class SchemaSnapshot {
    /** The changeSets of db/changelog.xml: one more with every schema change (tests count applied ones). */
    public static final int CHANGE_SETS = 27;
    /** The id of the newest of them (what a backup records as its schema version). */
    public static final String NEWEST_CHANGE_SET = "023-post-search-pending-list-512";

    /**
     * The changeSets applied from {@code id} on, itself included: what a rollback by count must
     * undo to take {@code id} back, however many changeSets came after it.
     */
    public static int changeSetsFrom(Jdbi jdbi, String id) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM databasechangelog
                 WHERE orderexecuted >= (SELECT orderexecuted FROM databasechangelog WHERE id = :id)
                """).bind("id", id).mapTo(Integer.class).one());
    }

    private static final String SQL = """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
                   || ' default=' || coalesce(column_default, '') || ' generated=' || coalesce(generation_expression, '')
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name LIKE :like
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
              FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text LIKE :like
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename LIKE :like
            UNION ALL
            SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public' AND viewname LIKE :like
            UNION ALL
            SELECT 'function ' || proname || ' ' || md5(prosrc) FROM pg_proc
             WHERE pronamespace = 'public'::regnamespace AND proname LIKE :like
            UNION ALL
            SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger
             WHERE NOT tgisinternal AND tgrelid::regclass::text LIKE :like
            UNION ALL
            SELECT 'storage ' || attrelid::regclass || '.' || attname || ' ' || attstorage::text FROM pg_attribute
             WHERE attrelid::regclass::text LIKE :like AND attnum > 0 AND NOT attisdropped
               AND attrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r')
            UNION ALL
            SELECT 'options ' || oid::regclass || ' ' || array_to_string(reloptions, ',') FROM pg_class
             WHERE relnamespace = 'public'::regnamespace AND reloptions IS NOT NULL AND relname LIKE :like
            ORDER BY 1
            """;

    private SchemaSnapshot() {
    }

    /** Every object of schema public. */
    public static List<String> of(Jdbi jdbi) {
        return matching(jdbi, "%");
    }

    /** Objects whose table (or view, function) name matches the LIKE pattern. */
    public static List<String> matching(Jdbi jdbi, String like) {
        return jdbi.withHandle(h -> h.createQuery(SQL).bind("like", like).mapTo(String.class).list());
    }

    /** Names of the tables in schema public. */
    public static List<String> tables(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").mapTo(String.class).list());
    }
}
