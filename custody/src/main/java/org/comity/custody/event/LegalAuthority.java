package org.comity.custody.event;

import java.util.Optional;
import java.util.UUID;

/**
 * The legal ground of an action: the instrument and article it relies on, the reference of the
 * request, order or warrant, and the Comity request's id where the action answers one.
 */
public record LegalAuthority(String instrument, String reference, Optional<UUID> requestId) {

    public LegalAuthority {
        Texts.require("authority.instrument", instrument, 300);
        Texts.require("authority.reference", reference, 200);
    }

    public static LegalAuthority of(String instrument, String reference, UUID requestId) {
        return new LegalAuthority(instrument, reference, Optional.of(requestId));
    }
}
