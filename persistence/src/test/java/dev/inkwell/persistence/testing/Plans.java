package dev.inkwell.persistence.testing;

import org.jdbi.v3.core.Handle;

/** The plans PostgreSQL makes for a statement, as tests that prove an index serves it read them. */
public final class Plans {
    private Plans() {
    }

    /** The plan of {@code sql} (its parameters $1, $2, ...) as PostgreSQL makes it for a prepared statement without values. */
    public static String generic(Handle h, String sql, String... values) {
        h.execute("SET plan_cache_mode = force_generic_plan");
        h.execute("PREPARE planned AS " + sql);
        try {
            return String.join("\n", h.createQuery("EXPLAIN EXECUTE planned(" + String.join(", ", values) + ")")
                    .mapTo(String.class).list());
        } finally {
            h.execute("DEALLOCATE planned");
            h.execute("RESET plan_cache_mode");
        }
    }
}
