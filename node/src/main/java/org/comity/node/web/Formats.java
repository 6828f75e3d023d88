package org.comity.node.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * How pages show times, durations and sizes ({@code ${@fmt.at(t)}} in templates). Times are UTC and
 * say so: the two sides of a request live in different time zones.
 */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private final MessageSource messages;
    private final Clock clock;

    Formats(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    public String at(Instant instant) {
        return instant == null ? "" : AT.format(instant) + " UTC";
    }

    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }

    /** "3 d 4 h" until {@code due} (or since, when it has passed), in the page's language. */
    public String remaining(Instant due) {
        if (due == null) {
            return "";
        }
        Instant now = clock.instant();
        Duration d = Duration.between(now, due).abs();
        Locale locale = LocaleContextHolder.getLocale();
        String amount;
        if (d.toDays() >= 1) {
            amount = unit("unit.days", d.toDays(), locale) + (d.toHoursPart() > 0 ? " " + unit("unit.hours", d.toHoursPart(), locale) : "");
        } else if (d.toHours() >= 1) {
            amount = unit("unit.hours", d.toHours(), locale) + (d.toMinutesPart() > 0 ? " " + unit("unit.minutes", d.toMinutesPart(), locale) : "");
        } else {
            amount = unit("unit.minutes", Math.max(d.toMinutes(), 1), locale);
        }
        String key = due.isAfter(now) ? "time.in" : "time.ago";
        return messages.getMessage(key, new Object[] {amount}, locale);
    }

    public boolean past(Instant instant) {
        return instant != null && !instant.isAfter(clock.instant());
    }

    public String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private String unit(String key, long n, Locale locale) {
        return messages.getMessage(key, new Object[] {n}, locale);
    }
}
