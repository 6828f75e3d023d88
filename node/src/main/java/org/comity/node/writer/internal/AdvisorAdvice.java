package org.comity.node.writer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.comity.node.knowledge.ChannelAdvisor;
import org.comity.node.knowledge.ChannelOption;
import org.comity.node.knowledge.HolderKind;
import org.comity.node.knowledge.Situation;
import org.comity.node.platform.Actor;
import org.comity.node.platform.ComityException;
import org.comity.node.request.DataCategory;
import org.comity.node.request.Instruments;
import org.comity.node.writer.Requirements;

/**
 * Step 1's advice from the knowledge base's channel advisor, which weighs both states' country
 * profiles. The page's situation becomes the advisor's {@link Situation}; an option no instrument
 * governs (voluntary disclosure) is shown but cannot start a draft.
 */
final class AdvisorAdvice implements ChannelAdvice {

    private final ChannelAdvisor advisor;
    private final Instruments instruments;

    AdvisorAdvice(ChannelAdvisor advisor, Instruments instruments) {
        this.advisor = advisor;
        this.instruments = instruments;
    }

    @Override
    public List<Option> advise(Actor actor, Map<String, String> s) {
        String requestedState = s.get("requestedState");
        String category = s.get("dataCategory");
        HolderKind holder = switch (s.getOrDefault("holder", "")) {
            case "provider" -> HolderKind.SERVICE_PROVIDER;
            case "registrar" -> HolderKind.REGISTRAR;
            case "authority" -> HolderKind.PUBLIC_AUTHORITY;
            default -> null;
        };
        if (requestedState == null || requestedState.isBlank() || category == null || category.isBlank() || holder == null) {
            return List.of();
        }
        DataCategory data;
        try {
            data = DataCategory.valueOf(category);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<ChannelOption> options;
        try {
            options = advisor.advise(new Situation(actor.stateCode(), requestedState, holder, blank(s.get("holderName")), Set.of(data), List.of(),
                    s.containsKey("riskToLife"), s.containsKey("volatile")), actor);
        } catch (ComityException e) {
            return List.of();
        }
        List<Option> out = new ArrayList<>();
        for (ChannelOption o : options) {
            List<Requirements.Line> reasons = o.reasons().stream().map(r -> new Requirements.Line(r.key(), r.args(), r.text())).toList();
            String instrument = o.instrument() != null && instruments.find(o.instrument()).isPresent() ? o.instrument() : null;
            String expected = o.expectedTime() == null ? "" : o.expectedTime().toString();
            out.add(new Option(instrument, o.legalBasis(), o.channel().name(), expected, reasons));
        }
        return out;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
