package org.comity.node.writer.internal;

import java.util.List;
import java.util.Map;
import org.comity.node.platform.Actor;
import org.comity.node.writer.Requirements;

/**
 * Step 1's advice: given the situation the drafter describes (form fields {@code dataCategory},
 * {@code holder}, {@code riskToLife}, {@code volatile}, {@code requestedState}), the instruments that
 * fit, best first, each with why. Empty when the drafter has described nothing yet.
 */
public interface ChannelAdvice {

    List<Option> advise(Actor actor, Map<String, String> situation);

    /**
     * @param instrument the instrument to draft under, or null for a channel no instrument governs
     * @param expected the typical time it takes (ISO 8601 duration), or empty
     * @param reasons why it is offered and ranked where it is
     */
    record Option(String instrument, String citation, String channel, String expected, List<Requirements.Line> reasons) {}
}
