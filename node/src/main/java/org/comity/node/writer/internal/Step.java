package org.comity.node.writer.internal;

import java.util.Locale;

/** The steps of a guided draft, in order, each with the document fields it edits (for the links from "what is missing"). */
public enum Step {
    SITUATION, REQUIREMENTS, CASE, SOUGHT, NECESSITY, TRANSLATION, REVIEW;

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Step of(String slug) {
        for (Step s : values()) {
            if (s.slug().equals(slug)) {
                return s;
            }
        }
        return SITUATION;
    }

    Step next() {
        return this == REVIEW ? REVIEW : values()[ordinal() + 1];
    }

    /** The step where the field at {@code path} is edited. */
    static Step forField(String path) {
        String root = path.replaceAll("[\\[.].*$", "");
        return switch (root) {
            case "instrument", "requestedAuthority", "title", "language", "urgency", "urgencyReason" -> SITUATION;
            case "replyLanguages" -> REQUIREMENTS;
            case "nationalReference", "offences", "summaryOfFacts", "relevance", "emergencyFacts" -> CASE;
            case "subjects", "dataSought", "measures", "followUpMlaIntended", "procedureRequirements", "relatedRequest" -> SOUGHT;
            case "necessityAndProportionality", "confidentiality", "confidentialityNote" -> NECESSITY;
            case "translation" -> TRANSLATION;
            default -> REVIEW;
        };
    }
}
