package dev.inkwell.persistence.comment;

import dev.inkwell.domain.comment.Comment;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;

/** Maps a row of {@link CommentDao#COLUMNS} to a {@link Comment}. */
public final class CommentMapper implements RowMapper<Comment> {
    @Override
    public Comment map(ResultSet rs, StatementContext ctx) throws SQLException {
        long parentId = rs.getLong("parent_id");
        Long parent = rs.wasNull() ? null : parentId;
        Long[] path = (Long[]) rs.getArray("path").getArray();
        return new Comment(rs.getLong("id"), rs.getLong("post_id"), parent, Arrays.asList(path),
                new Comment.Author(rs.getLong("author_id"), rs.getString("author_username")),
                rs.getString("body"), rs.getBoolean("hidden"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
