package org.comity.node.knowledge;

/**
 * A treaty (or regulation) a state may be party to. Each maps to the instrument files whose id
 * starts with {@link #instrumentPrefix()} ({@code node/src/main/resources/instruments}).
 */
public enum Treaty {
    /** Budapest Convention on Cybercrime (ETS No. 185). */
    BUDAPEST("budapest-"),
    /** Second Additional Protocol to the Budapest Convention (CETS No. 224). */
    SECOND_PROTOCOL("protocol-"),
    /** Regulation (EU) 2023/1543 on European Production and Preservation Orders; binds EU member states only. */
    EU_E_EVIDENCE("eu-"),
    /** A bilateral mutual legal assistance treaty with the states listed as partners. */
    BILATERAL_MLA("bilateral-"),
    /** United Nations Convention against Cybercrime (2024). No instrument file yet. */
    UN_CYBERCRIME("un-");

    private final String instrumentPrefix;

    Treaty(String instrumentPrefix) {
        this.instrumentPrefix = instrumentPrefix;
    }

    public String instrumentPrefix() {
        return instrumentPrefix;
    }

    /** The treaty an instrument id belongs to ("protocol-7" is the Second Protocol's). */
    public static java.util.Optional<Treaty> ofInstrument(String instrumentId) {
        if (instrumentId == null) {
            return java.util.Optional.empty();
        }
        for (Treaty t : values()) {
            if (instrumentId.startsWith(t.instrumentPrefix)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}
