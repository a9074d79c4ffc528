package dev.inkwell.ops.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.ops.acceptance.Accounts.Account;
import dev.inkwell.persistence.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every group of acceptance checks shares: the deployment, the run's accounts, requests as
 * one of them, the problem+json shape, unique names, and removal of what a check made (by the
 * admin, newest first, after each check, passed or failed), so that a long-lived deployment keeps
 * little of the runs. The groups run through {@link AcceptanceIT}.
 */
@ExtendWith(Deployment.Extension.class)
abstract class Checks {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    Deployment deployment;
    Accounts accounts;
    private final Deque<String> made = new ArrayDeque<>();

    @BeforeEach
    void connect(Deployment deployment) {
        this.deployment = deployment;
        this.accounts = deployment.accounts();
    }

    /** Tries every removal (one refused must not keep the others), then fails naming the refused ones. */
    @AfterEach
    void removeWhatWasMade() {
        List<String> refused = new ArrayList<>();
        while (!made.isEmpty()) {
            String location = made.pop();
            TestHttp.Answer gone = deployment.request("DELETE", location, null).bearer(accounts.admin.token()).send();
            if (gone.status() != 204 && gone.status() != 404) {
                refused.add("DELETE " + location + ": " + gone.status() + " " + gone.text());
            }
        }
        assertThat(refused).as("removals of what the check made").isEmpty();
    }

    /** {@code method path} as {@code who} (null: anonymous). */
    TestHttp.Answer send(String method, String path, Account who, Object body) {
        return deployment.request(method, path, body).bearer(who == null ? null : who.token()).send();
    }

    static JsonNode expect(TestHttp.Answer answer, int status) {
        assertThat(answer.status()).as("status of the answer %s", answer.text()).isEqualTo(status);
        return answer.body().length == 0 ? null : answer.json();
    }

    /**
     * An RFC 9457 problem of {@code status}: its media type, type, title, status and detail, and
     * nothing of the server's insides.
     */
    static JsonNode problem(TestHttp.Answer answer, int status) {
        assertThat(answer.status()).as("status of the answer %s", answer.text()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as("media type of %s", answer.text()).startsWith("application/problem+json");
        assertThat(answer.text()).doesNotContainIgnoringCase("exception").doesNotContain("SQL");
        JsonNode problem = answer.json();
        for (String field : new String[] {"type", "title", "status", "detail"}) {
            assertThat(problem.hasNonNull(field)).as("%s in %s", field, problem).isTrue();
        }
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    /** A 201 with a Location of the new thing, which is removed after the check; the answer's JSON. */
    JsonNode create(String collection, Account who, Object body) {
        return created(collection, who, body).json();
    }

    /** As {@link #create}, the whole answer. */
    TestHttp.Answer created(String collection, Account who, Object body) {
        TestHttp.Answer answer = send("POST", collection, who, body);
        JsonNode created = expect(answer, 201);
        String location = answer.header("Location");
        assertThat(location).as("Location of the new one in %s", collection).endsWith("/api/" + collection + "/" + created.get("id").asLong());
        made.push(location);
        return answer;
    }

    /**
     * The URL of the next page of a list's {@code answer} ({@code Link: <...>; rel="next"}), or
     * null on the last page; the header and the body's {@code next_cursor} must agree.
     */
    static String next(TestHttp.Answer answer) {
        JsonNode page = expect(answer, 200);
        String link = answer.header("Link");
        if (page.get("next_cursor").isNull()) {
            assertThat(link).as("no next link on the last page").isNull();
            return null;
        }
        assertThat(link).as("Link of a page with a next_cursor").isNotNull();
        Matcher m = NEXT.matcher(link);
        assertThat(m.find()).as("rel=\"next\" in %s", link).isTrue();
        assertThat(m.group(1)).contains("cursor=");
        return m.group(1);
    }

    /** A name no other check or run uses: {@code prefix-<run>-<n>}. */
    String unique(String prefix) {
        return prefix + "-" + accounts.run + "-" + NAMES.incrementAndGet();
    }
}
