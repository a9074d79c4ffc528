package dev.inkwell.persistence.post;

import dev.inkwell.domain.post.Post;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/** Maps a row of {@link PostSearch#SELECT} (post, author, category, tag names) to a {@link Post}. */
public final class PostMapper implements RowMapper<Post> {
    /** The one instance (it holds no state). */
    static final PostMapper POSTS = new PostMapper();

    @Override
    public Post map(ResultSet rs, StatementContext ctx) throws SQLException {
        return read(rs);
    }

    /** The post of the current row (as {@link #map}, for a statement run without Jdbi: {@link PostReads#findById}). */
    static Post read(ResultSet rs) throws SQLException {
        long categoryId = rs.getLong("category_id");
        Post.CategoryRef category = rs.wasNull() ? null : new Post.CategoryRef(categoryId, rs.getString("category_name"));
        return new Post(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("content"),
                rs.getBoolean("published"),
                rs.getObject("published_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class),
                rs.getLong("version"),
                new Post.Author(rs.getLong("author_id"), rs.getString("author_username")),
                category,
                List.of((String[]) rs.getArray("tags").getArray()));
    }
}
