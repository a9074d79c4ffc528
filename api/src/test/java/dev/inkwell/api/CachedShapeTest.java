package dev.inkwell.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inkwell.api.category.CategoryResponse;
import dev.inkwell.api.feed.FeedFormat;
import dev.inkwell.api.feed.FeedSamples;
import dev.inkwell.api.post.PostResponse;
import dev.inkwell.api.tag.TagBody;
import dev.inkwell.api.user.UserResponse;
import dev.inkwell.domain.Page;
import dev.inkwell.domain.category.Category;
import dev.inkwell.domain.post.Post;
import dev.inkwell.domain.tag.Tag;
import dev.inkwell.domain.user.Role;
import dev.inkwell.domain.user.User;
import dev.inkwell.persistence.cache.CachedShape;
import dev.inkwell.persistence.category.CategoryPages.CategoryTree;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON the read cache keeps has the shape pinned for its key's version ({@link CachedShape}),
 * so that a change of shape cannot ship under a key that old entries still fill. Each kind is a
 * fully populated sample written as the API writes it (its mapper, the same wire records and
 * writers), reduced to its field paths and value kinds: what an old entry would get wrong. Field
 * order and values do not count; a field added, removed, renamed, or of another kind does.
 */
class CachedShapeTest {
    private static final ObjectMapper MAPPER = Jackson.newObjectMapper();
    private static final ObjectMapper READER = new ObjectMapper();
    private static final OffsetDateTime T = OffsetDateTime.of(2026, 12, 6, 4, 5, 6, 120_000_000, ZoneOffset.UTC);

    static {
        ApiJson.configure(MAPPER);
    }

    /** What the API keeps under {@code kind}'s key, for a sample in which every field has a value. */
    static byte[] sample(CachedShape kind) throws Exception {
        return switch (kind) {
            case POST -> post();
            // As PostsResource writes a page: the posts' cached JSON copied in.
            case POST_PAGES -> page(new Page<>(List.of(post()), 41, false, 2, 20, "cursor"), RawJson::new);
            // As PublicListPages writes the pages anonymous readers are sent.
            case USER_PAGES -> page(new Page<>(List.of(new User(3, "ada", "ada@example.com", Role.ADMIN, true, T, T)),
                    41, true, 2, 20, "cursor"), u -> UserResponse.of(u, Optional.empty()));
            case CATEGORY_PAGES -> page(new Page<>(List.of(new CategoryTree(new Category(5, "Science", "science", "All of it", 1L),
                    List.of(new Category(6, "Physics", "physics", "Some", 5L)))), 41, true, 2, 20, "cursor"), CategoryResponse::of);
            case TAG_PAGES -> page(new Page<>(List.of(new Tag(8, "java")), 41, true, 2, 20, "cursor"), TagBody::of);
            // The XML of both formats, as FeedPages keeps them, one after the other.
            case POST_FEEDS -> {
                byte[] atom = FeedSamples.xml(FeedSamples.keptFeed(FeedFormat.ATOM, T));
                byte[] rss = FeedSamples.xml(FeedSamples.keptFeed(FeedFormat.RSS, T));
                byte[] both = java.util.Arrays.copyOf(atom, atom.length + 1 + rss.length);
                both[atom.length] = 0;
                System.arraycopy(rss, 0, both, atom.length + 1, rss.length);
                yield both;
            }
        };
    }

    /** As the applications' post writer writes a post: {@code PostResponse.of} through the mapper. */
    private static byte[] post() throws Exception {
        return MAPPER.writerFor(PostResponse.class).writeValueAsBytes(PostResponse.of(new Post(42, "Title", "title", "Content", true,
                T, T, T, T, 7, new Post.Author(3, "ada"), new Post.CategoryRef(5, "Science"), List.of("java", "jdbi"), 2)));
    }

    private static <D> byte[] page(Page<D> page, Function<? super D, ?> toWire) throws Exception {
        return MAPPER.writerFor(PageResponse.class).writeValueAsBytes(PageResponse.of(page, toWire));
    }

