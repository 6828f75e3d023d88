package org.comity.node.writer.internal;

import java.util.List;
import java.util.Map;
import org.comity.node.platform.Actor;

/**
 * Step 1's advice: given the situation the drafter describes (form fields {@code dataCategory},
 * {@code holder}, {@code riskToLife}, {@code volatile}, {@code requestedState}), the instruments that
 * fit, best first, each with why. Empty when the drafter has described nothing yet.
 */
interface ChannelAdvice {

    List<Option> advise(Actor actor, Map<String, String> situation);

    /**
     * @param reason why it ranks where it does (a message key with its arguments, or plain text from the knowledge base)
     */
    record Option(String instrument, String citation, String channel, String expected, String reason, boolean reasonIsKey) {}
}
