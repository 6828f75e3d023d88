package org.comity.node.request.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.comity.node.request.Confidentiality;
import org.comity.node.request.DataCategory;
import org.comity.node.request.IdentifierLines;
import org.comity.node.request.MeasureType;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.SubjectKind;
import org.comity.node.request.SubjectRole;
import org.comity.node.request.Urgency;

/**
 * The draft form as the browser posts it: indexed rows ({@code offences[0].name}) and identifiers
 * as lines of text ({@code email: a@b.example}, or a bare value whose kind is recognised). Converts
 * to and from {@link RequestDocument}, which is what the service takes.
 */
public class RequestForm {

    private String instrument;
    private UUID requestedAuthority;
    /** Only the state: the instrument's channel chooses the authority (see Requests.route). */
    private String requestedState;
    private Urgency urgency;
    private String urgencyReason;
    private String title;
    private String nationalReference;
    private String language;
    private String replyLanguages;
    private List<OffenceRow> offences = new ArrayList<>();
    private String summaryOfFacts;
    private String relevance;
    private List<SubjectRow> subjects = new ArrayList<>();
    private List<DataRow> dataSought = new ArrayList<>();
    private List<MeasureRow> measures = new ArrayList<>();
    private String necessityAndProportionality;
    private String procedureRequirements;
    private Confidentiality confidentiality;
    private String confidentialityNote;
    private boolean followUpMlaIntended;
    private String emergencyFacts;
    private String relatedReference;
    private Integer version;

    public static RequestForm blank(String instrument, String language) {
        RequestForm form = new RequestForm();
        form.instrument = instrument;
        form.language = language;
        form.offences.add(new OffenceRow());
        form.dataSought.add(new DataRow());
        return form;
    }

    public static RequestForm of(RequestDocument d, String relatedReference, int version) {
        RequestForm f = new RequestForm();
        f.instrument = d.instrument();
        f.requestedAuthority = d.requestedAuthority();
        f.urgency = d.urgency();
        f.urgencyReason = d.urgencyReason();
        f.title = d.title();
        f.nationalReference = d.nationalReference();
        f.language = d.language();
        f.replyLanguages = String.join(", ", d.replyLanguages());
        d.offences().forEach(o -> f.offences.add(new OffenceRow(o.name(), o.legalProvision(), o.maximumPenalty())));
        f.summaryOfFacts = d.summaryOfFacts();
        f.relevance = d.relevance();
        d.subjects().forEach(s -> f.subjects.add(new SubjectRow(s.kind(), s.role(), s.name(), lines(s.identifiers()), s.details())));
        d.dataSought().forEach(s -> f.dataSought.add(new DataRow(s.category(), s.description(), lines(s.identifiers()), s.from(), s.to(),
                s.custodian(), s.location())));
        d.measures().forEach(m -> f.measures.add(new MeasureRow(m.type(), m.description())));
        f.necessityAndProportionality = d.necessityAndProportionality();
        f.procedureRequirements = d.procedureRequirements();
        f.confidentiality = d.confidentiality();
        f.confidentialityNote = d.confidentialityNote();
        f.followUpMlaIntended = Boolean.TRUE.equals(d.followUpMlaIntended());
        f.emergencyFacts = d.emergencyFacts();
        f.relatedReference = relatedReference;
        f.version = version;
        return f;
    }

    /** The document this form describes; {@code related} is the request its reference names, if any. */
    public RequestDocument toDocument(Optional<UUID> related) {
        return new RequestDocument(blankToNull(instrument), null, requestedAuthority, urgency, blankToNull(urgencyReason), blankToNull(title),
                blankToNull(nationalReference), blankToNull(language), languages(replyLanguages),
                offences.stream().filter(o -> !o.isEmpty())
                        .map(o -> new RequestDocument.Offence(blankToNull(o.name), blankToNull(o.legalProvision), blankToNull(o.maximumPenalty))).toList(),
                blankToNull(summaryOfFacts), blankToNull(relevance),
                subjects.stream().filter(s -> !s.isEmpty())
                        .map(s -> new RequestDocument.Subject(s.kind, s.role, blankToNull(s.name), identifiers(s.identifiers), blankToNull(s.details))).toList(),
                dataSought.stream().filter(s -> !s.isEmpty())
                        .map(s -> new RequestDocument.DataSought(s.category, blankToNull(s.description), identifiers(s.identifiers), s.from, s.to,
                                blankToNull(s.custodian), blankToNull(s.location))).toList(),
                measures.stream().filter(m -> !m.isEmpty()).map(m -> new RequestDocument.Measure(m.type, blankToNull(m.description))).toList(),
                blankToNull(necessityAndProportionality), blankToNull(procedureRequirements), confidentiality, blankToNull(confidentialityNote),
                followUpMlaIntended ? Boolean.TRUE : null, blankToNull(emergencyFacts), related.orElse(null));
    }

