package dev.inkwell.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inkwell.api.ApiApp;
import dev.inkwell.api.ApiConfiguration;
import dev.inkwell.api.JsonHttp;
import dev.inkwell.persistence.testing.TestHttp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.inkwell.api.JsonHttp.fields;
import static dev.inkwell.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inkwell Console as the server hands it out (the page itself is driven in a browser by the ops
 * module's Console*BrowserIT), and the two API operations made for it: who a token signs in, and
 * the operator's overview.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleApiIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final JsonHttp HTTP = new JsonHttp(API);
    private static final Pattern LOADS = Pattern.compile("(?:src|href)=\"([^\"#]+)\"|from '\\./([^']+)'");

    private static TestHttp.Answer get(String path) {
        return TestHttp.get(API.url(path)).send();
    }

    @Test
    void thePageIsServedWithAStrictContentSecurityPolicy() {
        TestHttp.Answer page = get("/console/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'", "base-uri 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.text()).contains("<script type=\"module\" src=\"app.js\"></script>").doesNotContain("style=");
    }

    @Test
    void anUnchangedFileIs304WithItsETag() {
        String etag = get("/console/app.js").header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{16}\"");
        TestHttp.Answer again = TestHttp.get(API.url("/console/app.js")).header("If-None-Match", etag).send();
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void theConsoleWithoutItsSlashRedirectsToIt() {
        TestHttp.Answer answer = get("/console");
        assertThat(answer.status()).isEqualTo(301);
        assertThat(answer.header("Location")).endsWith("/console/");
    }

    @Test
    void aFileTheConsoleDoesNotHaveIs404ProblemJson() {
        for (String path : new String[] {"/console/nothing.js", "/console/.hidden", "/console/app.js.map", "/console/a/b/c.js",
                "/console/ConsoleServlet.class"}) {
            TestHttp.Answer answer = get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
        }
    }

    /**
     * Every file the page loads, and every module those modules import, is served with its type,
     * and none names another origin: the console works offline and loads nothing from a CDN.
     */
    @Test
    void everythingThePageLoadsComesFromTheConsoleItself() {
        Deque<String> pending = new ArrayDeque<>(java.util.List.of("index.html"));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            TestHttp.Answer file = get("/console/" + name);
            assertThat(file.status()).as(name).isEqualTo(200);
            String type = file.header("Content-Type");
            String expected = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css"
                    : name.endsWith(".svg") ? "image/svg+xml" : "text/html";
            assertThat(type).as(name).startsWith(expected);
            String text = file.text();
            assertThat(text.replace("http://www.w3.org/2000/svg", "")).as(name).doesNotContain("http://", "https://", "//cdn");
            Matcher m = LOADS.matcher(text);
            while (m.find()) {
                pending.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        assertThat(seen).contains("app.js", "api.js", "posts.js", "editor.js", "users.js", "operator.js", "charts.js", "console.css");
        assertThat(seen).as("every file of the console is used").containsAll(filesInTheJar());
    }

    /**
     * The console's files as the api's jar (or its classes folder) holds them, each free of markup
     * parsing and eval: listed, not named here, so that a file added later is held to the same rules.
     */
    private static Set<String> filesInTheJar() {
        Set<String> files = new HashSet<>();
        // The folder of the page itself (the test classes have a folder of the same package), in
        // the api's jar when failsafe runs against it, else in its classes.
        try {
            URI page = ConsoleServlet.class.getClassLoader().getResource(ConsoleServlet.ROOT + "index.html").toURI();
            try (FileSystem jar = page.getScheme().equals("jar") ? openJar(page) : null;
                 Stream<Path> folder = Files.list(Path.of(page).getParent())) {
                // The servlet's own classes share the folder (its package); the console is the rest.
                for (Path file : folder.filter(f -> !f.toString().endsWith(".class")).toList()) {
                    // Every way a string becomes markup or code: the console builds elements only.
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain("innerHTML", "outerHTML",
                            "insertAdjacentHTML", "document.write", "DOMParser", "createContextualFragment", "eval(", "Function(",
                            "javascript:", "setTimeout('", "setTimeout(\"");
                    files.add(file.getFileName().toString());
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new AssertionError(e);
        }
        assertThat(files).contains("index.html", "app.js", "console.css");
        return files;
    }

    /** The jar's file system, to be closed after use; null when another caller has it open (it closes it). */
    private static FileSystem openJar(URI page) throws IOException {
        try {
            return FileSystems.newFileSystem(page, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return null;
        }
    }

    @Test
    void theCurrentTokenNamesItsUserAndRole() {
        ApiApp.Session user = API.signUp("console");
        JsonNode me = HTTP.get("/api/tokens/current").as(user).expect(200);
        assertThat(me.get("id").asLong()).isEqualTo(user.id());
        assertThat(me.get("username").asText()).isEqualTo(user.username());
        assertThat(me.get("role").asText()).isEqualTo("user");
        assertThat(me.get("email").asText()).isEqualTo(user.username() + "@example.com");
        ApiApp.Session admin = API.admin();
        assertThat(HTTP.get("/api/tokens/current").as(admin).expect(200).get("role").asText()).isEqualTo("admin");
        assertProblem(HTTP.get("/api/tokens/current").send(), 401);
        assertProblem(HTTP.get("/api/tokens/current").token("not-a-token").send(), 401);
    }

    @Test
    void theOverviewIsForAdminsOnly() {
        ApiApp.Session user = API.signUp("console-user");
        assertProblem(HTTP.get("/api/admin/overview").as(user).send(), 403);
        assertProblem(HTTP.get("/api/admin/overview").send(), 401);
    }

    @Test
    void theOverviewSaysReadyAndCountsTodaysPosts() {
        ApiApp.Session admin = API.admin();
        JsonNode before = HTTP.get("/api/admin/overview").as(admin).expect(200);
        HTTP.post("/api/posts", fields("title", "counted today", "content", "x")).as(admin).expect(201);
        JsonNode after = HTTP.get("/api/admin/overview").as(admin).expect(200);

        assertThat(after.get("ready").asBoolean()).isTrue();
        assertThat(after.get("alive").asBoolean()).isTrue();
        assertThat(after.get("checks").findValuesAsText("name")).contains("postgresql", "redis", "deadlocks");
        JsonNode postgres = check(after, "postgresql");
        assertThat(postgres.get("type").asText()).isEqualTo("ready");
        assertThat(postgres.get("critical").asBoolean()).isTrue();
        assertThat(postgres.get("healthy").asBoolean()).isTrue();
        assertThat(check(after, "deadlocks").get("type").asText()).isEqualTo("alive");
        assertThat(after.get("workers").size()).as("no worker runs in this test").isZero();

        JsonNode days = after.get("posts_per_day");
        assertThat(days.size()).isEqualTo(7);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(days.get(6).get("day").asText()).isEqualTo(today.toString());
        assertThat(days.get(0).get("day").asText()).isEqualTo(today.minusDays(6).toString());
        assertThat(days.get(6).get("posts").asLong()).isEqualTo(before.get("posts_per_day").get(6).get("posts").asLong() + 1);
    }

    @Test
    void anOldPostCountsOnItsOwnDayAndOneOlderThanAWeekNowhere() {
        ApiApp.Session admin = API.admin();
        long twoDaysAgo = HTTP.post("/api/posts", fields("title", "older", "content", "x")).as(admin).expect(201).get("id").asLong();
        long weekAgo = HTTP.post("/api/posts", fields("title", "oldest", "content", "x")).as(admin).expect(201).get("id").asLong();
        JsonNode before = HTTP.get("/api/admin/overview").as(admin).expect(200).get("posts_per_day");
        API.jdbi().useHandle(h -> {
            h.execute("UPDATE posts SET created_at = now() - interval '2 days' WHERE id = ?", twoDaysAgo);
            h.execute("UPDATE posts SET created_at = now() - interval '8 days' WHERE id = ?", weekAgo);
        });
        JsonNode after = HTTP.get("/api/admin/overview").as(admin).expect(200).get("posts_per_day");
        assertThat(after.get(6).get("posts").asLong()).isEqualTo(before.get(6).get("posts").asLong() - 2);
        assertThat(after.get(4).get("posts").asLong()).isEqualTo(before.get(4).get("posts").asLong() + 1);
        long total = 0;
        for (JsonNode d : after) {
            total += d.get("posts").asLong();
        }
        long sumBefore = 0;
        for (JsonNode d : before) {
            sumBefore += d.get("posts").asLong();
        }
        assertThat(total).as("the post older than a week is in no day").isEqualTo(sumBefore - 1);
    }

    private static JsonNode check(JsonNode overview, String name) {
        for (JsonNode c : overview.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + overview);
    }
}
