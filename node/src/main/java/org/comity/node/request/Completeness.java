package org.comity.node.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.comity.node.platform.FieldProblem;

/**
 * Whether a request has everything its instrument requires before it may be submitted. Incomplete
 * requests bounce and restart the clock; here they cannot leave. Pure: no I/O.
 */
public final class Completeness {

    /** Field names an instrument may list under {@code requiredFields}. */
    public static final Set<String> FIELDS = Set.of(
            "nationalReference", "replyLanguages", "urgencyReason", "offences", "offences.legalProvision",
            "offences.maximumPenalty", "summaryOfFacts", "relevance", "subjects", "subjects.identifiers", "dataSought",
            "dataSought.identifiers", "dataSought.period", "dataSought.custodian", "measures", "necessityAndProportionality",
            "procedureRequirements", "followUpMlaIntended", "emergencyFacts", "relatedRequest");

    private Completeness() {}

    public static List<FieldProblem> check(RequestDocument d, Instrument instrument) {
        List<FieldProblem> out = new ArrayList<>();
        // Every request, whatever its basis.
        text(out, "title", d.title(), "Give the request a short title.");
        if (d.requestedAuthority() == null) {
            out.add(FieldProblem.of("requestedAuthority", "required", "Choose the authority the request is addressed to."));
        }
        text(out, "language", d.language(), "Say which language the request is written in.");
        if (d.urgency() != Urgency.NORMAL && blank(d.urgencyReason())) {
            out.add(FieldProblem.of("urgencyReason", "required", "Explain why the request is urgent."));
        }
        // What every list entry needs once it exists.
        for (int i = 0; i < d.offences().size(); i++) {
            RequestDocument.Offence o = d.offences().get(i);
            text(out, "offences[" + i + "].name", o.name(), "Name the offence.");
            if (instrument.requires("offences.legalProvision")) {
                text(out, "offences[" + i + "].legalProvision", o.legalProvision(), "Cite the provision of law that defines the offence.");
            }
            if (instrument.requires("offences.maximumPenalty")) {
                text(out, "offences[" + i + "].maximumPenalty", o.maximumPenalty(), "State the maximum penalty for the offence.");
            }
        }
        for (int i = 0; i < d.subjects().size(); i++) {
            RequestDocument.Subject s = d.subjects().get(i);
            if (s.kind() == null) {
                out.add(FieldProblem.of("subjects[" + i + "].kind", "required", "Say whether this is a person, an organisation, an account, a device or a domain."));
            }
            if (blank(s.name()) && s.identifiers().isEmpty()) {
                out.add(FieldProblem.of("subjects[" + i + "].name", "required", "Give a name or at least one identifier."));
            }
            if (instrument.requires("subjects.identifiers") && s.identifiers().isEmpty()) {
                out.add(FieldProblem.of("subjects[" + i + "].identifiers", "required", "Give at least one identifier (e-mail, account, IP address...)."));
            }
        }
        for (int i = 0; i < d.dataSought().size(); i++) {
            RequestDocument.DataSought s = d.dataSought().get(i);
            String at = "dataSought[" + i + "]";
            if (s.category() == null) {
                out.add(FieldProblem.of(at + ".category", "required", "Choose subscriber, traffic or content data."));
            }
            text(out, at + ".description", s.description(), "Describe the data sought.");
            if (instrument.requires("dataSought.identifiers") && s.identifiers().isEmpty()) {
                out.add(FieldProblem.of(at + ".identifiers", "required", "Give the identifiers under which the data is held."));
            }
            if (instrument.requires("dataSought.period") && (s.from() == null || s.to() == null)) {
                out.add(FieldProblem.of(at + ".from", "required", "Give the period the data covers (from and to)."));
            }
            if (instrument.requires("dataSought.custodian")) {
                text(out, at + ".custodian", s.custodian(), "Say who holds the data (provider or custodian), as far as known.");
            }
        }
        for (int i = 0; i < d.measures().size(); i++) {
            if (d.measures().get(i).type() == null) {
                out.add(FieldProblem.of("measures[" + i + "].type", "required", "Choose the measure."));
            }
        }
        // What this instrument requires.
        for (String field : instrument.requiredFields()) {
            switch (field) {
                case "nationalReference" -> text(out, field, d.nationalReference(), "Give your case reference.");
                case "replyLanguages" -> list(out, field, d.replyLanguages(), "Say in which languages you accept the reply.");
                case "urgencyReason" -> text(out, field, d.urgencyReason(), "Explain why the request is urgent.");
                case "offences" -> list(out, field, d.offences(), "Name at least one offence.");
                case "summaryOfFacts" -> text(out, field, d.summaryOfFacts(), "Summarise the facts of the case.");
                case "relevance" -> text(out, field, d.relevance(), "Explain how what you ask for relates to the offence.");
                case "subjects" -> list(out, field, d.subjects(), "Name at least one person, account or device concerned.");
                case "dataSought" -> list(out, field, d.dataSought(), "Say what data you seek.");
                case "measures" -> list(out, field, d.measures(), "Say which measures you ask for.");
                case "necessityAndProportionality" -> text(out, field, d.necessityAndProportionality(),
                        "Explain why the measure is necessary and proportionate.");
                case "procedureRequirements" -> text(out, field, d.procedureRequirements(), "Describe how the request should be executed.");
                case "followUpMlaIntended" -> {
                    if (!Boolean.TRUE.equals(d.followUpMlaIntended())) {
                        out.add(FieldProblem.of(field, "required", "Confirm that a request for mutual assistance will follow."));
                    }
                }
                case "emergencyFacts" -> text(out, field, d.emergencyFacts(), "Describe the significant and imminent risk to life or safety.");
                case "relatedRequest" -> {
                    if (d.relatedRequest() == null) {
                        out.add(FieldProblem.of(field, "required", "Link the request this one follows."));
                    }
                }
                default -> { } // sub-field rules are applied per entry above
            }
        }
        return out;
    }

    private static void text(List<FieldProblem> out, String field, String value, String message) {
        if (blank(value)) {
            out.add(FieldProblem.of(field, "required", message));
        }
    }

    private static void list(List<FieldProblem> out, String field, List<?> value, String message) {
        if (value.isEmpty()) {
            out.add(FieldProblem.of(field, "required", message));
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
