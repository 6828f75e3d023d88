package org.comity.node.request;

/** What a request asks for, as the instruments name it. Each instrument declares one. */
public enum RequestType {
    PRESERVATION,
    DISCLOSURE_OF_PRESERVED_DATA,
    MUTUAL_ASSISTANCE,
    ASSISTANCE_24_7,
    DOMAIN_REGISTRATION_INFORMATION,
    SUBSCRIBER_INFORMATION,
    GIVING_EFFECT_TO_ORDER,
    EMERGENCY_DISCLOSURE,
    EMERGENCY_MUTUAL_ASSISTANCE,
    PRODUCTION_ORDER,
    PRESERVATION_ORDER,
    SPONTANEOUS_INFORMATION
}
