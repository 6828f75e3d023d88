package org.comity.node.writer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.comity.node.directory.Authority;
import org.comity.node.request.Instrument;
import org.comity.node.writer.Requirements;
import org.comity.node.writer.RequirementsSource;

/**
 * What the writer can say of the requested state's requirements without a country profile: the
 * languages the addressed authority lists in the directory, and what the instrument's data file
 * says of its channel, its required content and dual criminality.
 */
final class InstrumentRequirements implements RequirementsSource {

    @Override
    public Requirements of(Authority requested, Instrument instrument) {
        List<String> languages = requested == null || requested.languages().isEmpty() ? List.of() : requested.languages();
        List<String> formal = new ArrayList<>();
        if (instrument.channel() != null && instrument.channel().note() != null) {
            formal.add(instrument.channel().note());
        }
        formal.add("Signed off by the issuing authority (Comity records who and when, and prints it on the PDF).");
        if (!instrument.requiredFields().isEmpty()) {
            formal.add("Required content (" + instrument.citation() + "): " + String.join(", ", instrument.requiredFields()) + ".");
        }
        String summary = instrument.summary() == null ? "" : instrument.summary();
        String dual = summary.toLowerCase(Locale.ROOT).contains("dual criminality")
                ? summary.substring(summary.toLowerCase(Locale.ROOT).indexOf("dual criminality")).strip()
                : "Not stated by the instrument: coercive measures may require that the conduct is an offence in both states.";
        return new Requirements(requested == null ? null : requested.stateCode(), languages, formal, dual, List.of(),
                "instrument " + instrument.id() + " and the directory (no country profile)");
    }
}
