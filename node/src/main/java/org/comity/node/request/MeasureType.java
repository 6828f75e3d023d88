package org.comity.node.request;

/** Measures a request can ask the requested side to take. */
public enum MeasureType {
    PRESERVATION,
    DISCLOSURE,
    PRODUCTION,
    SEARCH_AND_SEIZURE,
    HEARING,
    SERVICE_OF_DOCUMENTS,
    TECHNICAL_ASSISTANCE,
    LOCATING_PERSONS,
    OTHER
}
