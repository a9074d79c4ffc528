package dev.inkwell.persistence.user;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.Estimates;
import dev.inkwell.persistence.TablePages;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.OffsetDateTime;

/** The user list, a page in one statement with its total (see {@link TablePages}). */
public final class UserPages {
    /** A user's columns, as {@link #USER} reads them (the search's pages too). */
    static final String COLUMNS = "id, username, email, role, is_active, created_at, updated_at";
    private static final String PAGE = "SELECT " + COLUMNS + """
            , id AS cursor_id, %s AS total
              FROM users %s ORDER BY id LIMIT :limit OFFSET :offset
            """;
    static final RowMapper<User> USER = (rs, ctx) -> new User(rs.getLong("id"), rs.getString("username"),
            rs.getString("email"), Role.fromCode(rs.getString("role")), rs.getBoolean("is_active"),
            rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));

    private final TablePages pages;

    public UserPages(Jdbi jdbi) {
        this.pages = new TablePages(jdbi, UserPages.class, "users", PAGE, null);
    }

    /** With its own kept estimates (a test's clock). */
    public UserPages(Jdbi jdbi, Estimates<String> estimates) {
        this.pages = new TablePages(jdbi, UserPages.class, "users", PAGE, null, estimates);
    }

    /** A page of users in id order, with the total (estimated beyond a thousand users). */
    public Page<User> page(PageRequest request) {
        return pages.page(request, USER);
    }

    /** The page of users after {@code cursor} (a 422 naming it when this server did not issue it for users). */
    public Page<User> pageAfter(String cursor, int perPage) {
        return pages.pageAfter(cursor, perPage, USER);
    }
}
