package org.comity.custody.pkg;

/**
 * How far reading or writing a package has come: bytes hashed of the total, and the entry in hand.
 * Reported at least once per entry and about every 8 MiB within one.
 *
 * @param bytesTotal the bytes to hash in all, or -1 while unknown (a writer streaming its items)
 */
public record Progress(long bytesDone, long bytesTotal, String entry) {

    /** Done as a fraction from 0 to 1. */
    public double fraction() {
        return bytesTotal < 0 ? 0 : bytesTotal == 0 ? 1 : (double) bytesDone / bytesTotal;
    }
}
