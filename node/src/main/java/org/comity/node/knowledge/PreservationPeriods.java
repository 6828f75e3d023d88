package org.comity.node.knowledge;

/**
 * How long the state keeps data preserved at another state's request.
 *
 * @param days the first period (Budapest Art. 29(7): not less than sixty days)
 * @param extensionDays how long one extension adds; 0 when extensions are not possible
 * @param basis the domestic provision, in words; may be null
 */
public record PreservationPeriods(int days, int extensionDays, String basis) {}
