package org.comity.node.knowledge;

import java.util.List;
import java.util.Set;
import org.comity.node.request.DataCategory;

/**
 * What the channel advisor is asked about: which data, held by whom and where, and how urgent.
 *
 * @param requestingState the state that wants the data (ISO code)
 * @param requestedState the state where the holder is established or the data is held
 * @param holder who holds the data
 * @param holderName the provider's or registrar's name, to find the channels it accepts in the
 *     requested state's profile; may be null
 * @param categories the categories of data sought (at least one)
 * @param identifiers what identifies the data (IP address and time, account, domain name), in words
 * @param riskToLife there is a significant and imminent risk to the life or safety of a person
 * @param riskOfLoss the data may be deleted or altered before a slower channel reaches it
 */
public record Situation(
        String requestingState,
        String requestedState,
        HolderKind holder,
        String holderName,
        Set<DataCategory> categories,
        List<String> identifiers,
        boolean riskToLife,
        boolean riskOfLoss) {

    public Situation {
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }
}
