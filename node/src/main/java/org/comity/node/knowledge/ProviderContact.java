package org.comity.node.knowledge;

import java.util.Set;
import java.util.UUID;

/**
 * A provider or registrar established in the state, the channels it accepts and where to reach it.
 *
 * @param authority the provider's entry in the directory, when it has one; may be null
 * @param contact where requests go (e-mail address or web portal), in words; may be null
 * @param accepts the channels the provider says it accepts
 */
public record ProviderContact(String name, HolderKind kind, UUID authority, String contact, Set<ChannelKind> accepts, String notes) {

    public ProviderContact {
        accepts = accepts == null ? Set.of() : Set.copyOf(accepts);
    }
}
