package org.comity.node.knowledge;

import java.util.List;
import java.util.Optional;
import org.comity.node.platform.Actor;

/**
 * The country profiles this node keeps. Reads are open to every signed-in user (profiles hold law and
 * contacts, no case data); saving and importing need the ADMIN role. Every save appends a version
 * (who, when, why, the whole profile) that is never changed or deleted, and is audited.
 */
public interface CountryProfiles {

    /** The current profile of a state, if one was saved. */
    Optional<ProfileVersion> current(String stateCode);

    /** The current profile, or {@link CountryProfile#unknown} when none was saved. */
    default CountryProfile profileOf(String stateCode) {
        return current(stateCode).map(ProfileVersion::profile).orElseGet(() -> CountryProfile.unknown(stateCode));
    }

    /** The current version of every profile, ordered by state code. */
    List<ProfileVersion> all();

    /** Every version of a state's profile, newest first. */
    List<ProfileVersion> history(String stateCode);

    /**
     * Saves a new version of a state's profile after checking it.
     *
     * @param expectedVersion the version the change was made on, 0 for a new profile
     * @throws org.comity.node.platform.ComityException 403 without ADMIN, 409 when someone saved
     *     another version first, 422 naming every field in error
     */
    ProfileVersion save(Actor actor, CountryProfile profile, int expectedVersion, String note);

    /**
     * Saves every profile of an export file ({@link ProfileFile}) as a new version, all or none.
     *
     * @return the versions saved, one per profile that differed from the current one
     */
    List<ProfileVersion> importFile(Actor actor, byte[] json, String note);

    /** Every current profile as an export file (UTF-8 JSON). */
    byte[] exportFile();
}
