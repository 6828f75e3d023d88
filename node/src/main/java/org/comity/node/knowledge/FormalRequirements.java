package org.comity.node.knowledge;

/**
 * What a request to the state must look like to be accepted.
 *
 * @param signature the request must be signed by the issuing authority
 * @param certification the request (or its translation) must be certified or sealed
 * @param electronicAccepted requests sent electronically (through this network) are accepted without a paper original
 * @param dualCriminalityForCoercive coercive measures (search, seizure, production of content) need dual criminality
 * @param threshold any minimum penalty or other threshold, in words; may be null
 * @param notes anything else a drafter must know; may be null
 */
public record FormalRequirements(
        boolean signature,
        boolean certification,
        boolean electronicAccepted,
        boolean dualCriminalityForCoercive,
        String threshold,
        String notes) {

    public static FormalRequirements none() {
        return new FormalRequirements(false, false, true, false, null, null);
    }
}