    /** Adds an empty row to {@code list} ("offences", "subjects", "dataSought", "measures"). */
    public void addRow(String list) {
        switch (list) {
            case "offences" -> offences.add(new OffenceRow());
            case "subjects" -> subjects.add(new SubjectRow());
            case "dataSought" -> dataSought.add(new DataRow());
            case "measures" -> measures.add(new MeasureRow());
            default -> { }
        }
    }

    /** Removes row {@code "list:index"}. */
    public void removeRow(String spec) {
        String[] parts = spec.split(":");
        if (parts.length != 2 || !parts[1].matches("\\d{1,3}")) {
            return;
        }
        int index = Integer.parseInt(parts[1]);
        List<?> list = switch (parts[0]) {
            case "offences" -> offences;
            case "subjects" -> subjects;
            case "dataSought" -> dataSought;
            case "measures" -> measures;
            default -> List.of();
        };
        if (index < list.size()) {
            list.remove(index);
        }
    }

    /** Identifiers one a line (see {@link IdentifierLines}). */
    public static List<RequestDocument.Identifier> identifiers(String text) {
        return IdentifierLines.parse(text);
    }

    static String lines(List<RequestDocument.Identifier> identifiers) {
        return IdentifierLines.format(identifiers);
    }

    private static List<String> languages(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** One offence row. */
    public static class OffenceRow {
        private String name;
        private String legalProvision;
        private String maximumPenalty;

        public OffenceRow() {}

        OffenceRow(String name, String legalProvision, String maximumPenalty) {
            this.name = name;
            this.legalProvision = legalProvision;
            this.maximumPenalty = maximumPenalty;
        }

        boolean isEmpty() {
            return blankToNull(name) == null && blankToNull(legalProvision) == null && blankToNull(maximumPenalty) == null;
        }

        public String getName() { return name; }
        public void setName(String v) { name = v; }
        public String getLegalProvision() { return legalProvision; }
        public void setLegalProvision(String v) { legalProvision = v; }
        public String getMaximumPenalty() { return maximumPenalty; }
        public void setMaximumPenalty(String v) { maximumPenalty = v; }
    }

    /** One subject row. */
    public static class SubjectRow {
        private SubjectKind kind;
        private SubjectRole role;
        private String name;
        private String identifiers;
        private String details;

        public SubjectRow() {}

        SubjectRow(SubjectKind kind, SubjectRole role, String name, String identifiers, String details) {
            this.kind = kind;
            this.role = role;
            this.name = name;
            this.identifiers = identifiers;
            this.details = details;
        }

        boolean isEmpty() {
            return kind == null && role == null && blankToNull(name) == null && blankToNull(identifiers) == null && blankToNull(details) == null;
        }

        public SubjectKind getKind() { return kind; }
        public void setKind(SubjectKind v) { kind = v; }
        public SubjectRole getRole() { return role; }
        public void setRole(SubjectRole v) { role = v; }
        public String getName() { return name; }
        public void setName(String v) { name = v; }
        public String getIdentifiers() { return identifiers; }
        public void setIdentifiers(String v) { identifiers = v; }
        public String getDetails() { return details; }
        public void setDetails(String v) { details = v; }
    }

    /** One row of data sought. */
    public static class DataRow {
        private DataCategory category;
        private String description;
        private String identifiers;
        private LocalDate from;
        private LocalDate to;
        private String custodian;
        private String location;

        public DataRow() {}

        DataRow(DataCategory category, String description, String identifiers, LocalDate from, LocalDate to, String custodian, String location) {
            this.category = category;
            this.description = description;
            this.identifiers = identifiers;
            this.from = from;
            this.to = to;
            this.custodian = custodian;
            this.location = location;
        }

        boolean isEmpty() {
            return category == null && blankToNull(description) == null && blankToNull(identifiers) == null && from == null && to == null
                    && blankToNull(custodian) == null && blankToNull(location) == null;
        }

        public DataCategory getCategory() { return category; }
        public void setCategory(DataCategory v) { category = v; }
        public String getDescription() { return description; }
        public void setDescription(String v) { description = v; }
        public String getIdentifiers() { return identifiers; }
        public void setIdentifiers(String v) { identifiers = v; }
        public LocalDate getFrom() { return from; }
        public void setFrom(LocalDate v) { from = v; }
        public LocalDate getTo() { return to; }
        public void setTo(LocalDate v) { to = v; }
        public String getCustodian() { return custodian; }
        public void setCustodian(String v) { custodian = v; }
        public String getLocation() { return location; }
        public void setLocation(String v) { location = v; }
    }

    /** One measure row. */
    public static class MeasureRow {
        private MeasureType type;
        private String description;

        public MeasureRow() {}

        MeasureRow(MeasureType type, String description) {
            this.type = type;
            this.description = description;
        }

        boolean isEmpty() {
            return type == null && blankToNull(description) == null;
        }

        public MeasureType getType() { return type; }
        public void setType(MeasureType v) { type = v; }
        public String getDescription() { return description; }
        public void setDescription(String v) { description = v; }
    }

    public String getInstrument() { return instrument; }
    public void setInstrument(String v) { instrument = v; }
    public String getRequestedState() { return requestedState; }
    public void setRequestedState(String v) { requestedState = v; }
    public UUID getRequestedAuthority() { return requestedAuthority; }
    public void setRequestedAuthority(UUID v) { requestedAuthority = v; }
    public Urgency getUrgency() { return urgency; }
    public void setUrgency(Urgency v) { urgency = v; }
    public String getUrgencyReason() { return urgencyReason; }
    public void setUrgencyReason(String v) { urgencyReason = v; }
    public String getTitle() { return title; }
    public void setTitle(String v) { title = v; }
    public String getNationalReference() { return nationalReference; }
    public void setNationalReference(String v) { nationalReference = v; }
    public String getLanguage() { return language; }
    public void setLanguage(String v) { language = v; }
    public String getReplyLanguages() { return replyLanguages; }
    public void setReplyLanguages(String v) { replyLanguages = v; }
    public List<OffenceRow> getOffences() { return offences; }
    public void setOffences(List<OffenceRow> v) { offences = v; }
    public String getSummaryOfFacts() { return summaryOfFacts; }
    public void setSummaryOfFacts(String v) { summaryOfFacts = v; }
    public String getRelevance() { return relevance; }
    public void setRelevance(String v) { relevance = v; }
    public List<SubjectRow> getSubjects() { return subjects; }
    public void setSubjects(List<SubjectRow> v) { subjects = v; }
    public List<DataRow> getDataSought() { return dataSought; }
    public void setDataSought(List<DataRow> v) { dataSought = v; }
    public List<MeasureRow> getMeasures() { return measures; }
    public void setMeasures(List<MeasureRow> v) { measures = v; }
    public String getNecessityAndProportionality() { return necessityAndProportionality; }
    public void setNecessityAndProportionality(String v) { necessityAndProportionality = v; }
    public String getProcedureRequirements() { return procedureRequirements; }
    public void setProcedureRequirements(String v) { procedureRequirements = v; }
    public Confidentiality getConfidentiality() { return confidentiality; }
    public void setConfidentiality(Confidentiality v) { confidentiality = v; }
    public String getConfidentialityNote() { return confidentialityNote; }
    public void setConfidentialityNote(String v) { confidentialityNote = v; }
    public boolean isFollowUpMlaIntended() { return followUpMlaIntended; }
    public void setFollowUpMlaIntended(boolean v) { followUpMlaIntended = v; }
    public String getEmergencyFacts() { return emergencyFacts; }
    public void setEmergencyFacts(String v) { emergencyFacts = v; }
    public String getRelatedReference() { return relatedReference; }
    public void setRelatedReference(String v) { relatedReference = v; }
    public Integer getVersion() { return version; }
    public void setVersion(Integer v) { version = v; }
}
