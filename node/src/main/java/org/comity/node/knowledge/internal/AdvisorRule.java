package org.comity.node.knowledge.internal;

import java.util.List;
import java.util.Set;
import org.comity.node.knowledge.ChannelKind;
import org.comity.node.knowledge.HolderKind;
import org.comity.node.knowledge.Treaty;
import org.comity.node.request.DataCategory;

/**
 * One rule of {@code knowledge/advisor-rules.yaml}, as read (unknown fields refused).
 *
 * @param instrument the instrument to draft under; null for a channel no instrument governs
 * @param legalBasis the basis in words when there is no instrument; otherwise the instrument's citation is used
 * @param preserves the channel keeps data rather than disclosing it: what it cannot disclose costs no score
 * @param expected the default expected time (ISO-8601), used when the requested state's profile has no figure
 */
record AdvisorRule(
        String id,
        ChannelKind channel,
        String instrument,
        String legalBasis,
        boolean preserves,
        Conditions when,
        int score,
        List<Boost> boosts,
        String expected,
        Set<DataCategory> obtains) {

    AdvisorRule {
        boosts = boosts == null ? List.of() : List.copyOf(boosts);
        obtains = obtains == null ? Set.of() : Set.copyOf(obtains);
        when = when == null ? new Conditions(null, null, null, null, null, null, null, null, null, null) : when;
    }

    /** Score added when every condition holds. */
    record Boost(Conditions when, int add) {}

    /** The conditions of a rule or a boost; a null condition is not tested. */
    record Conditions(
            Treaty bothParty,
            Boolean bilateral,
            Boolean noTreaty,
            Boolean bothEu,
            Set<HolderKind> holder,
            Set<DataCategory> categoriesWithin,
            Set<DataCategory> categoriesInclude,
            Boolean riskToLife,
            Boolean riskOfLoss,
            Boolean providerAccepts) {}

    /** A file of rules. */
    record RuleFile(List<AdvisorRule> rules) {}
}
