package dev.inkwell.api;

import dev.inkwell.client.ApiClient;
import dev.inkwell.client.ApiException;
import dev.inkwell.client.api.CommentsApi;
import dev.inkwell.client.api.PostsApi;
import dev.inkwell.client.api.TokensApi;
import dev.inkwell.client.api.UsersApi;
import dev.inkwell.client.model.Comment;
import dev.inkwell.client.model.CommentCreate;
import dev.inkwell.client.model.CommentPage;
import dev.inkwell.client.model.Post;
import dev.inkwell.client.model.PostCreate;
import dev.inkwell.client.model.PostPage;
import dev.inkwell.client.model.Token;
import dev.inkwell.client.model.TokenRequest;
import dev.inkwell.client.model.User;
import dev.inkwell.client.model.UserCreate;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java client the build generates from the OpenAPI document (openapi-generator, api's pom)
 * works against the real API: a new user signs up, signs in, creates posts and lists them, page
 * fields and all, by number and by cursor; a refused request is the client's exception with the
 * problem's status.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class GeneratedClientIT {
    static final ApiApp API = new ApiApp();
    static final DropwizardAppExtension<ApiConfiguration> APP = API.extension();

    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(API.url(""));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    @Test
    void aNewUserSignsUpSignsInCreatesAndListsPostsThroughTheGeneratedClient() throws ApiException {
        String name = ApiApp.unique("gen");
        User user = new UsersApi(client(null)).signUp(new UserCreate().username(name).email(name + "@example.com")
                .password("a long enough password"), null);
        assertThat(user.getUsername()).isEqualTo(name);
        Token token = new TokensApi(client(null)).signIn(new TokenRequest().username(name).password("a long enough password"), null);
        assertThat(token.getToken()).isNotBlank();

        PostsApi posts = new PostsApi(client(token.getToken()));
        String word = ApiApp.unique("generated").replaceAll("[^a-z]", "");
        for (int i = 0; i < 3; i++) {
            Post post = posts.createPost(new PostCreate().title("Post " + i + " " + word).content("about " + word)
                    .published(true).tags(List.of("client")), null);
            assertThat(post.getAuthor().getId()).isEqualTo(user.getId());
            assertThat(post.getTags()).containsExactly("client");
        }

        PostPage first = posts.listPosts(word, null, null, user.getId(), null, null, null, 2, null, null);
        assertThat(first.getTotal()).isEqualTo(3);
        assertThat(first.getItems()).hasSize(2).allSatisfy(p -> assertThat(p.getTitle()).contains(word));
        assertThat(first.getNextCursor()).isNotNull();
        PostPage rest = posts.listPosts(word, null, null, user.getId(), null, null, null, 2, first.getNextCursor(), null);
        assertThat(rest.getItems()).hasSize(1);
        assertThat(rest.getNextCursor()).isNull();
    }

    @Test
    void aUserCommentsAndAnswersAndPagesThroughTheThreadWithTheGeneratedClient() throws ApiException {
        String token = API.signUp("gencomment").token();
        Post post = new PostsApi(client(token)).createPost(new PostCreate().title("Talk").content("to me").published(true), null);
        CommentsApi comments = new CommentsApi(client(token));
        Comment top = comments.createComment(post.getId(), new CommentCreate().body("top"), null);
        Comment reply = comments.createComment(post.getId(), new CommentCreate().body("reply").parentId(top.getId()), null);
        assertThat(reply.getDepth()).isEqualTo(1);

        CommentPage first = comments.listComments(post.getId(), null, 1, null, null);
        assertThat(first.getItems()).extracting(Comment::getBody).containsExactly("top");
        CommentPage rest = comments.listComments(post.getId(), null, 1, first.getNextCursor(), null);
        assertThat(rest.getItems()).extracting(Comment::getId).containsExactly(reply.getId());
        assertThat(rest.getNextCursor()).isNull();
        assertThat(new PostsApi(client(null)).getPost(post.getId(), null, null).getCommentCount()).isEqualTo(2);
    }

    @Test
    void aRefusedRequestIsTheClientsExceptionWithTheStatus() {
        assertThatThrownBy(() -> new PostsApi(client(null)).createPost(new PostCreate().title("t").content("c"), null))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(401));
        assertThatThrownBy(() -> new PostsApi(client(null)).getPost(999_999_999L, null, null))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(404));
    }
}
