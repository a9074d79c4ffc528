package dev.inkwell.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paging the public lists of named rows share (categories and tags, both answered by {@code
 * PublicListPages}): one check, so that the two lists' tests cannot drift apart.
 */
public final class NameOrderedPages {
    private NameOrderedPages() {
    }

    /**
     * Asserts that {@code path}, a list of every row of {@code table} (at least two), pages one row
     * at a time in the order of {@code lower(name)}, then id, and counts every row.
     */
    public static void assertPagedOneByOneInNameOrder(ApiApp api, String path, String table) {
        JsonHttp http = new JsonHttp(api);
        JsonNode first = http.get(path + "?page=1&per_page=1").expect(200);
        JsonNode second = http.get(path + "?page=2&per_page=1").expect(200);

        long total = first.get("total").asLong();
        long rows = api.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
        assertThat(total).isGreaterThanOrEqualTo(2).isEqualTo(rows);
        assertThat(first.get("pages").asLong()).isEqualTo(total);
        assertThat(first.get("page").asInt()).isEqualTo(1);
        assertThat(first.get("per_page").asInt()).isEqualTo(1);
        assertThat(first.get("items")).hasSize(1);
        assertThat(second.get("page").asInt()).isEqualTo(2);
        assertThat(second.get("items")).hasSize(1);
        List<Long> byName = api.jdbi().withHandle(h -> h.createQuery("SELECT id FROM " + table + " ORDER BY lower(name), id LIMIT 2")
                .mapTo(Long.class).list());
        assertThat(List.of(first.get("items").get(0).get("id").asLong(), second.get("items").get(0).get("id").asLong()))
                .isEqualTo(byName);
    }
}
