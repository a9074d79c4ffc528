package dev.inkwell.persistence.user;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.TableCursor;
import dev.inkwell.domain.user.NewUser;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserPrefix;
import dev.inkwell.persistence.testing.PostgresExtension;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The search of users by prefix: any case, '%' and '_' as themselves, pages by number and by
 * cursor in the order of the "C" collation, cursors of one list refused by another, totals
 * counted then estimated; and the plans: changeSet 020's indexes serve a prefix (a LIKE too),
 * also in the generic plan a prepared statement may get, without reading the table.
 */
class UserSearchIT {
    @RegisterExtension
    final PostgresExtension db = new PostgresExtension();

    private final AtomicReference<String> lastSql = new AtomicReference<>();
    private final List<String> statements = new ArrayList<>();

    @BeforeEach
    void logStatements() {
        db.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.add(context.getRenderedSql());
                lastSql.set(context.getRenderedSql());
            }
        });
    }

    private void insert(String... usernames) {
        List<NewUser> users = new ArrayList<>();
        for (String name : usernames) {
            users.add(NewUser.of(name, name.toLowerCase() + "@example.com", null, null));
        }
        db.dao(UserDao.class).insertAll(users);
    }

    private void insertMany(String stem, int n) {
        List<NewUser> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(NewUser.of(stem + i, stem + i + "@example.org", null, null));
        }
        db.dao(UserDao.class).insertAll(users);
        db.jdbi().useHandle(h -> h.execute("ANALYZE users"));
    }

    private List<String> names(String q) {
        return new UserSearch(db.jdbi()).page(UserPrefix.of(q), new PageRequest(1, 100)).items().stream().map(User::username).toList();
    }

    @Test
    void aPrefixFindsUsernamesInAnyCaseInTheOrderOfTheirLowerCaseBytes() {
        insert("Alice", "alfred", "ALBERT", "al_x", "al.y", "bob", "xal");
        assertThat(names("AL")).containsExactly("al.y", "al_x", "ALBERT", "alfred", "Alice"); // '.' < '_' < 'b'
        assertThat(names("ali")).containsExactly("Alice");
        assertThat(names("alice")).containsExactly("Alice");
        assertThat(names("alicex")).isEmpty();
    }

    @Test
    void percentUnderscoreAndBackslashAreThemselves() {
        insert("a_b1", "axb1", "a.b1");
        assertThat(names("a_")).containsExactly("a_b1");
        assertThat(names("a%")).isEmpty();
        assertThat(names("a\\")).isEmpty();
        db.jdbi().useHandle(h -> h.execute("INSERT INTO users (username, email) VALUES ('pq1', 'p%q@example.com'),"
                + " ('pq2', 'pxq@example.com'), ('pq3', 'p_q@example.com'), ('pq4', 'p\\q@example.com')"));
        assertThat(names("p%q@")).containsExactly("pq1");
        assertThat(names("P_Q@")).containsExactly("pq3");
        assertThat(names("p%")).as("a username holds no '%'").isEmpty();
        assertThat(names("pq")).containsExactly("pq1", "pq2", "pq3", "pq4");
    }

    @Test
    void aPrefixWithAnAtFindsAddressesInTheirOrder() {
        insert("Bo-b");
        db.jdbi().useHandle(h -> h.execute("INSERT INTO users (username, email) VALUES ('zz1', 'm@b.org'), ('aa1', 'm@a.org'),"
                + " ('mm1', 'm@c.org')"));
        assertThat(names("M@")).containsExactly("aa1", "zz1", "mm1");
        assertThat(names("m@b")).containsExactly("zz1");
        assertThat(names("BO-B@EX")).containsExactly("Bo-b");
        assertThat(names("@")).isEmpty();
        assertThat(names("m")).containsExactly("mm1");
    }

    @Test
    void aPrefixNoUsernameCanHoldAsksNothingOfTheDatabase() {
        insert("kelvin");
        statements.clear();
        for (String q : List.of("\u212Aelvin", "ke lvin", "k\u00e9", "ke\u0007", "kel*")) {
            Page<User> page = new UserSearch(db.jdbi()).page(UserPrefix.of(q), new PageRequest(1, 20));
            assertThat(page.items()).as(q).isEmpty();
            assertThat(page.total()).isZero();
            assertThat(page.totalExact()).isTrue();
        }
        assertThat(statements).isEmpty();
    }

    @Test
    void pagesByNumberAndByCursorShowEveryMatchOnceInOrder() {
        insertMany("walk", 23);
        insertMany("other", 5);
        UserSearch search = new UserSearch(db.jdbi());
        List<String> expected = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT username FROM users WHERE username LIKE 'walk%' ORDER BY lower(username COLLATE \"C\") COLLATE \"C\"").mapTo(String.class).list());
        assertThat(expected).hasSize(23);

        List<String> byNumber = new ArrayList<>();
        for (int p = 1; p <= 4; p++) {
            Page<User> page = search.page(UserPrefix.of("WALK"), new PageRequest(p, 7));
            assertThat(page.total()).isEqualTo(23);
            assertThat(page.nextCursor() == null).as("page %d is the last", p).isEqualTo(p == 4);
            page.items().forEach(u -> byNumber.add(u.username()));
        }
        assertThat(byNumber).isEqualTo(expected);

        List<String> byCursor = new ArrayList<>();
        Page<User> page = search.page(UserPrefix.of("walk"), new PageRequest(1, 7));
        page.items().forEach(u -> byCursor.add(u.username()));
        while (page.nextCursor() != null) {
            page = search.pageAfter(UserPrefix.of("walk"), page.nextCursor(), 7);
            assertThat(page.page()).isNull();
            assertThat(page.total()).isEqualTo(23);
            page.items().forEach(u -> byCursor.add(u.username()));
        }
        assertThat(byCursor).isEqualTo(expected);
    }

    @Test
    void aCursorOfAnotherListIsRefusedNamingCursor() {
        insertMany("cur", 5);
        UserSearch search = new UserSearch(db.jdbi());
        String byName = search.page(UserPrefix.of("cur"), new PageRequest(1, 2)).nextCursor();
        String whole = new UserPages(db.jdbi()).page(new PageRequest(1, 2)).nextCursor();
        assertThat(byName).isNotNull();
        assertThat(whole).isNotNull();
        String byEmail = new TableCursor("users-by-email", 1, "cur0@example.org").encode();
        for (String foreign : List.of(whole, byEmail, new TableCursor("tags", 1, "cur").encode(),
                new TableCursor("users-by-name", 1, null).encode(), new TableCursor("users-by-name", 1, "CUR1").encode(),
                new TableCursor("users-by-name", 1, "cur\u0000").encode(), new TableCursor("users-by-name", 1, "cur@x").encode())) {
            assertThatThrownBy(() -> search.pageAfter(UserPrefix.of("cur"), foreign, 2))
                    .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.errors()).singleElement()
                            .satisfies(f -> assertThat(f.field()).isEqualTo("cursor")));
        }
        assertThat(search.pageAfter(UserPrefix.of("cur0@"), byEmail, 2).items()).isEmpty();
        assertThatThrownBy(() -> search.pageAfter(UserPrefix.of("cur0@"), byName, 2)).isInstanceOf(InvalidException.class);
        assertThatThrownBy(() -> new UserPages(db.jdbi()).pageAfter(byName, 2)).isInstanceOf(InvalidException.class);
    }

    @Test
    void moreThanAThousandMatchesHaveAnEstimatedTotal() {
        insertMany("big", 1_200);
        Page<User> page = new UserSearch(db.jdbi()).page(UserPrefix.of("big"), new PageRequest(1, 20));
        assertThat(page.totalExact()).isFalse();
        assertThat(page.total()).isGreaterThan(1_000);
        assertThat(page.items()).hasSize(20);
        Page<User> few = new UserSearch(db.jdbi()).page(UserPrefix.of("big11"), new PageRequest(1, 20));
        assertThat(few.totalExact()).isTrue();
        assertThat(few.total()).isEqualTo(111); // big11, big110..big119, big1100..big1199
    }

    /** The plan of {@code sql} (its parameters $1, $2, ...) as PostgreSQL makes it for a prepared statement without values. */
    private static String genericPlan(Handle h, String sql, String... values) {
        h.execute("SET plan_cache_mode = force_generic_plan");
        h.execute("PREPARE search AS " + sql);
        try {
            return String.join("\n", h.createQuery("EXPLAIN EXECUTE search(" + String.join(", ", values) + ")")
                    .mapTo(String.class).list());
        } finally {
            h.execute("DEALLOCATE search");
            h.execute("RESET plan_cache_mode");
        }
    }

    private static String plan(Handle h, String sql) {
        return String.join("\n", h.createQuery("EXPLAIN " + sql).mapTo(String.class).list());
    }

    /** {@code sql} with its named parameters numbered as PREPARE wants them: from, to, limit, offset, afterKey, afterId. */
    private static String numbered(String sql) {
        List<String> names = List.of("from", "to", "limit", "offset", "afterKey", "afterId");
        Matcher m = Pattern.compile("(?<!:):(\\w+)").matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            assertThat(names).contains(m.group(1));
            m.appendReplacement(out, "\\$" + (names.indexOf(m.group(1)) + 1));
        }
        return m.appendTail(out).toString();
    }

    @Test
    void theIndexesOfChangeSet020ServeAPrefixWithoutReadingTheTable() {
        insertMany("user", 20_000);
        db.jdbi().useHandle(h -> {
            String like = plan(h, "SELECT id FROM users WHERE lower(username COLLATE \"C\") COLLATE \"C\" LIKE 'user12%'"
                    + " ORDER BY lower(username COLLATE \"C\") COLLATE \"C\" LIMIT 21");
            assertThat(like).as(like).contains("users_username_prefix_idx").doesNotContain("Seq Scan").doesNotContain("Sort");
            String email = plan(h, "SELECT id FROM users WHERE email COLLATE \"C\" LIKE 'user12%' ORDER BY email COLLATE \"C\" LIMIT 21");
            assertThat(email).as(email).contains("users_email_prefix_idx").doesNotContain("Seq Scan").doesNotContain("Sort");
        });

        // A prefix of at most a thousand users: its page is one statement (with its count), the last one logged.
        UserSearch search = new UserSearch(db.jdbi());
        String cursor = search.page(UserPrefix.of("user123"), new PageRequest(1, 20)).nextCursor();
        String page = numbered(lastSql.get());
        search.pageAfter(UserPrefix.of("user123"), cursor, 20);
        String after = numbered(lastSql.get());
        search.page(UserPrefix.of("user123@"), new PageRequest(1, 20));
        String byEmail = numbered(lastSql.get());
        db.jdbi().useHandle(h -> {
            for (String plan : List.of(
                    genericPlan(h, page, "'user123'", "'user124'", "21", "0"),
                    genericPlan(h, byEmail, "'user123@'", "'user123A'", "21", "0"))) {
                assertThat(plan).as(plan).containsPattern("Index Scan using users_(username|email)_prefix_idx")
                        .doesNotContain("Seq Scan").doesNotContain("Sort");
            }
            String next = genericPlan(h, after, "'user123'", "'user124'", "21", "0", "'user12309'", "1");
            assertThat(next).as(next).contains("Index Scan using users_username_prefix_idx").doesNotContain("Seq Scan")
                    .doesNotContain("Sort");
        });
    }
}
