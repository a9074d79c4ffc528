package dev.inkwell.persistence.category;

import dev.inkwell.domain.Page;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.category.Category;
import dev.inkwell.persistence.TablePages;
import dev.inkwell.persistence.TablePages.Rows;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The category list: a page of categories by name, each with its direct children (by name too),
 * in one statement with the total (see {@link TablePages}). The page's rows come first, then the
 * children of any of them, marked {@code child}, which carry no cursor: a next page's cursor
 * follows the page's own last row, never a child. The row read beyond the page (it tells that a
 * next page exists) is not shown, and neither are its children.
 */
public final class CategoryPages {
    private static final String PAGE = """
            WITH page AS (
                SELECT id, name, slug, description, parent_id, lower(name) AS sort_name, %s AS total
                  FROM categories %s ORDER BY lower(name), id LIMIT :limit OFFSET :offset)
            SELECT false AS child, sort_name, id, name, slug, description, parent_id,
                   id AS cursor_id, sort_name AS cursor_key, total FROM page
            UNION ALL
            SELECT true, lower(c.name), c.id, c.name, c.slug, c.description, c.parent_id, NULL, NULL, NULL
              FROM categories c WHERE c.parent_id IN (SELECT id FROM page)
             ORDER BY child, sort_name, id
            """;

    private record Row(boolean child, Category category) {
    }

    private static final RowMapper<Row> ROW = (rs, ctx) -> {
        long parent = rs.getLong("parent_id");
        Long parentId = rs.wasNull() ? null : parent;
        return new Row(rs.getBoolean("child"), new Category(rs.getLong("id"), rs.getString("name"), rs.getString("slug"),
                rs.getString("description"), parentId));
    };

    /** A category of the page with its direct children. */
    public record CategoryTree(Category category, List<Category> children) {
    }

    private final TablePages pages;

    public CategoryPages(Jdbi jdbi) {
        this.pages = new TablePages(jdbi, CategoryPages.class, "categories", PAGE, "lower(name)");
    }

    /** A page of categories by name with their children, and the total (estimated beyond a thousand). */
    public Page<CategoryTree> page(PageRequest request) {
        Rows<Row> found = pages.read(request, ROW);
        return new Page<>(trees(found), found.total().rows(), found.total().exact(), request.page(), request.perPage(), found.nextCursor());
    }

    /** The page of categories after {@code cursor} (a 422 naming it when this server did not issue it for categories). */
    public Page<CategoryTree> pageAfter(String cursor, int perPage) {
        Rows<Row> found = pages.readAfter(cursor, perPage, ROW);
        return new Page<>(trees(found), found.total().rows(), found.total().exact(), null, perPage, found.nextCursor());
    }

    private static List<CategoryTree> trees(Rows<Row> found) {
        Map<Long, List<Category>> children = new LinkedHashMap<>();
        for (Row row : found.rows()) {
            if (row.child()) {
                List<Category> siblings = children.get(row.category().parentId());
                if (siblings != null) { // else a child of the row beyond the page
                    siblings.add(row.category());
                }
            } else {
                children.put(row.category().id(), new ArrayList<>());
            }
        }
        List<CategoryTree> trees = new ArrayList<>(children.size());
        for (Row row : found.rows()) {
            if (!row.child()) {
                trees.add(new CategoryTree(row.category(), List.copyOf(children.get(row.category().id()))));
            }
        }
        return trees;
    }
}
