package org.comity.node.request;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The content of a request, as drafted by the requesting authority: one JSON document per version,
 * the same shape in the API, between nodes and in exports ({@code docs/formats/request.md}).
 * Fields an instrument requires are listed in its data file; a draft may lack them, a submitted
 * request may not.
 *
 * @param instrument the legal basis: an instrument id such as {@code budapest-29}
 * @param nationalReference the requesting authority's own case reference
 * @param language the language the request is written in (ISO 639-1)
 * @param replyLanguages the languages in which the reply is accepted
 * @param relevance how the data or measures sought relate to the offence
 * @param procedureRequirements wishes on how to execute (certification, presence of officials, ...)
 * @param followUpMlaIntended preservation: a request for mutual assistance will follow (Budapest Art. 29(2)(f))
 * @param emergencyFacts the significant and imminent risk to life or safety (Protocol Art. 9(1)(b), 10)
 * @param relatedRequest another request this one follows or belongs with (the preservation an MLA request follows)
 */
public record RequestDocument(
        String instrument,
        UUID requestingAuthority,
        UUID requestedAuthority,
        Urgency urgency,
        String urgencyReason,
        String title,
        String nationalReference,
        String language,
        List<String> replyLanguages,
        List<Offence> offences,
        String summaryOfFacts,
        String relevance,
        List<Subject> subjects,
        List<DataSought> dataSought,
        List<Measure> measures,
        String necessityAndProportionality,
        String procedureRequirements,
        Confidentiality confidentiality,
        String confidentialityNote,
        Boolean followUpMlaIntended,
        String emergencyFacts,
        UUID relatedRequest) {

    public RequestDocument {
        replyLanguages = replyLanguages == null ? List.of() : List.copyOf(replyLanguages);
        offences = offences == null ? List.of() : List.copyOf(offences);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        dataSought = dataSought == null ? List.of() : List.copyOf(dataSought);
        measures = measures == null ? List.of() : List.copyOf(measures);
        urgency = urgency == null ? Urgency.NORMAL : urgency;
        confidentiality = confidentiality == null ? Confidentiality.STANDARD : confidentiality;
    }

    /** An offence under investigation, with the law that defines it and the penalty it carries. */
    public record Offence(String name, String legalProvision, String maximumPenalty) {}

    /** A person, organisation, account or device the request concerns. */
    public record Subject(SubjectKind kind, SubjectRole role, String name, List<Identifier> identifiers, String details) {
        public Subject {
            identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        }
    }

    /** An identifier such as an e-mail address, IP address or account id. */
    public record Identifier(IdentifierType type, String value) {}

    /**
     * Data the request asks for: its category, the identifiers it is held under, the period it
     * covers, and who holds it where.
     */
    public record DataSought(
            DataCategory category,
            String description,
            List<Identifier> identifiers,
            LocalDate from,
            LocalDate to,
            String custodian,
            String location) {
        public DataSought {
            identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        }
    }

    /** A measure the requested side is asked to take. */
    public record Measure(MeasureType type, String description) {}

    /**
     * This document as an amendment of a request: the legal basis, urgency and authorities it leaves
     * out are the request's; those it names are kept, to be judged (an amendment may not change them).
     */
    public RequestDocument amending(String currentInstrument, Urgency currentUrgency, UUID currentRequesting, UUID currentRequested) {
        return new RequestDocument(instrument == null ? currentInstrument : instrument,
                requestingAuthority == null ? currentRequesting : requestingAuthority, requestedAuthority == null ? currentRequested : requestedAuthority,
                urgency == null ? currentUrgency : urgency, urgencyReason, title, nationalReference, language,
                replyLanguages, offences, summaryOfFacts, relevance, subjects, dataSought, measures, necessityAndProportionality,
                procedureRequirements, confidentiality, confidentialityNote, followUpMlaIntended, emergencyFacts, relatedRequest);
    }

    public RequestDocument withParties(UUID requesting, UUID requested) {
        return new RequestDocument(instrument, requesting, requested, urgency, urgencyReason, title, nationalReference, language,
                replyLanguages, offences, summaryOfFacts, relevance, subjects, dataSought, measures, necessityAndProportionality,
                procedureRequirements, confidentiality, confidentialityNote, followUpMlaIntended, emergencyFacts, relatedRequest);
    }
}
