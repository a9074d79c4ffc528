package dev.inkwell.domain.post;

import dev.inkwell.domain.InvalidException;
import dev.inkwell.domain.Text;

/** Value rules shared by new posts and changes to posts. */
final class PostRules {
    private PostRules() {
    }

    static String title(String title) {
        Text.require("title", title, 1, Post.TITLE_MAX);
        if (title.isBlank()) {
            throw new InvalidException("title", "must not be blank");
        }
        return title;
    }

    static String content(String content) {
        return Text.require("content", content, 0, Post.CONTENT_MAX);
    }
}
