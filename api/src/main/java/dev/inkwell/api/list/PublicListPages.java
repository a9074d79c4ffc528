package dev.inkwell.api.list;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.inkwell.api.PageResponse;
import dev.inkwell.api.category.CategoryResponse;
import dev.inkwell.api.tag.TagBody;
import dev.inkwell.api.user.UserResponse;
import dev.inkwell.domain.PageRequest;
import dev.inkwell.domain.TableCursor;
import dev.inkwell.persistence.cache.KeptTablePages;
import dev.inkwell.persistence.cache.KeptTablePages.Table;
import dev.inkwell.persistence.cache.ListPage;
import dev.inkwell.persistence.category.CategoryPages;
import dev.inkwell.persistence.tag.TagPages;
import dev.inkwell.persistence.user.UserPages;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.util.Optional;

/**
 * The pages of the user, category and tag lists as an anonymous reader is sent them, kept in the
 * read cache ({@link KeptTablePages}) with their next cursors and built on a miss: the one home of
 * these bytes, for the resources and for {@link ListPageFilter}, which answers them before Jersey.
 */
public final class PublicListPages {
    private final KeptTablePages kept;
    private final UserPages users;
    private final CategoryPages categories;
    private final TagPages tags;
    private final ObjectWriter writer;

    /** {@code mapper}: the API's, so that a page is written as Jersey would write it. */
    public PublicListPages(KeptTablePages kept, UserPages users, CategoryPages categories, TagPages tags, ObjectMapper mapper) {
        this.kept = kept;
        this.users = users;
        this.categories = categories;
        this.tags = tags;
        this.writer = mapper.writerFor(PageResponse.class);
    }

    /**
     * The page of {@code table} as sent to anonymous readers (and, for categories and tags, to
     * anyone): page {@code request.page()}, or, when {@code cursor} is given, the page after it;
     * a 422 naming {@code cursor} when this server did not issue it for this list (checked
     * before the page is named, so a cursor that does not decode names no kept page).
     */
    public ListPage page(Table table, PageRequest request, String cursor) {
        if (cursor != null) {
            TableCursor.decode(cursor, table.list());
        }
        return kept.page(table, request, cursor, () -> write(build(table, request, cursor)));
    }

    /**
     * The resource's answer to a request for a public page: {@code page} or {@code cursor} (not
     * both: 422), of {@code perPage} rows, linked to the next page ({@link ListAnswers}).
     */
    public Response answer(Table table, Integer page, Integer perPage, String cursor, UriBuilder requestUri) {
        PageRequest request = PageRequest.of(page, perPage);
        ListAnswers.refuseCursorWithPage(cursor, page);
        ListPage found = page(table, request, cursor);
        return ListAnswers.ok(found.json(), found.nextCursor(), requestUri, true);
    }

    private PageResponse<?> build(Table table, PageRequest request, String cursor) {
        int size = request.perPage();
        return switch (table) {
            case USERS -> PageResponse.of(cursor == null ? users.page(request) : users.pageAfter(cursor, size),
                    u -> UserResponse.of(u, Optional.empty()));
            case CATEGORIES -> PageResponse.of(cursor == null ? categories.page(request) : categories.pageAfter(cursor, size),
                    CategoryResponse::of);
            case TAGS -> PageResponse.of(cursor == null ? tags.page(request) : tags.pageAfter(cursor, size), TagBody::of);
        };
    }

    private ListPage write(PageResponse<?> page) {
        try {
            return new ListPage(page.nextCursor(), writer.writeValueAsBytes(page));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a list page as JSON", e);
        }
    }
}
