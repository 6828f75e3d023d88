package org.comity.node.knowledge;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a practitioner must know about cooperating with one state: the treaties it is party to and
 * its reservations, its central authority and 24/7 point of contact (entries of the directory), the
 * languages it accepts, its formal requirements, its preservation periods, the providers established
 * there and the channels they accept, and how long each channel typically takes. The same shape is
 * the import and export format (docs/formats/country-profile.md).
 *
 * @param stateCode ISO 3166 alpha-2 code (XA-XZ for fictional states)
 * @param euMember the state is bound by Regulation (EU) 2023/1543
 * @param centralAuthority the central authority's id in the directory; may be null
 * @param pointOfContact the 24/7 point of contact's id in the directory; may be null
 * @param languages the languages requests may be written in, ISO 639-1, preferred first
 */
public record CountryProfile(
        String stateCode,
        String stateName,
        boolean euMember,
        List<TreatyParty> treaties,
        List<Reservation> reservations,
        UUID centralAuthority,
        UUID pointOfContact,
        List<String> languages,
        FormalRequirements requirements,
        PreservationPeriods preservation,
        List<ProviderContact> providers,
        List<ProcessingTime> processingTimes,
        String notes) {

    public CountryProfile {
        treaties = treaties == null ? List.of() : List.copyOf(treaties);
        reservations = reservations == null ? List.of() : List.copyOf(reservations);
        languages = languages == null ? List.of() : List.copyOf(languages);
        providers = providers == null ? List.of() : List.copyOf(providers);
        processingTimes = processingTimes == null ? List.of() : List.copyOf(processingTimes);
        requirements = requirements == null ? FormalRequirements.none() : requirements;
    }

    /** A state nothing is known about: party to nothing, no requirements on file. */
    public static CountryProfile unknown(String stateCode) {
        return new CountryProfile(stateCode, stateCode, false, List.of(), List.of(), null, null, List.of(), null, null, List.of(), List.of(), null);
    }

    public boolean partyTo(Treaty treaty) {
        return treaties.stream().anyMatch(t -> t.treaty() == treaty);
    }

    /** A bilateral MLA treaty with the other state, declared by this profile. */
    public boolean bilateralWith(String otherState) {
        return treaties.stream().anyMatch(t -> t.treaty() == Treaty.BILATERAL_MLA && t.partners().contains(otherState));
    }

    /** The reservation by which the state does not apply an article, if it made one. */
    public Optional<Reservation> excludes(String instrumentId) {
        return reservations.stream().filter(r -> r.effect() == Reservation.Effect.EXCLUDES && r.instrument().equals(instrumentId)).findFirst();
    }

    public List<Reservation> reservationsOn(String instrumentId) {
        return reservations.stream().filter(r -> r.instrument().equals(instrumentId)).toList();
    }

    public Optional<ProcessingTime> processingTime(ChannelKind channel) {
        return processingTimes.stream().filter(p -> p.channel() == channel).findFirst();
    }
}
