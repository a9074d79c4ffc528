package dev.inkwell.persistence.tag;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.tag.Tag;
import dev.inkwell.persistence.TablePages;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The tag list, a page in one statement with its total (see {@link TablePages}). */
public final class TagPages {
    private static final String PAGE = """
            SELECT id, name, id AS cursor_id, lower(name) AS cursor_key, %s AS total
              FROM tags %s ORDER BY lower(name), id LIMIT :limit OFFSET :offset
            """;
    private static final RowMapper<Tag> TAG = (rs, ctx) -> new Tag(rs.getLong("id"), rs.getString("name"));

    private final TablePages pages;

    public TagPages(Jdbi jdbi) {
        this.pages = new TablePages(jdbi, TagPages.class, "tags", PAGE, "lower(name)");
    }

    /** A page of tags in name order, with the total (estimated beyond a thousand tags). */
    public Page<Tag> page(PageRequest request) {
        return pages.page(request, TAG);
    }

    /** The page of tags after {@code cursor} (a 422 naming it when this server did not issue it for tags). */
    public Page<Tag> pageAfter(String cursor, int perPage) {
        return pages.pageAfter(cursor, perPage, TAG);
    }
}
