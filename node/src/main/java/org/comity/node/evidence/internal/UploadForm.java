package org.comity.node.evidence.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.comity.node.evidence.Acquisition;
import org.comity.node.evidence.RequestSide;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;

/**
 * What an upload is, read from its Upload-Metadata: the request and side it is evidence for, the
 * file's name and media type, and how it was acquired (chain of custody). Every field is checked and
 * every problem reported at once (422); keys this node does not read are ignored, as tus clients
 * add their own.
 *
 * @param side null when the client left it to the node (the actor's only side)
 */
record UploadForm(UUID requestId, RequestSide side, String fileName, String mediaType, Acquisition acquisition) {

    /** How far ahead of this node's clock an acquisition time may be (clocks differ). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final String DEFAULT_MEDIA_TYPE = "application/octet-stream";
    private static final Pattern MEDIA_TYPE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}$");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\u2028\\u2029]");

    static UploadForm parse(Map<String, String> metadata, Clock clock) {
        List<FieldProblem> problems = new ArrayList<>();
        UUID request = null;
        String requestText = metadata.get("request");
        if (requestText == null || requestText.isBlank()) {
            problems.add(FieldProblem.of("request", "required", "Name the request this evidence is for (its id)."));
        } else {
            try {
                request = UUID.fromString(requestText.strip());
            } catch (IllegalArgumentException e) {
                problems.add(FieldProblem.of("request", "wrong-type", "Expected {0}.", "a request id (UUID)"));
            }
        }
        RequestSide side = null;
        String sideText = metadata.get("side");
        if (sideText != null && !sideText.isBlank()) {
            try {
                side = RequestSide.valueOf(sideText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(FieldProblem.of("side", "wrong-type", "Expected {0}.", "requesting or requested"));
            }
        }
        String fileName = text(metadata, "filename", 255, true, problems);
        if (fileName != null) {
            fileName = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
            if (fileName.isBlank() || fileName.equals(".") || fileName.equals("..")) {
                problems.add(FieldProblem.of("filename", "invalid", "Give the file's name, without folders."));
            }
        }
        String mediaType = text(metadata, "filetype", 127, false, problems);
        if (mediaType == null || mediaType.isBlank()) {
            mediaType = DEFAULT_MEDIA_TYPE;
        } else if (!MEDIA_TYPE.matcher(mediaType).matches()) {
            problems.add(FieldProblem.of("filetype", "invalid", "Expected {0}.", "a media type such as application/octet-stream"));
        }
        String tool = text(metadata, "tool", 200, true, problems);
        String toolVersion = text(metadata, "toolVersion", 100, true, problems);
        String examiner = text(metadata, "examiner", 200, true, problems);
        String source = text(metadata, "source", 500, true, problems);
        String method = text(metadata, "method", 500, true, problems);
        Instant acquiredAt = acquiredAt(metadata.get("acquiredAt"), clock, problems);
        if (!problems.isEmpty()) {
            throw ComityException.invalid("The upload's metadata is incomplete or invalid.", problems);
        }
        return new UploadForm(request, side, fileName, mediaType, new Acquisition(tool, toolVersion, examiner, source, method, acquiredAt));
    }

    private static String text(Map<String, String> metadata, String key, int max, boolean required, List<FieldProblem> problems) {
        String value = metadata.get(key);
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(FieldProblem.of(key, "required", "This is required for the chain of custody."));
            }
            return null;
        }
        value = value.strip();
        if (value.codePointCount(0, value.length()) > max) {
            problems.add(FieldProblem.of(key, "too-long", "At most {0} characters.", max));
            return null;
        }
        if (CONTROL.matcher(value).find()) {
            problems.add(FieldProblem.of(key, "invalid", "Control characters are not allowed."));
            return null;
        }
        return value;
    }

    private static Instant acquiredAt(String value, Clock clock, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(FieldProblem.of("acquiredAt", "required", "When was it acquired? (ISO 8601 with an offset, for example 2026-11-20T14:05:00Z)"));
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(FieldProblem.of("acquiredAt", "wrong-type", "Expected {0}.", "a time in ISO 8601 with an offset, for example 2026-11-20T14:05:00Z"));
            return null;
        }
        if (at.isAfter(clock.instant().plus(CLOCK_SKEW))) {
            problems.add(FieldProblem.of("acquiredAt", "in-future", "The acquisition time is in the future."));
            return null;
        }
        return at;
    }
}
