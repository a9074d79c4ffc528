package dev.inkwell.ops.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.persistence.testing.TestHttp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-up, tokens, users and profiles as a client sees them (DESIGN.md sections 3 and 8). */
abstract class UserChecks extends Checks {

    @Test
    void signUpAnswers201WithLocationAndTheUserWithoutPassword() {
        TestHttp.Answer signUp = accounts.signUp;
        JsonNode user = expect(signUp, 201);
        assertThat(signUp.header("Location")).endsWith("/api/users/" + accounts.writer.id());
        assertThat(user.get("username").asText()).isEqualTo(accounts.writer.username());
        assertThat(user.get("email").asText()).isEqualTo(accounts.writer.username() + "@example.com");
        assertThat(user.get("role").asText()).isEqualTo("user");
        assertThat(signUp.text()).doesNotContain("password").doesNotContain("$argon2").doesNotContain(accounts.writer.password());
    }

    @Test
    void aWrongPasswordOrAnUnknownUserGets401() {
        problem(send("POST", "tokens", null, Map.of("username", accounts.reader.username(), "password", "not the password")), 401);
        problem(send("POST", "tokens", null, Map.of("username", "nobody-" + accounts.run, "password", "not the password")), 401);
    }

    @Test
    void aProtectedRequestWithoutOrWithABadTokenIs401() {
        Map<String, Object> post = Map.of("title", "never made", "content", "x");
        problem(send("POST", "posts", null, post), 401);
        problem(deployment.request("POST", "posts", post).bearer("not-a-token-" + accounts.run).send(), 401);
        problem(deployment.request("GET", "admin/db-stats", null).bearer("not-a-token-" + accounts.run).send(), 401);
    }

    @Test
    void aSignedOutTokenIs401AndTheUsersOtherTokensStillWork() {
        String second = Accounts.signIn(deployment, accounts.writer.username(), accounts.writer.password());
        assertThat(expect(deployment.request("GET", "users/" + accounts.writer.id(), null).bearer(second).send(), 200).has("email"))
                .as("the user sees their own e-mail address with the new token").isTrue();
        expect(deployment.request("DELETE", "tokens/current", null).bearer(second).send(), 204);
        problem(deployment.request("POST", "posts", Map.of("title", "never made", "content", "x")).bearer(second).send(), 401);
        assertThat(expect(send("GET", "users/" + accounts.writer.id(), accounts.writer, null), 200).has("email")).isTrue();
    }

    @Test
    void aUserShowsTheirEmailOnlyToThemselvesAndAdmins() {
        String path = "users/" + accounts.writer.id();
        // Only its presence: another check changes the writer's address.
        assertThat(expect(send("GET", path, accounts.writer, null), 200).get("email").asText()).endsWith("@example.com");
        assertThat(expect(send("GET", path, accounts.admin, null), 200).has("email")).isTrue();
        JsonNode seenByOthers = expect(send("GET", path, accounts.reader, null), 200);
        assertThat(seenByOthers.get("username").asText()).isEqualTo(accounts.writer.username());
        assertThat(seenByOthers.has("email")).isFalse();
        assertThat(expect(send("GET", path, null, null), 200).has("email")).isFalse();
    }

    @Test
    void theUserListPagesByIdWithTotals() {
        JsonNode first = expect(send("GET", "users?page=1&per_page=2", accounts.reader, null), 200);
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("page").asInt()).isEqualTo(1);
        assertThat(first.get("per_page").asInt()).isEqualTo(2);
        long total = first.get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(3); // the admin, the writer and the reader at least
        assertThat(first.get("pages").asLong()).isEqualTo((total + 1) / 2);
        JsonNode second = expect(send("GET", "users?page=2&per_page=2", null, null), 200);
        List<Long> ids = new ArrayList<>();
        first.get("items").forEach(u -> ids.add(u.get("id").asLong()));
        second.get("items").forEach(u -> ids.add(u.get("id").asLong()));
        assertThat(ids).as("ordered by id, no user twice").isSorted().doesNotHaveDuplicates();
        assertThat(second.toString()).doesNotContain("password");
        problem(send("GET", "users?per_page=101", null, null), 422);
        problem(send("GET", "users?page=0", null, null), 422);
        problem(send("GET", "users?per_page=many", null, null), 400);
    }

    @Test
    void aUserChangesThemselvesButNotOthersNorTheirOwnStatus() {
        String email = unique("writer") + "@example.com";
        JsonNode changed = expect(send("PATCH", "users/" + accounts.writer.id(), accounts.writer, Map.of("email", email)), 200);
        assertThat(changed.get("email").asText()).isEqualTo(email);
        assertThat(expect(send("GET", "users/" + accounts.writer.id(), accounts.writer, null), 200).get("email").asText()).isEqualTo(email);

        problem(send("PATCH", "users/" + accounts.reader.id(), accounts.writer, Map.of("email", unique("x") + "@example.com")), 403);
        problem(send("PATCH", "users/" + accounts.writer.id(), accounts.writer, Map.of("is_active", false)), 403);
        problem(send("DELETE", "users/" + accounts.reader.id(), accounts.writer, null), 403);
        assertThat(expect(send("GET", "users/" + accounts.reader.id(), accounts.admin, null), 200).get("is_active").asBoolean()).isTrue();
    }

    @Test
    void anAdminDeletesAUserAndTheUserIsGone() {
        String path = "users/" + accounts.spareId;
        expect(send("GET", path, null, null), 200);
        expect(send("DELETE", path, accounts.admin, null), 204);
        problem(send("GET", path, null, null), 404);
        problem(send("DELETE", path, accounts.admin, null), 404);
    }

    @Test
    void aProfileIsReadByAnyoneAndReplacedOnlyByItsUser() {
        String path = "users/" + accounts.writer.id() + "/profile";
        Map<String, Object> profile = Map.of("display_name", "Writer " + accounts.run, "bio", "writes acceptance checks",
                "website", "https://example.com/" + accounts.run);
        JsonNode put = expect(send("PUT", path, accounts.writer, profile), 200);
        assertThat(put.get("display_name").asText()).isEqualTo("Writer " + accounts.run);
        JsonNode read = expect(send("GET", path, null, null), 200);
        assertThat(read).isEqualTo(put);
        problem(send("PUT", path, accounts.reader, Map.of("display_name", "taken over")), 403);
        problem(send("GET", "users/" + Long.MAX_VALUE + "/profile", null, null), 404);
        assertThat(expect(send("GET", path, null, null), 200).get("display_name").asText()).isEqualTo("Writer " + accounts.run);
    }
}
