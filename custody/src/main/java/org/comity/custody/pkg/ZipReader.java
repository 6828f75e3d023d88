package org.comity.custody.pkg;

import static org.comity.custody.pkg.ZipWriter.CENTRAL;
import static org.comity.custody.pkg.ZipWriter.CENTRAL_EXTRA;
import static org.comity.custody.pkg.ZipWriter.CENTRAL_FIXED;
import static org.comity.custody.pkg.ZipWriter.DATE;
import static org.comity.custody.pkg.ZipWriter.END;
import static org.comity.custody.pkg.ZipWriter.END_SIZE;
import static org.comity.custody.pkg.ZipWriter.FLAGS;
import static org.comity.custody.pkg.ZipWriter.LOCAL;
import static org.comity.custody.pkg.ZipWriter.LOCAL_EXTRA;
import static org.comity.custody.pkg.ZipWriter.LOCAL_FIXED;
import static org.comity.custody.pkg.ZipWriter.LOCATOR_SIZE;
import static org.comity.custody.pkg.ZipWriter.MAGIC16;
import static org.comity.custody.pkg.ZipWriter.MAGIC32;
import static org.comity.custody.pkg.ZipWriter.TIME;
import static org.comity.custody.pkg.ZipWriter.VERSION;
import static org.comity.custody.pkg.ZipWriter.ZIP64_END;
import static org.comity.custody.pkg.ZipWriter.ZIP64_END_SIZE;
import static org.comity.custody.pkg.ZipWriter.ZIP64_LOCATOR;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.comity.custody.pkg.PackageRejected.Reason;

/**
 * Reads the ZIP layout {@link ZipWriter} writes, and nothing else: every field of every header must
 * hold the value the format fixes, the central directory must agree with each local header, and
 * the entries must fill the file without gaps. Names are checked for paths that could escape an
 * extraction folder and for duplicates before anything else is read.
 */
final class ZipReader {

    /** One entry as the central directory lists it; {@code offset} is where its local header starts. */
    record Entry(String name, int crc, long size, long offset) {}

    /** Receives an entry's bytes, chunk by chunk. */
    interface Sink {
        void accept(byte[] chunk, int length) throws PackageRejected;
    }

    private static final int BUFFER = 1 << 20;

    private ZipReader() {}

