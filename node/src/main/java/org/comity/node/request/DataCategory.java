package org.comity.node.request;

/** The categories of data the instruments distinguish (Budapest Art. 1, 18; EU 2023/1543 Art. 3). */
public enum DataCategory {
    SUBSCRIBER,
    TRAFFIC,
    CONTENT
}
