package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.Post;
import dev.inkwell.persistence.DirectQuery;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Maps a row of {@link PostSearch#SELECT} (post, author, category, tag names) to a {@link Post}.
 * Columns are found by name once per result set (Jdbi's {@link #specialize}) or, for a
 * {@link DirectQuery}, once per statement ({@link #reader}), then read by position: by name, each
 * row looked its fifteen columns up again (a fifth of a single post's mapping).
 */
public final class PostMapper implements RowMapper<Post> {
    /** The one instance (it holds no state). */
    static final PostMapper POSTS = new PostMapper();

    private static final String[] COLUMNS = {"id", "title", "content", "published", "published_at", "created_at",
        "updated_at", "version", "author_id", "author_username", "category_id", "category_name", "tags", "slug", "publish_at",
        "comment_count"};
    private static final int ID = 0;
    private static final int TITLE = 1;
    private static final int CONTENT = 2;
    private static final int PUBLISHED = 3;
    private static final int PUBLISHED_AT = 4;
    private static final int CREATED_AT = 5;
    private static final int UPDATED_AT = 6;
    private static final int VERSION = 7;
    private static final int AUTHOR_ID = 8;
    private static final int AUTHOR_USERNAME = 9;
    private static final int CATEGORY_ID = 10;
    private static final int CATEGORY_NAME = 11;
    private static final int TAGS = 12;
    private static final int SLUG = 13;
    private static final int PUBLISH_AT = 14;
    private static final int COMMENT_COUNT = 15;

    @Override
    public Post map(ResultSet rs, StatementContext ctx) throws SQLException {
        return read(rs, columns(rs));
    }

    @Override
    public RowMapper<Post> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
        int[] columns = columns(rs);
        return (row, context) -> read(row, columns);
    }

    /**
     * A reader of one statement's rows, for a {@link DirectQuery}: a statement's columns stay where
     * they are, so they are found at its first row and kept.
     */
    static DirectQuery.RowReader<Post> reader() {
        return new DirectQuery.RowReader<>() {
            private volatile int[] columns;

            @Override
            public Post read(ResultSet row) throws SQLException {
                int[] c = columns;
                if (c == null) {
                    c = columns(row);
                    columns = c;
                }
                return PostMapper.read(row, c);
            }
        };
    }

    /** Where the row's columns are (JDBC positions), found by name as {@code getString(name)} finds them. */
    private static int[] columns(ResultSet rs) throws SQLException {
        int[] positions = new int[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            positions[i] = rs.findColumn(COLUMNS[i]);
        }
        return positions;
    }

    private static Post read(ResultSet rs, int[] c) throws SQLException {
        long categoryId = rs.getLong(c[CATEGORY_ID]);
        Post.CategoryRef category = rs.wasNull() ? null : new Post.CategoryRef(categoryId, rs.getString(c[CATEGORY_NAME]));
        return new Post(
                rs.getLong(c[ID]),
                rs.getString(c[TITLE]),
                rs.getString(c[SLUG]),
                rs.getString(c[CONTENT]),
                rs.getBoolean(c[PUBLISHED]),
                rs.getObject(c[PUBLISHED_AT], OffsetDateTime.class),
                rs.getObject(c[PUBLISH_AT], OffsetDateTime.class),
                rs.getObject(c[CREATED_AT], OffsetDateTime.class),
                rs.getObject(c[UPDATED_AT], OffsetDateTime.class),
                rs.getLong(c[VERSION]),
                new Post.Author(rs.getLong(c[AUTHOR_ID]), rs.getString(c[AUTHOR_USERNAME])),
                category,
                List.of((String[]) rs.getArray(c[TAGS]).getArray()),
                rs.getInt(c[COMMENT_COUNT]));
    }
}
