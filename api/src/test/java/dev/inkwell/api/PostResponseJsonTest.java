package dev.inkwell.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.api.post.PostResponse;
import dev.inkwell.domain.post.Post;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PostResponse} writes itself; its bytes must be those the API's mapper writes for the same
 * record as a plain bean ({@link Bean}, the same components), for every kind of value a post holds.
 */
class PostResponseJsonTest {
    /** PostResponse as Jackson's bean serializer writes it: the reference. */
    record Bean(long id, String title, String slug, String content, boolean published, OffsetDateTime publishedAt,
                OffsetDateTime publishAt, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version,
                PostResponse.Author author, PostResponse.CategoryRef category, List<String> tags, int commentCount) {
        static Bean of(PostResponse p) {
            return new Bean(p.id(), p.title(), p.slug(), p.content(), p.published(), p.publishedAt(), p.publishAt(), p.createdAt(),
                    p.updatedAt(), p.version(), p.author(), p.category(), p.tags(),
                    p.commentCount());
        }
    }

    private static final ObjectMapper MAPPER = Jackson.newObjectMapper();

    static {
        ApiJson.configure(MAPPER);
    }

    @Test
    void theReferenceHasExactlyPostResponsesComponents() {
        assertThat(describe(Bean.class.getRecordComponents())).isEqualTo(describe(PostResponse.class.getRecordComponents()));
    }

    @Test
    void aPostIsWrittenAsTheMappersBeanSerializerWritesIt() throws Exception {
        PostResponse post = new PostResponse(42, "Hello \"world\"", "hello-world", "Some\ncontent \\ with \u00e9 and \ud83d\ude00", true,
                OffsetDateTime.of(2026, 12, 6, 4, 5, 6, 120_000_000, ZoneOffset.UTC), null,
                OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 12, 6, 4, 5, 6, 123_456_789, ZoneOffset.UTC), 7,
                new PostResponse.Author(3, "ada"), new PostResponse.CategoryRef(5, "Science"), List.of("a", "b c"), 4);
        assertSameAsBean(post);
        assertThat(MAPPER.writeValueAsString(post)).isEqualTo("{\"id\":42,\"title\":\"Hello \\\"world\\\"\",\"slug\":\"hello-world\","
                + "\"content\":\"Some\\ncontent \\\\ with \u00e9 and \ud83d\ude00\",\"published\":true,"
                + "\"published_at\":\"2026-12-06T04:05:06.12Z\",\"publish_at\":null,\"created_at\":\"2025-01-02T03:04:05Z\","
                + "\"updated_at\":\"2026-12-06T04:05:06.123456789Z\",\"version\":7,\"author\":{\"id\":3,\"username\":\"ada\"},"
                + "\"category\":{\"id\":5,\"name\":\"Science\"},\"tags\":[\"a\",\"b c\"],\"comment_count\":4}");
    }

    @Test
    void draftsUncategorizedAndUntaggedPostsWriteTheirNullsAndEmptyList() throws Exception {
        OffsetDateTime t = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 1, ZoneOffset.UTC);
        assertSameAsBean(new PostResponse(1, "", "p", "", false, null, t, t, t, 1, new PostResponse.Author(1, "u"), null, List.of(), 0));
        assertSameAsBean(new PostResponse(Long.MAX_VALUE, "t", "", "c", false, null, null, t, t, Long.MIN_VALUE,
                new PostResponse.Author(-1, ""), new PostResponse.CategoryRef(0, ""), List.of(""), Integer.MAX_VALUE));
    }

    @Test
    void timesOfEveryShapeAreWrittenAsTheMappersFormatterWritesThem() throws Exception {
        List<OffsetDateTime> times = new ArrayList<>(List.of(OffsetDateTime.MIN, OffsetDateTime.MAX,
                OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), OffsetDateTime.of(-1, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.UTC),
                OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.UTC), OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 6, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)), OffsetDateTime.of(2026, 6, 1, 12, 0, 0, 500, ZoneOffset.ofHoursMinutes(-5, -30)),
                OffsetDateTime.of(1900, 6, 1, 12, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(0, 19, 32))));
        int[] nanos = {0, 1, 10, 100_000, 1_000_000, 100_000_000, 123_000, 999_999_999, 500_000_000, 10_000_010};
        Random random = new Random(20);
        for (int i = 0; i < 2_000; i++) {
            ZoneOffset offset = i % 4 == 0 ? ZoneOffset.ofTotalSeconds((random.nextInt(36) - 18) * 3600) : ZoneOffset.UTC;
            int nano = i % 3 == 0 ? nanos[random.nextInt(nanos.length)] : random.nextInt(1_000_000) * 1_000;
            times.add(OffsetDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), nano, offset));
        }
        for (OffsetDateTime t : times) {
            assertSameAsBean(new PostResponse(1, "t", "t", "c", true, t, t, t, t, 1, new PostResponse.Author(1, "u"), null, List.of(), 0));
        }
    }

    @Test
    void textOfEveryKindIsEscapedAsTheMapperEscapesIt() throws Exception {
        Random random = new Random(7);
        char[] specials = {'"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u00e9', '\u2028', '\u2029', '\ufeff', '<', '>', '&', '\''};
        OffsetDateTime t = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < 500; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(200); n > 0; n--) {
                switch (random.nextInt(4)) {
                    case 0 -> text.append(specials[random.nextInt(specials.length)]);
                    case 1 -> text.appendCodePoint(0x10000 + random.nextInt(0x1000)); // outside the BMP
                    case 2 -> text.append((char) random.nextInt(0xd800));
                    default -> text.append((char) ('a' + random.nextInt(26)));
                }
            }
            String s = text.toString();
            assertSameAsBean(new PostResponse(i, s, s, s + s, i % 2 == 0, t, null, t, t, i, new PostResponse.Author(i, s),
                    new PostResponse.CategoryRef(i, s), List.of(s, "x", s), i));
        }
    }

    @Test
    void theWriterTheApiBuildsAndTheDomainsPostWriteTheSame() throws Exception {
        OffsetDateTime t = OffsetDateTime.of(2026, 3, 4, 5, 6, 7, 800_000_000, ZoneOffset.UTC);
        PostResponse post = PostResponse.of(new Post(9, "T", "t", "C", true, t, t, t, t, 2, new Post.Author(4, "grace"),
                new Post.CategoryRef(8, "Math"), List.of("x"), 3));
        assertThat(MAPPER.writerFor(PostResponse.class).writeValueAsBytes(post)).isEqualTo(MAPPER.writeValueAsBytes(Bean.of(post)));
    }

    private static void assertSameAsBean(PostResponse post) throws Exception {
        assertThat(new String(MAPPER.writeValueAsBytes(post), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(MAPPER.writeValueAsBytes(Bean.of(post)), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static List<String> describe(RecordComponent[] components) {
        return Arrays.stream(components).map(c -> c.getName() + ":" + c.getGenericType().getTypeName()).toList();
    }
}
