package dev.inkwell.persistence.user;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.TableCursor;
import dev.inkwell.domain.user.User;
import dev.inkwell.domain.user.UserPrefix;
import dev.inkwell.persistence.Estimates;
import dev.inkwell.persistence.TablePages;
import dev.inkwell.persistence.TablePages.Where;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/**
 * The search of users by the start of their username (any case) or, for a prefix with an '@',
 * of their e-mail address: a page in one statement with its total (see {@link TablePages}),
 * ordered by what is searched, in the "C" collation, so that the expression indexes of changeSet
 * 020 find the matches and give them in order (the key is unique: users_username_key,
 * users_email_key; no sort, no tie to break by id).
 *
 * <p>The prefix is asked as the range of keys it starts ({@code >= prefix AND < prefix with its
 * last character one higher}), not as {@code LIKE 'prefix%'}: the range is literal whatever the
 * prefix holds ('%', '_' are characters like any other, nothing to escape), and the index serves
 * it however PostgreSQL plans the statement, where a LIKE with a bound pattern gets its index range
 * only from a plan made for that value (a generic plan of a prepared statement would read the
 * whole index). Prefixes are ASCII ({@link UserPrefix#holdable}), so the bound is too.
 */
public final class UserSearch {
    /** Prefixes whose estimated totals are kept at once (the least recently used go first). */
    private static final int ESTIMATES = 256;
    private static final String BY_NAME = "users-by-name";
    private static final String BY_EMAIL = "users-by-email";

    private final TablePages byName;
    private final TablePages byEmail;

    public UserSearch(Jdbi jdbi) {
        this.byName = pages(jdbi, BY_NAME, "lower(username COLLATE \"C\")");
        this.byEmail = pages(jdbi, BY_EMAIL, "email");
    }

    /** {@code list}: its cursors' list name; {@code key}: the column or expression searched and ordered by (in "C"). */
    private static TablePages pages(Jdbi jdbi, String list, String key) {
        String sortKey = key + " COLLATE \"C\"";
        String page = "SELECT " + UserPages.COLUMNS + ", id AS cursor_id, " + key + " AS cursor_key, %s AS total\n"
                + "  FROM users %s ORDER BY " + sortKey + " LIMIT :limit OFFSET :offset";
        String condition = sortKey + " >= :from AND " + sortKey + " < :to";
        return new TablePages(jdbi, UserSearch.class, list, "users", condition, page, sortKey,
                new Estimates<>(TablePages.ESTIMATES_KEPT, ESTIMATES, System::nanoTime));
    }

    /** The requested page of the users {@code q} finds, with their total (estimated beyond a thousand). */
    public Page<User> page(UserPrefix q, PageRequest request) {
        if (!q.holdable()) {
            return nothing(request.page(), request.perPage());
        }
        return pages(q).page(request, where(q), UserPages.USER);
    }

    /**
     * The page after {@code cursor} of the users {@code q} finds: a 422 naming {@code cursor}
     * when this server did not issue it for this kind of search (by username, by address).
     */
    public Page<User> pageAfter(UserPrefix q, String cursor, int perPage) {
        TableCursor after = TableCursor.decode(cursor, list(q));
        if (!q.mayBeKey(after.key())) {
            throw new InvalidException("cursor", "is not a cursor this server issued for this list");
        }
        if (!q.holdable()) {
            return nothing(null, perPage);
        }
        return pages(q).pageAfter(cursor, perPage, where(q), UserPages.USER);
    }

    private TablePages pages(UserPrefix q) {
        return q.byEmail() ? byEmail : byName;
    }

    private static String list(UserPrefix q) {
        return q.byEmail() ? BY_EMAIL : BY_NAME;
    }

    /** The range of keys that start with the prefix. */
    private static Where where(UserPrefix q) {
        String from = q.prefix();
        String to = from.substring(0, from.length() - 1) + (char) (from.charAt(from.length() - 1) + 1);
        return new Where(from, query -> query.bind("from", from).bind("to", to));
    }

    private static Page<User> nothing(Integer page, int perPage) {
        return new Page<>(List.of(), 0, page, perPage, null);
    }
}
