package org.comity.node.writer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.comity.node.directory.Authority;
import org.comity.node.request.Instrument;
import org.comity.node.writer.Requirements;
import org.comity.node.writer.Requirements.Line;
import org.comity.node.writer.RequirementsSource;

/**
 * What the writer can say of the requested state's requirements without a country profile: the
 * languages the addressed authority lists in the directory, and what the instrument's data file
 * says of its channel, its required content and dual criminality.
 */
final class InstrumentRequirements implements RequirementsSource {

    @Override
    public Requirements of(Authority requested, Instrument instrument) {
        List<String> languages = requested == null ? List.of() : requested.languages();
        return new Requirements(requested == null ? null : requested.stateCode(), languages, formal(instrument), dualCriminality(instrument),
                List.of(), Line.of("writer.req.source.instrument", instrument.id()));
    }

    /** What every request under the instrument must satisfy, whoever receives it. */
    static List<Line> formal(Instrument instrument) {
        List<Line> out = new ArrayList<>();
        if (instrument.channel() != null && instrument.channel().note() != null) {
            out.add(Line.text(instrument.channel().note()));
        }
        out.add(Line.of("writer.req.signoff"));
        if (!instrument.requiredFields().isEmpty()) {
            out.add(Line.of("writer.req.required-content", instrument.citation(), String.join(", ", instrument.requiredFields())));
        }
        return out;
    }

    static Line dualCriminality(Instrument instrument) {
        String summary = instrument.summary() == null ? "" : instrument.summary();
        int at = summary.toLowerCase(Locale.ROOT).indexOf("dual criminality");
        return at >= 0 ? Line.text(summary.substring(at).strip()) : Line.of("writer.req.dual.unknown");
    }
}
