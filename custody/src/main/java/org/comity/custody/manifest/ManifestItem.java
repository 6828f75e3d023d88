package org.comity.custody.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.comity.custody.json.FieldException;

/**
 * One item of evidence in a package: the exhibit, its original file name, media type, size and
 * SHA-256, how it was acquired, whether its bytes travel in the package (and where), and the custody
 * events that tell its life in chain order, from the ledgers of every node it passed through.
 *
 * @param description what the item is, in words (a phone's chat database, an account's subscriber record)
 * @param path where the bytes are in the ZIP when included: {@code evidence/<exhibit>/<safe file name>}
 */
public record ManifestItem(UUID exhibit, String description, String fileName, String mediaType, long size, String sha256, ItemBytes bytes,
        Optional<String> path, Acquisition acquisition, List<EventRef> custody) {

    /** Media types as RFC 6838 spells them, without parameters. */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    /** What a file name becomes in the ZIP: safe on every file system and in every shell. */
    public static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
            "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
    public static final int MAX_EVENTS = 10_000;

    public ManifestItem {
        if (exhibit == null || bytes == null || acquisition == null) {
            throw new FieldException("items", "an item names its exhibit, whether its bytes are included, and its acquisition");
        }
        Manifests.text("items.description", description, 2000);
        Manifests.text("items.fileName", fileName, 255);
        if (mediaType == null || !MEDIA_TYPE.matcher(mediaType).matches()) {
            throw new FieldException("items.mediaType", "must be a media type such as application/octet-stream");
        }
        if (size < 0) {
            throw new FieldException("items.size", "must not be negative");
        }
        Manifests.sha256("items.sha256", sha256);
        String expected = pathFor(exhibit, fileName);
        if (bytes == ItemBytes.INCLUDED && !path.equals(Optional.of(expected))) {
            throw new FieldException("items.path", "must be " + expected + " for included bytes");
        }
        if (bytes == ItemBytes.HASH_ONLY && path.isPresent()) {
            throw new FieldException("items.path", "is left out when only the hash is given");
        }
        custody = List.copyOf(custody);
        if (custody.isEmpty() || custody.size() > MAX_EVENTS) {
            throw new FieldException("items.custody", "lists 1 to " + MAX_EVENTS + " custody events");
        }
    }

    /** An item whose bytes travel in the package, at the path its exhibit and file name give. */
    public static ManifestItem included(UUID exhibit, String description, String fileName, String mediaType, long size, String sha256,
            Acquisition acquisition, List<EventRef> custody) {
        return new ManifestItem(exhibit, description, fileName, mediaType, size, sha256, ItemBytes.INCLUDED,
                Optional.of(pathFor(exhibit, fileName)), acquisition, custody);
    }

    /** An item of which the package carries only the hash and size. */
    public static ManifestItem hashOnly(UUID exhibit, String description, String fileName, String mediaType, long size, String sha256,
            Acquisition acquisition, List<EventRef> custody) {
        return new ManifestItem(exhibit, description, fileName, mediaType, size, sha256, ItemBytes.HASH_ONLY, Optional.empty(), acquisition,
                custody);
    }

    /** {@code evidence/<exhibit>/<safe name>}: the file name with every character but letters, digits, '.', '_' and '-' made '_'. */
    public static String pathFor(UUID exhibit, String fileName) {
        return "evidence/" + exhibit + "/" + safeName(fileName);
    }

    static String safeName(String fileName) {
        StringBuilder safe = new StringBuilder();
        fileName.codePoints().forEach(c -> safe.append(c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') ? (char) c : '_'));
        String name = safe.toString().replaceAll("^[.-]+", "").replaceAll("\\.+$", "");
        if (name.isEmpty()) {
            name = "file";
        }
        String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (RESERVED.contains(base.toUpperCase(Locale.ROOT))) {
            name = "_" + name; // Windows cannot create CON, NUL and the like, whatever the extension
        }
        return name.length() > 100 ? name.substring(0, 100) : name;
    }
}
