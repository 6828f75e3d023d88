package org.comity.node.request;

/** How the request itself must be handled (Budapest Art. 27(8): confidentiality of the request). */
public enum Confidentiality {
    STANDARD,
    CONFIDENTIAL,
    STRICTLY_CONFIDENTIAL
}
