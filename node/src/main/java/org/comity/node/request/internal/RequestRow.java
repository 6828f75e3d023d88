package org.comity.node.request.internal;

import org.comity.node.request.RequestSummary;

/** A request's projection row: the summary columns, for access checks, versions and lists. */
record RequestRow(RequestSummary summary) {}
