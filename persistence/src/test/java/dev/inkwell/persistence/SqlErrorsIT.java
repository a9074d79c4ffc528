package dev.inkwell.persistence;

import dev.inkwell.persistence.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlErrorsIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    @Test
    void everyConstraintOfOurTablesNamesTheFieldItGuards() {
        // Check and foreign-key constraints, unique indexes, and constraints raised by triggers;
        // primary keys of generated ids cannot be violated by input.
        List<String> constraints = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT conname FROM pg_constraint
                 WHERE connamespace = 'public'::regnamespace AND contype IN ('c', 'f', 'u', 'p')
                   AND conrelid::regclass::text NOT LIKE 'jobrunr%' AND conrelid::regclass::text NOT LIKE 'databasechangelog%'
                   AND NOT (contype = 'p' AND conrelid::regclass::text <> 'post_tags')
                UNION
                SELECT indexname FROM pg_indexes
                 WHERE schemaname = 'public' AND indexdef LIKE 'CREATE UNIQUE INDEX%' AND indexname NOT LIKE '%pkey'
                   AND tablename NOT LIKE 'jobrunr%' AND tablename NOT LIKE 'databasechangelog%'
                UNION
                SELECT 'categories_parent_cycle_check'
                """).mapTo(String.class).list());
        assertThat(constraints).hasSizeGreaterThan(25);
        assertThat(constraints).allSatisfy(name -> assertThat(SqlErrors.fieldOf(name)).as(name).isPresent());
    }
}
