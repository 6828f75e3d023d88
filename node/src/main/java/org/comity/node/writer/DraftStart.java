package org.comity.node.writer;

import java.util.UUID;
import org.comity.node.request.Urgency;

/**
 * Step 1 of a guided draft: the instrument chosen (with the advisor's help), whom it goes to, and
 * the two languages.
 *
 * @param translationLanguage the requested state's language the request is translated into, or null for none
 */
public record DraftStart(String instrument, UUID requestedAuthority, String title, String language, String translationLanguage,
        Urgency urgency) {}
