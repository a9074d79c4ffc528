package dev.inkwell.api.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.inkwell.domain.post.Post;

import java.util.function.Function;

/** A post as GET /api/posts/{id} sends it, written once (the cache keeps these bytes). */
public final class PostJson {
    private PostJson() {
    }

    public static Function<Post, byte[]> writer(ObjectMapper mapper) {
        ObjectWriter writer = mapper.writerFor(PostResponse.class);
        return post -> {
            try {
                return writer.writeValueAsBytes(PostResponse.of(post));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write post " + post.id() + " as JSON", e);
            }
        };
    }
}