    /** The entries in file order, after checking the end records, the directory and every name. */
    static List<Entry> directory(SeekableByteChannel in) throws IOException, PackageRejected {
        long size = in.size();
        int tail = ZIP64_END_SIZE + LOCATOR_SIZE + END_SIZE;
        if (size < 4) {
            throw new PackageRejected(Reason.NOT_A_ZIP, null, "the file is too short to be a ZIP file (" + size + " bytes)");
        }
        boolean zipStart = read(in, 0, 4).getInt() == LOCAL;
        if (size < tail) {
            throw notOurs(zipStart, "it is too short to hold the end records of a package");
        }
        ByteBuffer end = read(in, size - END_SIZE, END_SIZE);
        if (end.getInt() != END || end.getShort() != 0 || end.getShort() != 0 || end.getShort() != MAGIC16 || end.getShort() != MAGIC16
                || end.getInt() != MAGIC32 || end.getInt() != MAGIC32 || end.getShort() != 0) {
            throw notOurs(zipStart, "its end record is not the Zip64 form the format fixes (or it has a comment, or bytes after it)");
        }
        long zip64End = size - tail;
        ByteBuffer locator = read(in, size - END_SIZE - LOCATOR_SIZE, LOCATOR_SIZE);
        if (locator.getInt() != ZIP64_LOCATOR || locator.getInt() != 0 || locator.getLong() != zip64End || locator.getInt() != 1) {
            throw notOurs(zipStart, "its Zip64 end locator is missing or does not point to the Zip64 end record");
        }
        ByteBuffer z = read(in, zip64End, ZIP64_END_SIZE);
        if (z.getInt() != ZIP64_END || z.getLong() != ZIP64_END_SIZE - 12 || z.getShort() != VERSION || z.getShort() != VERSION
                || z.getInt() != 0 || z.getInt() != 0) {
            throw notOurs(zipStart, "its Zip64 end record is not the form the format fixes");
        }
        long count = z.getLong();
        long total = z.getLong();
        long directorySize = z.getLong();
        long directory = z.getLong();
        if (count != total) {
            throw notOurs(zipStart, "its end record counts the entries twice, differently");
        }
        if (count < 1 || count > PackageLayout.MAX_ENTRIES) {
            throw new PackageRejected(Reason.TOO_LARGE, null, "the package declares " + Long.toUnsignedString(count)
                    + " entries; the format allows 1 to " + PackageLayout.MAX_ENTRIES);
        }
        if (directory < 0 || directorySize < 0 || directory + directorySize != zip64End
                || directorySize > count * (CENTRAL_FIXED + CENTRAL_EXTRA + PackageLayout.MAX_NAME_BYTES)) {
            throw notOurs(zipStart, "its central directory does not end where the end records start");
        }
        ByteBuffer cd = read(in, directory, (int) directorySize);
        List<Entry> entries = new ArrayList<>((int) count);
        Set<String> names = new HashSet<>();
        long expectedOffset = 0;
        for (long i = 0; i < count; i++) {
            if (cd.remaining() < CENTRAL_FIXED) {
                throw notOurs(true, "its central directory ends before its last entry");
            }
            if (cd.getInt() != CENTRAL || cd.getShort() != VERSION || cd.getShort() != VERSION || cd.getShort() != FLAGS || cd.getShort() != 0
                    || cd.getShort() != TIME || cd.getShort() != DATE) {
                throw notOurs(true, "central directory entry " + (i + 1) + " is not the stored, UTF-8, fixed-time form the format fixes");
            }
            int crc = cd.getInt();
            if (cd.getInt() != MAGIC32 || cd.getInt() != MAGIC32) {
                throw notOurs(true, "central directory entry " + (i + 1) + " does not give its sizes in Zip64 form");
            }
            int nameLength = Short.toUnsignedInt(cd.getShort());
            if (cd.getShort() != CENTRAL_EXTRA || cd.getShort() != 0 || cd.getShort() != 0 || cd.getShort() != 0 || cd.getInt() != 0
                    || cd.getInt() != MAGIC32) {
                throw notOurs(true, "central directory entry " + (i + 1) + " has fields the format does not allow (comment, attributes, extra data)");
            }
            if (nameLength == 0 || nameLength > PackageLayout.MAX_NAME_BYTES || cd.remaining() < nameLength + CENTRAL_EXTRA) {
                throw notOurs(true, "central directory entry " + (i + 1) + " has a name of " + nameLength + " bytes");
            }
            byte[] rawName = new byte[nameLength];
            cd.get(rawName);
            String name = name(rawName);
            if (cd.getShort() != 1 || cd.getShort() != 24) {
                throw notOurs(true, "central directory entry " + name + " lacks its Zip64 sizes");
            }
            long size1 = cd.getLong();
            long size2 = cd.getLong();
            long offset = cd.getLong();
            if (!names.add(name)) {
                throw new PackageRejected(Reason.DUPLICATE_ENTRY, name, "two entries have the same name");
            }
            if (size1 != size2) {
                throw notOurs(true, "entry " + name + " is compressed; the format stores entries as they are");
            }
            if (size1 < 0 || size1 > directory - expectedOffset) {
                throw new PackageRejected(Reason.TOO_LARGE, name, "the entry declares " + Long.toUnsignedString(size1)
                        + " bytes, more than the file holds");
            }
            if (offset != expectedOffset) {
                throw notOurs(true, "entry " + name + " does not start where the entry before it ends");
            }
            entries.add(new Entry(name, crc, size1, offset));
            expectedOffset = offset + LOCAL_FIXED + nameLength + LOCAL_EXTRA + size1;
            if (expectedOffset > directory) {
                throw new PackageRejected(Reason.TOO_LARGE, name, "the entry runs past the central directory");
            }
        }
        if (cd.hasRemaining() || expectedOffset != directory) {
            throw notOurs(true, "there are bytes between the entries and the central directory, or in it, that belong to no entry");
        }
        return entries;
    }

