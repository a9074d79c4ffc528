package dev.inkwell.api.tag;

import dev.inkwell.domain.tag.Tag;

/** A tag on the wire. */
public record TagBody(long id, String name) {
    public static TagBody of(Tag tag) {
        return new TagBody(tag.id(), tag.name());
    }
}
