package org.comity.node.writer;

/** Which language(s) a request's PDF is printed in. */
public enum PdfLanguages {
    /** The language the request is written in. */
    ORIGINAL,
    /** The translation into the requested state's language. */
    TRANSLATION,
    /** The original, then the translation from a new page. */
    BOTH
}
