package org.comity.node.knowledge;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.comity.node.request.DataCategory;

/**
 * One way to obtain the data, as the advisor ranks it.
 *
 * @param rank 1 for the best option
 * @param rule the id of the advisor rule that proposed it ({@code knowledge/advisor-rules.yaml})
 * @param instrument the instrument id to draft the request under (an {@code instruments/*.yaml} id), or
 *     null for a channel no instrument governs (voluntary disclosure, reciprocity)
 * @param legalBasis the legal basis in words ("Budapest Convention, Art. 29")
 * @param expectedTime how long it typically takes
 * @param expectedTimeSource where the expected time comes from: RULE (the rule's default), MANUAL or
 *     STATISTICS (the requested state's profile), or MEASURED (this node's statistics of its requests to that state, {@link MeasuredTimes})
 * @param obtains the categories sought that this channel can obtain (for preservation: keep, not disclose)
 * @param cannotObtain what it cannot do for this case
 * @param reasons why it is offered and why it is ranked where it is
 * @param score the score the ranking sorted by (higher first); shown so a ranking can be explained
 */
public record ChannelOption(
        int rank,
        String rule,
        ChannelKind channel,
        String instrument,
        String legalBasis,
        Duration expectedTime,
        String expectedTimeSource,
        Set<DataCategory> obtains,
        List<Reason> cannotObtain,
        List<Reason> reasons,
        int score) {

    public ChannelOption {
        obtains = obtains == null ? Set.of() : Set.copyOf(obtains);
        cannotObtain = cannotObtain == null ? List.of() : List.copyOf(cannotObtain);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** The expected time as the advisor's page shows it. */
    public ShownTime expectedShown() {
        return ShownTime.of(expectedTime);
    }
}
