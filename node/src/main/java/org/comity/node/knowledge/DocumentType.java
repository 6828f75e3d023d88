package org.comity.node.knowledge;

/** What kind of text a repository document is. */
public enum DocumentType {
    LEGISLATION,
    CASE_SUMMARY,
    GOOD_PRACTICE,
    GUIDE,
    TEMPLATE
}
