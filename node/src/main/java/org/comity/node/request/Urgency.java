package org.comity.node.request;

/** How fast the requested side must react. EMERGENCY means a risk to life or safety (Protocol Art. 9, 10). */
public enum Urgency {
    NORMAL,
    URGENT,
    EMERGENCY
}
