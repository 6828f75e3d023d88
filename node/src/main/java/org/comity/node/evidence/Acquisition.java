package org.comity.node.evidence;

import java.time.Instant;

/**
 * How an item of evidence was acquired, for its chain of custody: the tool and its version, the
 * examiner who acquired it, the device or account it came from, the method (for example "logical
 * extraction", "provider export"), and when.
 */
public record Acquisition(String tool, String toolVersion, String examiner, String source, String method, Instant acquiredAt) {}
