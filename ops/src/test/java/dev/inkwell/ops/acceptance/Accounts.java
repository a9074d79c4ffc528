package dev.inkwell.ops.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.persistence.testing.TestHttp;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users one run of the checks acts as, made once per run with as few rate-limited requests as
 * the contract allows, so that runs against a long-lived deployment neither trip its limits
 * (api.yml: 5 sign-ups a minute per address, 3 bulk requests at once, 10 sign-ins at once) nor
 * meet each other's data: one sign-up (the writer), one {@code users/bulk} (the reader and a spare
 * to delete) whose reader gets a password from the admin, and three sign-ins here (the checks
 * make three more, two of them failing).
 * Every name carries the run's random {@link #run} word.
 */
final class Accounts {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A user of the run and the token it signed in with. */
    record Account(long id, String username, String password, String token) {
    }

    /** Lower-case letters only: fits usernames, slugs, tag names and a full-text word. */
    final String run;
    final Account admin;
    /** Signed up: creates posts, categories and tags. */
    final Account writer;
    /** Made by the admin's bulk request: "someone else" to the writer. */
    final Account reader;
    /** Made by the same bulk request, never signed in: the user a check deletes. */
    final long spareId;
    /** The writer's sign-up as it was answered, for the check of its shape. */
    final TestHttp.Answer signUp;

    private final Deployment deployment;

    private Accounts(Deployment deployment, String run, Account admin, Account writer, Account reader, long spareId,
                     TestHttp.Answer signUp) {
        this.deployment = deployment;
        this.run = run;
        this.admin = admin;
        this.writer = writer;
        this.reader = reader;
        this.spareId = spareId;
        this.signUp = signUp;
    }

    static Accounts create(Deployment deployment, String adminName, String adminPassword) {
        String run = word(10);
        String adminToken = signIn(deployment, adminName, adminPassword);
        Account admin = new Account(-1, adminName, adminPassword, adminToken);

        String writerName = "acc-" + run + "-writer";
        String writerPassword = "writer " + word(16);
        TestHttp.Answer signUp = deployment.request("POST", "users", Map.of("username", writerName,
                "email", writerName + "@example.com", "password", writerPassword)).send();
        long writerId = expect(signUp, 201).get("id").asLong();

        String readerName = "acc-" + run + "-reader";
        String spareName = "acc-" + run + "-spare";
        expect(deployment.request("POST", "users/bulk", List.of(
                Map.of("username", readerName, "email", readerName + "@example.com"),
                Map.of("username", spareName, "email", spareName + "@example.com"))).bearer(adminToken).send(), 201);
        Map<String, Long> ids = newestIds(deployment, adminToken, List.of(readerName, spareName));
        String readerPassword = "reader " + word(16);
        expect(deployment.request("PATCH", "users/" + ids.get(readerName), Map.of("password", readerPassword))
                .bearer(adminToken).send(), 200);

        Account writer = new Account(writerId, writerName, writerPassword, signIn(deployment, writerName, writerPassword));
        Account reader = new Account(ids.get(readerName), readerName, readerPassword, signIn(deployment, readerName, readerPassword));
        return new Accounts(deployment, run, admin, writer, reader, ids.get(spareName), signUp);
    }

    /**
     * The ids of users just created, found on the last pages of the user list (ordered by id), as
     * {@code users/bulk} answers only how many it made. Others may sign up meanwhile: up to two pages back.
     */
    private static Map<String, Long> newestIds(Deployment deployment, String adminToken, List<String> usernames) {
        JsonNode first = expect(deployment.request("GET", "users?per_page=100", null).bearer(adminToken).send(), 200);
        Map<String, Long> ids = new java.util.HashMap<>();
        for (long page = first.get("pages").asLong(); page >= 1 && ids.size() < usernames.size(); page--) {
            JsonNode items = expect(deployment.request("GET", "users?per_page=100&page=" + page, null).bearer(adminToken).send(), 200)
                    .get("items");
            for (JsonNode user : items) {
                if (usernames.contains(user.get("username").asText())) {
                    ids.put(user.get("username").asText(), user.get("id").asLong());
                }
            }
            if (first.get("pages").asLong() - page >= 2) {
                break;
            }
        }
        assertThat(ids.keySet()).as("the users just made by users/bulk").containsExactlyInAnyOrderElementsOf(usernames);
        return ids;
    }

    static String signIn(Deployment deployment, String username, String password) {
        return expect(deployment.request("POST", "tokens", Map.of("username", username, "password", password)).send(), 201)
                .get("token").asText();
    }

    private static JsonNode expect(TestHttp.Answer answer, int status) {
        assertThat(answer.status()).as("answer to the run's accounts' set-up: %s", answer.text()).isEqualTo(status);
        return answer.json();
    }

    /** {@code n} random lower-case letters. */
    static String word(int n) {
        StringBuilder word = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            word.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return word.toString();
    }

    /**
     * Deletes the run's users (and so their tokens), best effort: one that still has posts (a
     * check that failed half way) answers 409 and stays, with nothing else of the run depending
     * on it. Then the admin signs out.
     */
    void remove() {
        for (long id : new long[] {writer.id(), reader.id(), spareId}) {
            deployment.request("DELETE", "users/" + id, null).bearer(admin.token()).send();
        }
        deployment.request("DELETE", "tokens/current", null).bearer(admin.token()).send();
    }
}
