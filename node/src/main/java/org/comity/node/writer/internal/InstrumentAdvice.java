package org.comity.node.writer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.node.platform.Actor;
import org.comity.node.request.Instrument;
import org.comity.node.request.Instruments;
import org.comity.node.request.RequestType;

/**
 * Advice from the instrument files alone, for a node without the knowledge base's channel advisor:
 * a risk to life puts the emergency channels first (Protocol Art. 9 and 10); data that may be lost
 * puts preservation first (Budapest Art. 29); subscriber data held by a provider abroad points at a
 * direct order (Protocol Art. 7), registration data at a registrar (Art. 6); full mutual assistance
 * (Budapest Art. 31, or a bilateral treaty) always remains, last.
 */
final class InstrumentAdvice implements ChannelAdvice {

    private final Instruments instruments;

    InstrumentAdvice(Instruments instruments) {
        this.instruments = instruments;
    }

    @Override
    public List<Option> advise(Actor actor, Map<String, String> s) {
        String category = s.getOrDefault("dataCategory", "");
        String holder = s.getOrDefault("holder", "");
        boolean risk = s.containsKey("riskToLife");
        boolean volatileData = s.containsKey("volatile");
        if (category.isEmpty() && holder.isEmpty() && !risk && !volatileData) {
            return List.of();
        }
        List<Option> out = new ArrayList<>();
        if (risk) {
            add(out, RequestType.EMERGENCY_DISCLOSURE, "writer.advice.emergency-disclosure");
            add(out, RequestType.EMERGENCY_MUTUAL_ASSISTANCE, "writer.advice.emergency-mla");
        }
        if (volatileData) {
            add(out, RequestType.PRESERVATION, "writer.advice.preservation");
        }
        if ("registrar".equals(holder)) {
            add(out, RequestType.DOMAIN_REGISTRATION_INFORMATION, "writer.advice.registrar");
        }
        if ("provider".equals(holder) && "SUBSCRIBER".equals(category)) {
            add(out, RequestType.SUBSCRIBER_INFORMATION, "writer.advice.subscriber");
        }
        if (!volatileData && !"CONTENT".equals(category)) {
            add(out, RequestType.PRESERVATION, "writer.advice.preservation-optional");
        }
        instruments.find("budapest-31").ifPresent(i -> out.add(option(i, "writer.advice.mla")));
        instruments.find("bilateral-mla").ifPresent(i -> out.add(option(i, "writer.advice.bilateral")));
        return out;
    }

    private void add(List<Option> out, RequestType type, String reason) {
        Optional<Instrument> first = instruments.all().stream().filter(i -> i.requestType() == type).findFirst();
        first.filter(i -> out.stream().noneMatch(o -> o.instrument().equals(i.id()))).ifPresent(i -> out.add(option(i, reason)));
    }

    private static Option option(Instrument i, String reason) {
        return new Option(i.id(), i.citation(), i.channel() == null ? "" : String.valueOf(i.channel().note()), "", reason, true);
    }
}
