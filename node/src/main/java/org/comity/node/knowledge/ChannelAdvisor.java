package org.comity.node.knowledge;

import java.util.List;

/**
 * Ranks the channels through which data held in another state can be obtained, from rules kept as
 * data ({@code knowledge/advisor-rules.yaml}) and both states' country profiles. Advice only: it
 * changes nothing and reads no case data, so it is neither restricted nor audited.
 */
public interface ChannelAdvisor {

    /**
     * The channels open for the situation, best first. Empty when none is (both states are the same,
     * or nothing is known that allows one): the caller then says to ask the central authority.
     *
     * @throws org.comity.node.platform.ComityException 422 when the situation is incomplete
     */
    List<ChannelOption> advise(Situation situation);

    /**
     * The same, seen by {@code viewer}: when the requesting state is the viewer's own, an option's
     * expected time is what its requests to the requested state under that instrument took, if this
     * node measured enough of them ({@link MeasuredTimes}). Nobody learns another state's figures.
     */
    List<ChannelOption> advise(Situation situation, org.comity.node.platform.Actor viewer);
}
