package org.comity.node.knowledge;

/**
 * A reservation or declaration a state made that matters for cooperation.
 *
 * @param instrument the article it concerns, as an instrument id ({@code protocol-7}, {@code budapest-29})
 * @param effect whether the article does not apply at all or applies under conditions
 * @param text what the reservation says, in the profile's words
 */
public record Reservation(String instrument, Effect effect, String text) {

    public enum Effect {
        /** The state does not apply the article (e.g. Second Protocol Art. 7(9)(a)). */
        EXCLUDES,
        /** The article applies with conditions (notification, dual criminality, a threshold). */
        CONDITIONS
    }
}
