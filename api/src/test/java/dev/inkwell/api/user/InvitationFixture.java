package dev.inkwell.api.user;

import dev.inkwell.api.ApiApp;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;

import java.util.Map;

import static dev.inkwell.api.user.Wire.object;
import static dev.inkwell.api.user.Wire.problemNaming;

/**
 * What the invitation tests ({@link InvitationIssueApiIT}, {@link InvitationAcceptApiIT},
 * {@link InvitationPendingApiIT}) share: an invitation issued as any caller or as the shared admin,
 * an acceptance with any body, and the one problem every unusable token answers. Users come from
 * {@link UserApiFixture}.
 */
final class InvitationFixture {
    private final ApiApp api;

    InvitationFixture(ApiApp api) {
        this.api = api;
    }

    Response invite(String token, long userId) {
        return api.request("/api/users/" + userId + "/invitations", token).post(null);
    }

    /** Issues an invitation of {@code userId} as the admin and returns its token. */
    String invited(long userId) {
        return (String) object(invite(api.sharedAdmin().token(), userId), 201).get("token");
    }

    Response accept(Object body) {
        return api.request("/api/invitations/accept").post(body instanceof String s ? Entity.json(s) : Entity.json(body));
    }

    Response accept(String token, String password) {
        return accept(Map.of("token", token, "password", password));
    }

    /** The problem of an unusable token, without its request id (which every answer has its own of). */
    static Map<String, Object> unusable(Response r) {
        Map<String, Object> problem = problemNaming(r, 409, "token");
        problem.remove("request_id");
        return problem;
    }
}