    /** Checks the entry's local header against the directory, then streams its bytes to {@code sink} and checks their CRC-32. */
    static void stream(SeekableByteChannel in, Entry entry, Sink sink) throws IOException, PackageRejected {
        byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
        ByteBuffer h = read(in, entry.offset(), LOCAL_FIXED + name.length + LOCAL_EXTRA);
        boolean same = h.getInt() == LOCAL && h.getShort() == VERSION && h.getShort() == FLAGS && h.getShort() == 0 && h.getShort() == TIME
                && h.getShort() == DATE && h.getInt() == entry.crc() && h.getInt() == MAGIC32 && h.getInt() == MAGIC32
                && h.getShort() == name.length && h.getShort() == LOCAL_EXTRA;
        byte[] localName = new byte[name.length];
        h.get(localName);
        same = same && java.util.Arrays.equals(localName, name) && h.getShort() == 1 && h.getShort() == 16 && h.getLong() == entry.size()
                && h.getLong() == entry.size();
        if (!same) {
            throw new PackageRejected(Reason.NOT_A_PACKAGE, entry.name(), "the entry's local header does not match the central directory");
        }
        CRC32 crc = new CRC32();
        long at = entry.offset() + h.capacity();
        long left = entry.size();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER, Math.max(left, 1)));
        while (left > 0) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), left));
            in.position(at);
            int n = readSome(in, buffer);
            crc.update(buffer.array(), 0, n);
            sink.accept(buffer.array(), n);
            at += n;
            left -= n;
        }
        if ((int) crc.getValue() != entry.crc()) {
            throw new PackageRejected(Reason.DAMAGED, entry.name(), "the entry's bytes do not match their CRC-32: the file was damaged or altered");
        }
    }

    /** Decodes a name strictly as UTF-8 and refuses any that could leave an extraction folder or is not a plain relative path. */
    private static String name(byte[] raw) throws PackageRejected {
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new PackageRejected(Reason.UNSAFE_PATH, null, "an entry name is not UTF-8");
        }
        if (name.startsWith("/") || name.contains("\\") || name.contains(":") || name.endsWith("/") || name.contains("//")
                || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new PackageRejected(Reason.UNSAFE_PATH, printable(name), "the entry name is not a plain relative path");
        }
        for (String part : name.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                throw new PackageRejected(Reason.UNSAFE_PATH, printable(name), "the entry name climbs out of the package's folder (zip slip)");
            }
        }
        return name;
    }

    static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(200).forEach(c -> out.append(c < 0x20 || c == 0x7f ? "?" : Character.toString(c)));
        return out.toString();
    }

    private static PackageRejected notOurs(boolean zip, String detail) {
        return zip ? new PackageRejected(Reason.NOT_A_PACKAGE, null, "a ZIP file, but not an evidence package: " + detail)
                : new PackageRejected(Reason.NOT_A_ZIP, null, "not a ZIP file: " + detail);
    }

    private static ByteBuffer read(SeekableByteChannel in, long at, int length) throws IOException, PackageRejected {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        in.position(at);
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw new PackageRejected(Reason.NOT_A_PACKAGE, null, "the file ends in the middle of a record");
            }
        }
        return buffer.flip();
    }

    private static int readSome(SeekableByteChannel in, ByteBuffer buffer) throws IOException, PackageRejected {
        int n = 0;
        while (buffer.hasRemaining()) {
            int r = in.read(buffer);
            if (r < 0) {
                throw new PackageRejected(Reason.NOT_A_PACKAGE, null, "the file ends in the middle of an entry");
            }
            n += r;
        }
        return n;
    }
}
