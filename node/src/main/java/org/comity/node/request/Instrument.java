package org.comity.node.request;

import java.util.List;
import java.util.Optional;

/**
 * A legal basis for a request, loaded from {@code instruments/*.yaml}: which article of which
 * treaty, who the request goes to, what it must contain, and the deadlines that follow from it.
 * A new treaty is a new data file, not new code.
 *
 * @param requiredFields fields a request must fill before it can be submitted ({@link Completeness#FIELDS})
 * @param informationOnly the request needs no execution (spontaneous information): acknowledging it is enough to close it
 */
public record Instrument(
        String id,
        String treaty,
        String article,
        String title,
        String summary,
        RequestType requestType,
        Channel channel,
        Urgency defaultUrgency,
        List<String> requiredFields,
        List<DeadlineRule> deadlines,
        PreservationRule preservation,
        boolean informationOnly) {

    public Instrument {
        requiredFields = requiredFields == null ? List.of() : List.copyOf(requiredFields);
        deadlines = deadlines == null ? List.of() : List.copyOf(deadlines);
        defaultUrgency = defaultUrgency == null ? Urgency.NORMAL : defaultUrgency;
    }

    public Optional<PreservationRule> preservationRule() {
        return Optional.ofNullable(preservation);
    }

    public boolean requires(String field) {
        return requiredFields.contains(field);
    }

    /** "Budapest Convention, Art. 29". */
    public String citation() {
        return treaty + ", Art. " + article;
    }
}
