package org.comity.node.knowledge;

/** The six chapters the repository is organised by (as UNODC's SHERLOC cybercrime repository is). */
public enum Topic {
    LEGISLATION_AND_FRAMEWORKS,
    CRIMINALIZATION,
    LAW_ENFORCEMENT_AND_INVESTIGATIONS,
    ELECTRONIC_EVIDENCE,
    INTERNATIONAL_COOPERATION,
    PREVENTION
}
