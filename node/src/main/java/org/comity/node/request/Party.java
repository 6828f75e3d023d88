package org.comity.node.request;

/** Who may take an action: one side, either side, or only the node itself. */
public enum Party {
    REQUESTING,
    REQUESTED,
    EITHER,
    SYSTEM;

    public boolean allows(Side side) {
        return switch (this) {
            case REQUESTING -> side == Side.REQUESTING;
            case REQUESTED -> side == Side.REQUESTED;
            case EITHER -> true;
            case SYSTEM -> false;
        };
    }
}
