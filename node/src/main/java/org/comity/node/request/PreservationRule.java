package org.comity.node.request;

import java.time.Duration;

/**
 * How long data is preserved and how it may be extended.
 *
 * @param maxExtensions how many extensions are allowed; null for no limit
 * @param expiryWarning how long before the end the requesting side is warned
 */
public record PreservationRule(Duration period, Duration extension, Integer maxExtensions, Duration expiryWarning, String basis) {

    public PreservationRule {
        expiryWarning = expiryWarning == null ? Duration.ofDays(7) : expiryWarning;
    }

    public boolean mayExtend(int extensionsSoFar) {
        return extension != null && (maxExtensions == null || extensionsSoFar < maxExtensions);
    }
}
