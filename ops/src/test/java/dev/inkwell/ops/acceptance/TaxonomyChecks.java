package dev.inkwell.ops.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.persistence.testing.TestHttp;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Categories (a tree) and tags: any signed-in user creates them, only admins change or delete them. */
abstract class TaxonomyChecks extends Checks {

    @Test
    void aCategoryShowsItsParentAndChildrenAndOnlyAnAdminChangesIt() {
        String name = unique("Cat");
        JsonNode parent = create("categories", accounts.writer, Map.of("name", name, "description", "a parent"));
        long parentId = parent.get("id").asLong();
        assertThat(parent.get("slug").asText()).isEqualTo(name.toLowerCase());
        JsonNode child = create("categories", accounts.writer, Map.of("name", unique("Child"), "parent_id", parentId));
        assertThat(child.get("parent_id").asLong()).isEqualTo(parentId);

        JsonNode read = expect(send("GET", "categories/" + parentId, null, null), 200);
        assertThat(read.get("children")).hasSize(1);
        assertThat(read.get("children").get(0).get("id").asLong()).isEqualTo(child.get("id").asLong());
        assertThat(read.get("parent_id").isNull()).isTrue();

        problem(send("PATCH", "categories/" + parentId, accounts.writer, Map.of("description", "mine now")), 403);
        problem(send("DELETE", "categories/" + parentId, accounts.writer, null), 403);
        problem(send("PATCH", "categories/" + parentId, null, Map.of("description", "anyone's")), 401);
        JsonNode changed = expect(send("PATCH", "categories/" + parentId, accounts.admin, Map.of("description", "changed")), 200);
        assertThat(changed.get("description").asText()).isEqualTo("changed");
        assertThat(expect(send("GET", "categories/" + parentId, null, null), 200).get("description").asText()).isEqualTo("changed");

        expect(send("DELETE", "categories/" + child.get("id").asLong(), accounts.admin, null), 204);
        problem(send("GET", "categories/" + child.get("id").asLong(), null, null), 404);
        assertThat(expect(send("GET", "categories/" + parentId, null, null), 200).get("children")).isEmpty();
    }

    @Test
    void categoriesTagsAndUsersListInPages() {
        twoEach();
        for (String list : new String[] {"categories", "tags", "users"}) {
            JsonNode page = expect(send("GET", list + "?per_page=1", null, null), 200);
            assertThat(page.get("items")).as(list).hasSize(1);
            assertThat(page.get("per_page").asInt()).isEqualTo(1);
            assertThat(page.get("total").asLong()).as(list).isGreaterThanOrEqualTo(2);
            assertThat(page.get("pages").asLong()).isEqualTo(page.get("total").asLong());
            JsonNode second = expect(send("GET", list + "?per_page=1&page=2", null, null), 200);
            assertThat(second.get("items").get(0).get("id").asLong()).as("%s: not the first page again", list)
                    .isNotEqualTo(page.get("items").get(0).get("id").asLong());
            problem(send("GET", list + "?per_page=101", null, null), 422);
        }
    }

    /** DESIGN.md section 3: "an opaque cursor (keyset) for deep pages, with a Link: rel="next" header, on every list". */
    @Test
    void categoriesTagsAndUsersListWithACursor() {
        twoEach();
        for (String list : new String[] {"categories", "tags", "users"}) {
            TestHttp.Answer first = send("GET", list + "?per_page=1", null, null);
            String next = next(first);
            assertThat(next).as("the next page of %s, with more than one on it", list).isNotNull();
            assertThat(expect(deployment.request("GET", next, null).send(), 200).get("items").get(0).get("id").asLong())
                    .as("%s: not the first page again", list).isNotEqualTo(first.json().get("items").get(0).get("id").asLong());
        }
    }

    /** Two categories and two tags, so that every list has a second page at one per page (users: the run's). */
    private void twoEach() {
        for (int i = 0; i < 2; i++) {
            create("categories", accounts.writer, Map.of("name", unique("Listed")));
            create("tags", accounts.writer, Map.of("name", unique("listed")));
        }
    }

    @Test
    void aTagIsUniqueIgnoringCaseAndOnlyAnAdminRenamesOrDeletesIt() {
        String name = unique("tag");
        JsonNode tag = create("tags", accounts.writer, Map.of("name", name));
        long id = tag.get("id").asLong();
        assertThat(tag.get("name").asText()).isEqualTo(name);
        assertThat(problem(send("POST", "tags", accounts.reader, Map.of("name", name.toUpperCase())), 409).toString())
                .as("a duplicate names what it conflicts with").isNotEmpty();

        problem(send("PATCH", "tags/" + id, accounts.writer, Map.of("name", name + "-mine")), 403);
        problem(send("DELETE", "tags/" + id, accounts.reader, null), 403);
        JsonNode renamed = expect(send("PATCH", "tags/" + id, accounts.admin, Map.of("name", name + "-renamed")), 200);
        assertThat(renamed.get("name").asText()).isEqualTo(name + "-renamed");
        assertThat(expect(send("GET", "tags/" + id, null, null), 200).get("name").asText()).isEqualTo(name + "-renamed");

        expect(send("DELETE", "tags/" + id, accounts.admin, null), 204);
        problem(send("GET", "tags/" + id, null, null), 404);
    }
}
