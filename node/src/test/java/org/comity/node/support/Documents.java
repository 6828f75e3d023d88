package org.comity.node.support;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.comity.node.request.Confidentiality;
import org.comity.node.request.DataCategory;
import org.comity.node.request.IdentifierType;
import org.comity.node.request.MeasureType;
import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestDocument.DataSought;
import org.comity.node.request.RequestDocument.Identifier;
import org.comity.node.request.RequestDocument.Measure;
import org.comity.node.request.RequestDocument.Offence;
import org.comity.node.request.RequestDocument.Subject;
import org.comity.node.request.SubjectKind;
import org.comity.node.request.SubjectRole;
import org.comity.node.request.Urgency;

/** Request documents for tests: complete for every instrument the node ships, so tests remove what they test. */
public final class Documents {

    private Documents() {}

    /**
     * A document that satisfies every instrument's required fields. The request it follows (which
     * only budapest-30 requires) is a made-up id, which a node refuses unless the drafter can see
     * such a request: set only for that instrument, for the lifecycle's own tests.
     */
    public static RequestDocument complete(String instrument, UUID requesting, UUID requested, Urgency urgency) {
        return new RequestDocument(instrument, requesting, requested, urgency, urgency == Urgency.NORMAL ? null : "Data is about to be deleted.",
                "Test request under " + instrument, "CASE-1", "en", List.of("en"),
                List.of(new Offence("Illegal access", "Criminal Code, Art. 1", "5 years")),
                "The suspect accessed a computer system without right.",
                "The logs identify the suspect.",
                List.of(new Subject(SubjectKind.ACCOUNT, SubjectRole.SUSPECT, "suspect account",
                        List.of(new Identifier(IdentifierType.EMAIL, "suspect@mail.example")), null)),
                List.of(new DataSought(DataCategory.SUBSCRIBER, "Subscriber data", List.of(new Identifier(IdentifierType.EMAIL, "suspect@mail.example")),
                        LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), "Mail Example Ltd.", "Caldera")),
                List.of(new Measure(MeasureType.PRODUCTION, "Produce the records")),
                "No other way to identify the suspect.", "Certified copies.", Confidentiality.STANDARD, null, true,
                "A child is in danger.", "budapest-30".equals(instrument) ? UUID.fromString("00000000-0000-7000-8000-000000000001") : null);
    }

    public static RequestDocument complete(String instrument) {
        return complete(instrument, UUID.randomUUID(), UUID.randomUUID(), Urgency.NORMAL);
    }
}
