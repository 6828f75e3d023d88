package org.comity.node.web;

import java.util.List;
import java.util.Locale;

/** The six official languages of the United Nations, in which every page is offered. */
public final class Languages {

    /** In the order the language switcher shows them: each in its own name. */
    public static final List<Language> ALL = List.of(
            new Language("ar", "العربية", true),
            new Language("zh", "中文", false),
            new Language("en", "English", false),
            new Language("fr", "Français", false),
            new Language("ru", "Русский", false),
            new Language("es", "Español", false));

    private Languages() {}

    public static boolean supported(Locale locale) {
        return locale != null && ALL.stream().anyMatch(l -> l.code().equals(locale.getLanguage()));
    }

    public static boolean rightToLeft(Locale locale) {
        return ALL.stream().anyMatch(l -> l.code().equals(locale.getLanguage()) && l.rightToLeft());
    }

    public record Language(String code, String nativeName, boolean rightToLeft) {}
}
