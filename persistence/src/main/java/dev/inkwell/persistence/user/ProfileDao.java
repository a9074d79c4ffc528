package dev.inkwell.persistence.user;

import dev.inkwell.domain.user.Profile;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.util.Optional;

/** Profiles: one per user, written whole (PUT semantics). */
@RegisterConstructorMapper(Profile.class)
public interface ProfileDao {

    @SqlQuery("SELECT user_id, display_name, bio, website FROM profiles WHERE user_id = :userId")
    Optional<Profile> find(long userId);

    /** Creates or replaces the profile of {@code profile.userId()}; the same profile again writes nothing. */
    @Transaction
    default Profile put(Profile profile) {
        return putRow(profile).orElseGet(() -> find(profile.userId()).orElseThrow());
    }

    /** Empty when the stored profile already is {@code profile} (nothing written, updated_at stays). */
    @SqlQuery("""
            INSERT INTO profiles (user_id, display_name, bio, website)
            VALUES (:userId, :displayName, :bio, :website)
            ON CONFLICT (user_id) DO UPDATE
               SET display_name = excluded.display_name,
                   bio          = excluded.bio,
                   website      = excluded.website,
                   updated_at   = now()
             WHERE (profiles.display_name, profiles.bio, profiles.website)
                   IS DISTINCT FROM (excluded.display_name, excluded.bio, excluded.website)
            RETURNING user_id, display_name, bio, website
            """)
    Optional<Profile> putRow(@BindMethods Profile profile);
}
