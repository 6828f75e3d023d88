package org.comity.custody.checkpoint;

/** The characters a signed note may hold: valid Unicode, and no ASCII control character but the newline (c2sp.org/signed-note). */
final class NoteText {

    private NoteText() {}

    /** No lone surrogate, so the text has a UTF-8 encoding. */
    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Text a note may carry: well formed, and no control character but the newline (so no CR, no tab). */
    static boolean allowed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                return false;
            }
        }
        return wellFormed(text);
    }

    /** One non-empty line of a note: allowed text without a newline. */
    static boolean line(String text) {
        return text != null && !text.isEmpty() && text.indexOf('\n') < 0 && allowed(text);
    }
}
