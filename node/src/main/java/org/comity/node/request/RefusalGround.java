package org.comity.node.request;

/**
 * Grounds on which assistance may be refused: Budapest Convention Art. 25(4) (conditions of the
 * requested Party's law, including dual criminality), Art. 27(4) (political offence; sovereignty,
 * security, ordre public), and the grounds practice adds.
 */
public enum RefusalGround {
    POLITICAL_OFFENCE,
    SOVEREIGNTY_SECURITY_PUBLIC_ORDER,
    DUAL_CRIMINALITY,
    HUMAN_RIGHTS,
    INSUFFICIENT_INFORMATION,
    DATA_NOT_AVAILABLE,
    DE_MINIMIS,
    OTHER
}
