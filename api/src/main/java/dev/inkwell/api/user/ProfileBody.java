package dev.inkwell.api.user;

import dev.inkwell.domain.user.Profile;

/** {@code GET/PUT /api/users/{id}/profile}. PUT replaces all three fields (absent = cleared). */
public record ProfileBody(String displayName, String bio, String website) {

    static ProfileBody of(Profile profile) {
        return new ProfileBody(profile.displayName(), profile.bio(), profile.website());
    }
}
