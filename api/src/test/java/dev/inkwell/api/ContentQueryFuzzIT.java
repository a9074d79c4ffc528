package dev.inkwell.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.inkwell.api.ContentFuzzFixture.HOSTILE_IN_URI;
import static dev.inkwell.api.JsonHttp.enc;
import static dev.inkwell.api.ProblemAssert.assertFields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile query parameters of the content lists: the search text is only ever text (hostile
 * text is a plain 200 without results, text that is too long or not text is 422 on q), and a
 * hostile filter, sort, cursor, published flag or page parameter of posts, categories and tags is
 * a problem+json naming the parameter. Nothing in the database changes. Ids and slugs in the
 * path: {@link ContentAddressFuzzIT}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ContentQueryFuzzIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();
    static final ContentFuzzFixture FUZZ = new ContentFuzzFixture(API);

    @Test
    void theSearchTextOfTheHostileTestsFindsTheTargetPostWhenItMatches() {
        JsonNode page = FUZZ.http.get("/api/posts?author_id=" + FUZZ.author().id() + "&q=" + enc("alpha")).expect(200);
        assertThat(page.get("items").get(0).get("id").asLong()).isEqualTo(FUZZ.post());
    }

    /** The search text is only ever text: hostile text finds nothing (the target post says "alpha beta gamma"). */
    static Stream<String> hostileSearchText() {
        return Stream.of("' OR 1=1 --", "%", "_", ":*", "(", ")", "!", "&", "|", "<->", "\"", "\\", "'", "-", "or",
                ":* | !", "') OR ('1'='1", "1=1); DROP TABLE posts; --", "%' OR '%'='", "\"unclosed");
    }

    @ParameterizedTest
    @MethodSource("hostileSearchText")
    void hostileSearchTextIs200WithNoResults(String q) {
        String before = FUZZ.fingerprint();
        JsonNode page = FUZZ.http.get("/api/posts?author_id=" + FUZZ.author().id() + "&q=" + enc(q)).expect(200);
        assertThat(page.get("items")).isEmpty();
        assertThat(page.get("total").asLong()).isZero();
        assertThat(FUZZ.fingerprint()).isEqualTo(before);
    }

    @Test
    void aSearchTextOver200CharactersIs422OnQ() {
        assertFields(FUZZ.refused(FUZZ.http.get("/api/posts?q=" + "x".repeat(201)), 422), "q");
        assertFields(FUZZ.refused(FUZZ.http.get("/api/posts?q=" + "x".repeat(5_000)), 422), "q");
    }

    @ParameterizedTest
    @MethodSource("notTextInAQuery")
    void aSearchTextThatIsNotTextIs422OnQ(String q) {
        assertFields(FUZZ.refused(FUZZ.http.get("/api/posts?q=" + q), 422), "q");
    }

    static Stream<String> notTextInAQuery() {
        return Stream.of(enc("alpha\u0000"), "%00", "a%07b", "%1B%5B31m", "%7F");
    }


    static Stream<Arguments> hostileFilters() {
        List<Arguments> all = new ArrayList<>();
        for (String value : HOSTILE_IN_URI) {
            all.add(Arguments.of("tag", value, 422));
            all.add(Arguments.of("sort", value, 422));
            all.add(Arguments.of("cursor", value, 422));
        }
        for (String value : List.of("abc", "1e400", "99999999999999999999", "' OR 1=1 --", "%", "_", ":*", "(", "1.5", "\u0000",
                "x".repeat(5_000))) {
            all.add(Arguments.of("category_id", value, 400));
            all.add(Arguments.of("author_id", value, 400));
            all.add(Arguments.of("page", value, 400));
            all.add(Arguments.of("per_page", value, 400));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("hostileFilters")
    void aHostileFilterIsAProblemNamingTheParameter(String parameter, String value, int status) {
        assertFields(FUZZ.refused(FUZZ.http.get("/api/posts?" + parameter + "=" + enc(value)), status), parameter);
    }

    static Stream<String> hostileInUri() {
        return HOSTILE_IN_URI.stream();
    }

    @ParameterizedTest
    @MethodSource("hostileInUri")
    void aHostilePublishedFlagIs400NamingIt(String value) {
        assertFields(FUZZ.refused(FUZZ.http.get("/api/posts?published=" + enc(value)), 400), "published");
    }

    static Stream<Arguments> hostilePaging() {
        List<Arguments> all = new ArrayList<>();
        for (String list : List.of("/api/categories", "/api/tags")) {
            for (String parameter : List.of("page", "per_page")) {
                for (String value : List.of("abc", "1e400", "99999999999999999999", "' OR 1=1 --", "%", "(", "\u0000")) {
                    all.add(Arguments.of(list, parameter, value, 400));
                }
                all.add(Arguments.of(list, parameter, "-1", 422));
                all.add(Arguments.of(list, parameter, "2147483647", 422));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("hostilePaging")
    void hostilePagingOfCategoriesAndTagsIsAProblemNamingTheParameter(String list, String parameter, String value, int status) {
        assertFields(FUZZ.refused(FUZZ.http.get(list + "?" + parameter + "=" + enc(value)), status), parameter);
    }
}
