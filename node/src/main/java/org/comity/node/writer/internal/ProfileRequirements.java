package org.comity.node.writer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.comity.node.directory.Authority;
import org.comity.node.knowledge.CountryProfiles;
import org.comity.node.knowledge.FormalRequirements;
import org.comity.node.knowledge.ProfileVersion;
import org.comity.node.knowledge.Reservation;
import org.comity.node.request.Instrument;
import org.comity.node.writer.Requirements;
import org.comity.node.writer.Requirements.Line;
import org.comity.node.writer.RequirementsSource;

/**
 * The requested state's requirements from its country profile (knowledge base): its languages,
 * signature, certification, whether electronic requests suffice, dual criminality for coercive
 * measures, thresholds and its reservations on the instrument. Without a profile, what the
 * instrument and the directory say ({@link InstrumentRequirements}).
 */
final class ProfileRequirements implements RequirementsSource {

    private final CountryProfiles profiles;
    private final InstrumentRequirements fallback = new InstrumentRequirements();

    ProfileRequirements(CountryProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public Requirements of(Authority requested, Instrument instrument) {
        Optional<ProfileVersion> found = requested == null ? Optional.empty() : profiles.current(requested.stateCode());
        if (found.isEmpty()) {
            return fallback.of(requested, instrument);
        }
        ProfileVersion version = found.get();
        var profile = version.profile();
        FormalRequirements r = profile.requirements();
        List<Line> formal = new ArrayList<>(InstrumentRequirements.formal(instrument));
        formal.add(Line.of(r.signature() ? "writer.req.signature" : "writer.req.no-signature"));
        if (r.certification()) {
            formal.add(Line.of("writer.req.certification"));
        }
        formal.add(Line.of(r.electronicAccepted() ? "writer.req.electronic" : "writer.req.paper"));
        if (r.notes() != null && !r.notes().isBlank()) {
            formal.add(Line.text(r.notes()));
        }
        List<Line> thresholds = new ArrayList<>();
        if (r.threshold() != null && !r.threshold().isBlank()) {
            thresholds.add(Line.text(r.threshold()));
        }
        for (Reservation reservation : profile.reservationsOn(instrument.id())) {
            thresholds.add(Line.of(reservation.effect() == Reservation.Effect.EXCLUDES ? "writer.req.reservation.excludes" : "writer.req.reservation",
                    reservation.text()));
        }
        List<String> languages = profile.languages().isEmpty() ? requested.languages() : profile.languages();
        return new Requirements(profile.stateCode(), languages, formal,
                Line.of(r.dualCriminalityForCoercive() ? "writer.req.dual.required" : "writer.req.dual.not-required"), thresholds,
                Line.of("writer.req.source.profile", profile.stateName(), String.valueOf(version.version())));
    }
}
