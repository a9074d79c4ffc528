package dev.inkwell.api.post;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.inkwell.domain.post.Post;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A post on the wire, with its author, category (or null) and tag names.
 *
 * <p>It writes itself ({@link JsonSerializable}): every uncached read writes one, and Jackson's
 * bean serializer with its {@code OffsetDateTime} formatter (a {@code BigDecimal} per fraction of
 * a second) took a tenth of such a read's CPU. The bytes are those the API's mapper writes for the
 * same record as a bean (snake_case names, ISO-8601 times, nulls written), which
 * {@code PostResponseJsonTest} checks against the mapper itself.
 */
public record PostResponse(long id, String title, String slug, String content, boolean published, OffsetDateTime publishedAt,
                           OffsetDateTime publishAt, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version,
                           Author author, CategoryRef category, List<String> tags, int commentCount) implements JsonSerializable {

    public record Author(long id, String username) {
    }

    public record CategoryRef(long id, String name) {
    }

    public static PostResponse of(Post post) {
        return new PostResponse(post.id(), post.title(), post.slug(), post.content(), post.published(), post.publishedAt(),
                post.publishAt(), post.createdAt(), post.updatedAt(), post.version(),
                new Author(post.author().id(), post.author().username()),
                post.category() == null ? null : new CategoryRef(post.category().id(), post.category().name()),
                post.tags(), post.commentCount());
    }

    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString TITLE = new SerializedString("title");
    private static final SerializableString SLUG = new SerializedString("slug");
    private static final SerializableString CONTENT = new SerializedString("content");
    private static final SerializableString PUBLISHED = new SerializedString("published");
    private static final SerializableString PUBLISHED_AT = new SerializedString("published_at");
    private static final SerializableString PUBLISH_AT = new SerializedString("publish_at");
    private static final SerializableString CREATED_AT = new SerializedString("created_at");
    private static final SerializableString UPDATED_AT = new SerializedString("updated_at");
    private static final SerializableString VERSION = new SerializedString("version");
    private static final SerializableString AUTHOR = new SerializedString("author");
    private static final SerializableString USERNAME = new SerializedString("username");
    private static final SerializableString CATEGORY = new SerializedString("category");
    private static final SerializableString NAME = new SerializedString("name");
    private static final SerializableString TAGS = new SerializedString("tags");
    private static final SerializableString COMMENT_COUNT = new SerializedString("comment_count");

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeStartObject(this);
        writeFields(gen);
        gen.writeEndObject();
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer) throws IOException {
        WritableTypeId typeId = typeSer.writeTypePrefix(gen, typeSer.typeId(this, JsonToken.START_OBJECT));
        writeFields(gen);
        typeSer.writeTypeSuffix(gen, typeId);
    }

    private void writeFields(JsonGenerator gen) throws IOException {
        gen.writeFieldName(ID);
        gen.writeNumber(id);
        gen.writeFieldName(TITLE);
        gen.writeString(title);
        gen.writeFieldName(SLUG);
        gen.writeString(slug);
        gen.writeFieldName(CONTENT);
        gen.writeString(content);
        gen.writeFieldName(PUBLISHED);
        gen.writeBoolean(published);
        gen.writeFieldName(PUBLISHED_AT);
        writeTime(gen, publishedAt);
        gen.writeFieldName(PUBLISH_AT);
        writeTime(gen, publishAt);
        gen.writeFieldName(CREATED_AT);
        writeTime(gen, createdAt);
        gen.writeFieldName(UPDATED_AT);
        writeTime(gen, updatedAt);
        gen.writeFieldName(VERSION);
        gen.writeNumber(version);
        gen.writeFieldName(AUTHOR);
        if (author == null) {
            gen.writeNull();
        } else {
            writeNamed(gen, author.id(), USERNAME, author.username());
        }
        gen.writeFieldName(CATEGORY);
        if (category == null) {
            gen.writeNull();
        } else {
            writeNamed(gen, category.id(), NAME, category.name());
        }
        gen.writeFieldName(TAGS);
        if (tags == null) {
            gen.writeNull();
        } else {
            gen.writeStartArray();
            for (String tag : tags) {
                gen.writeString(tag);
            }
            gen.writeEndArray();
        }
        gen.writeFieldName(COMMENT_COUNT);
        gen.writeNumber(commentCount);
    }

    /**
     * A time as Jackson's {@code OffsetDateTimeSerializer} writes it here ({@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}:
     * seconds always, the fraction without trailing zeros, "Z" for UTC). Times in UTC with a four-digit year
     * (PostgreSQL hands every {@code timestamptz} over in UTC) are written digit by digit; others by the formatter.
     */
    /** An embedded author or category: {"id": .., "<field>": ".."}. */
    private static void writeNamed(JsonGenerator gen, long id, SerializableString field, String value) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(ID);
        gen.writeNumber(id);
        gen.writeFieldName(field);
        gen.writeString(value);
        gen.writeEndObject();
    }

    static void writeTime(JsonGenerator gen, OffsetDateTime time) throws IOException {
        if (time == null) {
            gen.writeNull();
            return;
        }
        int year = time.getYear();
        if (time.getOffset().getTotalSeconds() != 0 || year < 0 || year > 9999) {
            gen.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
            return;
        }
        char[] out = new char[30]; // yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, time.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, time.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, time.getHour(), 2);
        out[13] = ':';
        digits(out, 14, time.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, time.getSecond(), 2);
        int end = 19;
        int nano = time.getNano();
        if (nano != 0) {
            out[19] = '.';
            digits(out, 20, nano, 9);
            end = 29;
            while (out[end - 1] == '0') {
                end--;
            }
        }
        out[end++] = 'Z';
        gen.writeString(out, 0, end);
    }

    /** {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
