package dev.inkwell.persistence;

import dev.inkwell.domain.ConflictException;
import dev.inkwell.domain.FieldError;
import dev.inkwell.domain.InvalidException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns database errors into domain errors by SQLState and constraint name, never by message
 * text. Each named constraint of the schema says which input field it guards; an error on a
 * constraint missing here still maps by its SQLState, with a generic field. The one place that
 * decides what counts as "the database is unavailable" (a 503 to clients): Jdbi's DAO methods
 * and transactions are translated here ({@link InkwellJdbi}), and anything else that fails on
 * the database asks {@link #isUnavailable}.
 */
public final class SqlErrors {

    /** What a constraint protects: the wire name of the field and what to tell the client. */
    private record Rule(String field, String message) {
    }

    private static final Map<String, Rule> CONSTRAINTS = Map.ofEntries(
            Map.entry("users_username_key", new Rule("username", "is already taken")),
            Map.entry("users_email_key", new Rule("email", "is already registered")),
            Map.entry("users_username_check", new Rule("username", "must be 3 to 64 characters of letters, digits, '_', '.' or '-'")),
            Map.entry("users_email_check", new Rule("email", "must be a valid lower-case e-mail address")),
            Map.entry("users_password_hash_check", new Rule("password_hash", "is too long")),
            Map.entry("users_role_check", new Rule("role", "must be one of user, admin")),
            Map.entry("profiles_user_id_fkey", new Rule("user_id", "does not exist")),
            Map.entry("profiles_display_name_check", new Rule("display_name", "must be at most 100 characters long")),
            Map.entry("profiles_bio_check", new Rule("bio", "must be at most 2000 characters long")),
            Map.entry("profiles_website_check", new Rule("website", "must be at most 2048 characters long")),
            Map.entry("categories_name_key", new Rule("name", "is already used by another category")),
            Map.entry("categories_slug_key", new Rule("slug", "is already used by another category")),
            Map.entry("categories_name_check", new Rule("name", "must be 1 to 100 characters without surrounding spaces")),
            Map.entry("categories_slug_check", new Rule("slug", "must be at most 100 lower-case letters or digits, words joined by single hyphens")),
            Map.entry("categories_description_check", new Rule("description", "must be at most 2000 characters long")),
            Map.entry("categories_parent_id_fkey", new Rule("parent_id", "does not exist")),
            Map.entry("categories_parent_cycle_check", new Rule("parent_id", "would make the category its own ancestor")),
            Map.entry("tags_name_key", new Rule("name", "is already used by another tag")),
            Map.entry("tags_name_check", new Rule("name", "must be 1 to 50 characters without surrounding spaces")),
            Map.entry("posts_author_id_fkey", new Rule("author_id", "does not exist")),
            Map.entry("posts_category_id_fkey", new Rule("category_id", "does not exist")),
            Map.entry("posts_title_check", new Rule("title", "must be 1 to 200 characters long")),
            Map.entry("posts_content_check", new Rule("content", "must be at most 100000 characters long")),
            Map.entry("posts_published_at_check", new Rule("published_at", "must be set exactly when the post is published")),
            Map.entry("posts_version_check", new Rule("version", "must be at least 1")),
            Map.entry("posts_slug_key", new Rule("slug", "is already the slug of another post")),
            Map.entry("posts_slug_check", new Rule("slug", "must be 1 to 100 lower-case letters or digits, words joined by single hyphens")),
            Map.entry("posts_publish_at_check", new Rule("publish_at", "can only be set on a draft; send \"published\": false with it")),
            Map.entry("post_old_slugs_pkey", new Rule("slug", "already leads to a post")),
            Map.entry("post_old_slugs_post_id_fkey", new Rule("post_id", "does not exist")),
            Map.entry("post_tags_pkey", new Rule("tags", "already has this tag")),
            Map.entry("post_tags_post_id_fkey", new Rule("post_id", "does not exist")),
            Map.entry("post_tags_tag_id_fkey", new Rule("tags", "do not exist")),
            Map.entry("api_tokens_user_id_fkey", new Rule("user_id", "does not exist")),
            Map.entry("api_tokens_token_hash_key", new Rule("token", "already exists")),
            Map.entry("api_tokens_token_hash_check", new Rule("token_hash", "must be a SHA-256 digest (32 bytes)")),
            Map.entry("api_tokens_expiry_check", new Rule("expires_at", "must be after the creation time")),
            Map.entry("bulk_updates_owner_id_fkey", new Rule("owner_id", "does not exist")),
            Map.entry("bulk_updates_request_id_check", new Rule("request_id", "must be 1 to 100 characters long")),
            Map.entry("bulk_updates_target_check", new Rule("ids", "must name 1 to 100000 posts")),
            Map.entry("bulk_updates_request_key", new Rule("request_id", "was already used for another bulk update")),
            Map.entry("bulk_update_chunks_bulk_update_id_fkey", new Rule("job_id", "does not exist")),
            Map.entry("bulk_update_chunks_range_check", new Rule("chunk", "must not end before it starts")),
            Map.entry("backups_state_check", new Rule("state", "must be running, verified, failed or deleted")),
            Map.entry("backups_one_running_key", new Rule("backup", "another backup is running")),
            Map.entry("category_post_stats_category_id_fkey", new Rule("category_id", "does not exist")),
            Map.entry("post_search_post_id_fkey", new Rule("post_id", "does not exist")),
            Map.entry("invitations_user_id_fkey", new Rule("id", "does not exist")),
            Map.entry("invitations_kind_check", new Rule("kind", "must be one of invitation, reset")),
            Map.entry("invitations_token_hash_check", new Rule("token_hash", "must be a SHA-256 digest (32 bytes)")),
            Map.entry("invitations_issued_by_fkey", new Rule("issued_by", "does not exist")),
            Map.entry("invitations_expiry_check", new Rule("expires_at", "must be after the creation time")),
            Map.entry("invitations_used_at_check", new Rule("token", "has expired")),
            Map.entry("invitations_token_hash_key", new Rule("token", "already exists")),
            Map.entry("invitations_one_pending_key", new Rule("id", "already has a pending invitation; retry to replace it")),
            Map.entry("posts_comment_count_check", new Rule("comment_count", "must not be negative")),
            Map.entry("comments_post_id_fkey", new Rule("post_id", "does not exist")),
            Map.entry("comments_author_id_fkey", new Rule("author_id", "does not exist")),
            Map.entry("comments_parent_fkey", new Rule("parent_id", "is not a comment of this post")),
            Map.entry("comments_post_id_id_key", new Rule("id", "is already a comment of this post")),
            Map.entry("comments_body_check", new Rule("body", "must be 1 to 10000 characters long")),
            Map.entry("comments_depth_check", new Rule("parent_id", "is as deep as a thread goes (6 levels): answer a comment higher up")),
            Map.entry("comments_path_check", new Rule("parent_id", "does not match the comment's place in its thread")),
            Map.entry("comments_place_fixed", new Rule("parent_id", "cannot change: a comment stays where it was written")));

    /** What blocks a delete: the referencing constraint → why the delete is refused. */
    private static final Map<String, String> DELETE_BLOCKERS = Map.of(
            "posts_author_id_fkey", "the user still has posts; delete them first or deactivate the user",
            "comments_author_id_fkey", "the user still has comments; delete them first or deactivate the user",
            "categories_parent_id_fkey", "the category still has child categories; move or delete them first");

    private SqlErrors() {
    }

    /** The input field a named constraint guards, if this table knows the constraint. */
    public static Optional<String> fieldOf(String constraint) {
        return Optional.ofNullable(CONSTRAINTS.get(constraint)).map(Rule::field);
    }

    /**
     * Translates {@code e}; {@code deleting} tells a foreign-key violation caused by deleting a
     * referenced row (a conflict) from one caused by pointing at a missing row (invalid input).
     * Returns {@code e} itself when it is not a data error (a bug, or something unforeseen).
     */
    public static RuntimeException translate(JdbiException e, boolean deleting) {
        if (e instanceof ConnectionException) {
            return new DatabaseUnavailableException("no database connection available", e);
        }
        SQLException sql = findSqlException(e);
        if (sql == null) {
            return e;
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String constraint = constraintOf(sql);
        Rule rule = constraint == null ? null : CONSTRAINTS.get(constraint);
        switch (state) {
            case "23505": // unique_violation
                return new ConflictException("duplicate value",
                        List.of(rule == null ? new FieldError("body", "conflicts with an existing entry")
                                : new FieldError(rule.field(), rule.message())));
            case "23503": // foreign_key_violation
                if (deleting) {
                    return new ConflictException(DELETE_BLOCKERS.getOrDefault(constraint, "still referenced by other data"));
                }
                return new InvalidException(rule == null ? "body" : rule.field(), rule == null ? "refers to something that does not exist" : rule.message());
            case "23514": // check_violation
                return new InvalidException(rule == null ? "body" : rule.field(), rule == null ? "breaks a rule of the data" : rule.message());
            case "23502": // not_null_violation
                return new InvalidException(columnOf(sql, "body"), "is required");
            case "40001", "40P01": // serialization_failure, deadlock_detected
                return new ConflictException("a concurrent change interfered; retry the request");
            case "57014": // query_canceled: statement timeout
                return new DatabaseUnavailableException("the database did not answer in time", e);
            default:
                break;
        }
        if (state.startsWith("22")) { // data_exception: a value the column cannot hold
            return new InvalidException(columnOf(sql, "body"), "has a value the database cannot store");
        }
        if (unavailable(state)) {
            return new DatabaseUnavailableException("the database is unavailable", e);
        }
        return e;
    }

    /**
     * Whether {@code e} or one of its causes says that the database cannot serve now (no
     * connection, one broken mid-request, the server shutting down or out of resources): worth
     * a retry, not a bug. For errors that did not pass through {@link #translate}.
     */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnavailableException || t instanceof ConnectionException
                    || t instanceof SQLException s && s.getSQLState() != null && unavailable(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** 08 connection exceptions (also an I/O error mid-statement), 53 insufficient resources, 57P admin shutdown / crash recovery. */
    private static boolean unavailable(String sqlState) {
        return sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P");
    }

    private static SQLException findSqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    private static String constraintOf(SQLException e) {
        ServerErrorMessage message = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        return message == null ? null : message.getConstraint();
    }

    private static String columnOf(SQLException e, String fallback) {
        ServerErrorMessage message = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        return message == null || message.getColumn() == null ? fallback : message.getColumn();
    }
}