    /**
     * The JSON's shape: a sorted line "path kind" for every value in it ({@code items[].author.id integer});
     * of XML documents (separated by a zero byte), a line for every element and attribute path
     * ({@code /feed/entry/link/@href attribute}).
     */
    static List<String> shapeOf(byte[] json) throws Exception {
        TreeSet<String> lines = new TreeSet<>();
        if (json.length > 0 && json[0] == '<') {
            int start = 0;
            for (int i = 0; i <= json.length; i++) {
                if (i == json.length || json[i] == 0) {
                    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
                    factory.setNamespaceAware(true);
                    Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(json, start, i - start)).getDocumentElement();
                    walkXml("", root, lines);
                    start = i + 1;
                }
            }
            return List.copyOf(lines);
        }
        walk("$", READER.readTree(json), lines);
        return List.copyOf(lines);
    }

    private static void walkXml(String parent, Element element, TreeSet<String> lines) {
        String path = parent + "/" + (element.getNamespaceURI() == null ? "" : "{" + element.getNamespaceURI() + "}") + element.getLocalName();
        lines.add(path + " element");
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            lines.add(path + "/@" + attribute.getNodeName() + " attribute");
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                walkXml(path, e, lines);
            }
        }
    }

    private static void walk(String path, JsonNode node, TreeSet<String> lines) {
        lines.add(path + " " + kind(node));
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(path + "." + field.getKey(), field.getValue(), lines);
            }
        } else if (node.isArray()) {
            node.forEach(item -> walk(path + "[]", item, lines));
        }
    }

    private static String kind(JsonNode node) {
        if (node.isTextual()) {
            try {
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(node.textValue());
                return "time";
            } catch (DateTimeParseException e) {
                return "string";
            }
        }
        return node.isIntegralNumber() ? "integer" : node.isNumber() ? "decimal" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    static String hash(List<String> shape) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\n", shape).getBytes(UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    @Test
    void everyKindOfKeptJsonHasTheShapePinnedForItsKeysVersion() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (CachedShape kind : CachedShape.values()) {
            List<String> shape = shapeOf(sample(kind));
            String pinned = kind.pinnedShape();
            String pinnedVersion = pinned.substring(0, pinned.indexOf(':'));
            String hash = hash(shape);
            if (!pinnedVersion.equals(kind.version())) {
                wrong.add("CachedShape." + kind + " pins the shape of " + pinnedVersion + " but its key is " + kind.key()
                        + ": move the key to " + pinnedVersion + " (and never back to a version that was in use)");
            } else if (!pinned.equals(kind.version() + ":" + hash)) {
                String next = "v" + (Integer.parseInt(kind.version().substring(1)) + 1);
                wrong.add("The JSON kept under " + kind.key() + " changed shape since " + pinned + " was pinned; old entries"
                        + " would be sent after a deploy. Move CachedShape." + kind + "'s key to "
                        + kind.key().replaceFirst(":v[0-9]+$", ":" + next) + " and pin \"" + next + ":" + hash + "\". Its shape now:\n  "
                        + String.join("\n  ", shape));
            }
        }
        assertThat(wrong).as("kept JSON whose shape and key version disagree").isEmpty();
    }

    @Test
    void everySampleHasAValueInEveryField() throws Exception {
        for (CachedShape kind : CachedShape.values()) {
            assertThat(shapeOf(sample(kind))).as("%s: a null hides the kind of its field", kind).noneMatch(line -> line.endsWith(" null"));
        }
    }

    @Test
    void theShapeHoldsEveryFieldPathWithItsKind() throws Exception {
        assertThat(shapeOf(sample(CachedShape.POST))).contains("$ object", "$.id integer", "$.published boolean",
                "$.published_at time", "$.author.username string", "$.tags array", "$.tags[] string");
        assertThat(shapeOf(sample(CachedShape.POST_PAGES))).contains("$.items[].author.username string", "$.total_exact boolean",
                "$.next_cursor string");
        assertThat(shapeOf(sample(CachedShape.USER_PAGES))).as("never the e-mail address in a public page")
                .noneMatch(line -> line.contains("email"));
        assertThat(shapeOf(sample(CachedShape.POST_FEEDS))).contains("/{http://www.w3.org/2005/Atom}feed element",
                "/{http://www.w3.org/2005/Atom}feed/{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}link/@href attribute",
                "/rss/channel/item/{http://purl.org/dc/elements/1.1/}creator element");
    }

    @Test
    void keysAreDistinctAndVersioned() {
        assertThat(CachedShape.values()).extracting(CachedShape::key).doesNotHaveDuplicates()
                .allMatch(key -> key.matches("[a-z-]+:v[0-9]+"));
    }
}
