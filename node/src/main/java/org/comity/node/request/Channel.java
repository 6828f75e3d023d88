package org.comity.node.request;

import java.util.Set;
import org.comity.node.directory.AuthorityKind;

/**
 * Which kinds of authority a request under an instrument may be addressed to. Urgent and emergency
 * requests may also go to {@code urgentRecipients} (Budapest Art. 27(9): directly between judicial
 * authorities in urgent cases).
 */
public record Channel(Set<AuthorityKind> recipients, Set<AuthorityKind> urgentRecipients, String note) {

    public Channel {
        recipients = recipients == null ? Set.of() : Set.copyOf(recipients);
        urgentRecipients = urgentRecipients == null ? Set.of() : Set.copyOf(urgentRecipients);
    }

    public boolean allows(AuthorityKind kind, Urgency urgency) {
        return recipients.contains(kind) || (urgency != Urgency.NORMAL && urgentRecipients.contains(kind));
    }
}
