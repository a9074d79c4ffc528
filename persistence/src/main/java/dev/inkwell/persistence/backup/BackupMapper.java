package dev.inkwell.persistence.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.domain.backup.Backup;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A row of backups; row_counts (jsonb, read as text) becomes a map. */
public final class BackupMapper implements RowMapper<Backup> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    @Override
    public Backup map(ResultSet rs, StatementContext ctx) throws SQLException {
        String counts = rs.getString("row_counts");
        long size = rs.getLong("size_bytes");
        Long sizeBytes = rs.wasNull() ? null : size;
        try {
            return new Backup(rs.getObject("id", UUID.class), rs.getString("state"), rs.getString("file"), sizeBytes,
                    rs.getString("sha256"), rs.getString("schema_version"), rs.getString("server_version"),
                    counts == null ? null : JSON.readValue(counts, COUNTS), rs.getString("error"),
                    rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
                    rs.getObject("restore_checked_at", OffsetDateTime.class), rs.getString("restore_check_error"));
        } catch (JsonProcessingException e) {
            throw new SQLException("backups.row_counts is not a JSON object of counts", e);
        }
    }

    /** The counts as the jsonb column stores them. */
    public static String countsJson(Map<String, Long> counts) {
        try {
            return JSON.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
