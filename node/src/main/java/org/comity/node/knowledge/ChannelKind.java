package org.comity.node.knowledge;

/** The ways of obtaining data held in another state, as the channel advisor names them. */
public enum ChannelKind {
    /** Budapest Art. 29 expedited preservation, through the 24/7 network (Art. 35). */
    PRESERVATION_24_7,
    /** Budapest Art. 35: immediate assistance through the 24/7 network in an emergency (advice, data where the requested state's law allows). */
    ASSISTANCE_24_7,
    /** Second Protocol Art. 6: request to a registrar in another Party for registration information. */
    DOMAIN_REGISTRATION_REQUEST,
    /** Second Protocol Art. 7: order to a provider in another Party for subscriber information. */
    SUBSCRIBER_ORDER,
    /** Second Protocol Art. 8: giving effect to an order for expedited production. */
    GIVING_EFFECT_TO_ORDER,
    /** Second Protocol Art. 9: expedited disclosure in an emergency, through the 24/7 network. */
    EMERGENCY_DISCLOSURE,
    /** Second Protocol Art. 10: emergency mutual assistance. */
    EMERGENCY_MUTUAL_ASSISTANCE,
    /** Mutual legal assistance: Budapest Art. 31, a bilateral treaty or reciprocity. */
    MUTUAL_ASSISTANCE,
    /** Regulation (EU) 2023/1543: European Production Order Certificate, between EU member states. */
    EU_PRODUCTION_ORDER,
    /** Regulation (EU) 2023/1543: European Preservation Order Certificate, between EU member states. */
    EU_PRESERVATION_ORDER,
    /** The provider discloses of its own accord under its policy and its own law (no compulsion). */
    VOLUNTARY_DISCLOSURE
}
