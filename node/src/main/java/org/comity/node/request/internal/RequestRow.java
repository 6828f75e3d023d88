package org.comity.node.request.internal;

import org.comity.node.request.RequestDocument;
import org.comity.node.request.RequestSummary;

/** A request's projection row: the summary columns and its current content. */
record RequestRow(RequestSummary summary, RequestDocument document) {}
