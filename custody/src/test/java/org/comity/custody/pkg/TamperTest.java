package org.comity.custody.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.comity.custody.pkg.VerificationReport.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Any single flipped bit, anywhere in a package, is caught: in the evidence, the manifest, its
 * signature, the custody events, the proofs, the checkpoints or the other files (flipped in the
 * file, then re-zipped as a writer would), or in the raw bytes of the ZIP itself. Caught means the
 * verifier says BROKEN or the reader refuses the package; INTACT would be a forgery accepted.
 */
class TamperTest {

    static final int FLIPS = 10_000;
    /** One flip in four hits the raw ZIP; the rest hit one logical file, spread over the kinds of file below. */
    static final int RAW_SHARE = 4;
    static final List<Predicate<String>> KINDS = List.of(
            n -> n.startsWith("evidence/"),
            n -> n.equals(PackageLayout.MANIFEST),
            n -> n.equals(PackageLayout.SIGNATURE),
            n -> n.equals(PackageLayout.EVENTS),
            n -> n.startsWith(PackageLayout.PROOFS),
            n -> n.startsWith(PackageLayout.CHECKPOINTS),
            n -> n.startsWith("keys/") || n.equals(PackageLayout.CASE_UCO) || n.equals(PackageLayout.README));

    @Test
    void everySingleBitFlipIsDetected() throws Exception {
        long seed = Long.getLong("comity.tamper.seed", System.nanoTime());
        System.out.println("TamperTest seed " + seed + " (rerun with -Dcomity.tamper.seed=" + seed + ")");
        byte[] original = new PackageFixture().write();
        Map<String, byte[]> entries = entries(original);
        // The re-zipping path itself must be faithful, or flips in logical files would be "detected" for the wrong reason.
        assertThat(verdict(zip(entries))).isEqualTo("INTACT");
        assertThat(zip(entries)).isEqualTo(original);

        AtomicInteger refused = new AtomicInteger();
        AtomicInteger broken = new AtomicInteger();
        List<String> undetected = java.util.Collections.synchronizedList(new ArrayList<>());
        // Two workers on the two cores, each with its own stream of flips derived from the seed.
        IntStream.range(0, 2).parallel().forEach(worker -> {
            Random random = new Random(seed + worker);
            for (int i = worker; i < FLIPS; i += 2) {
                Flip flip = i % RAW_SHARE == 0 ? raw(original, random) : logical(entries, random);
                String outcome = verdict(flip.zip());
                switch (outcome) {
                    case "REFUSED" -> refused.incrementAndGet();
                    case "BROKEN" -> broken.incrementAndGet();
                    default -> undetected.add(flip.where());
                }
            }
        });

        System.out.println("TamperTest: " + FLIPS + " flips, " + broken.get() + " reported BROKEN, " + refused.get() + " refused as unusable");
        assertThat(undetected).as("flips that verified INTACT").isEmpty();
        assertThat(broken.get() + refused.get()).isEqualTo(FLIPS);
        assertThat(broken.get()).as("logical flips mostly reach the verifier's checks").isGreaterThan(FLIPS / 4);
    }

    record Flip(byte[] zip, String where) {}

    static Flip raw(byte[] zip, Random random) {
        byte[] copy = zip.clone();
        int bit = random.nextInt(copy.length * 8);
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return new Flip(copy, "raw ZIP bit " + bit);
    }

    static Flip logical(Map<String, byte[]> entries, Random random) {
        Predicate<String> kind = KINDS.get(random.nextInt(KINDS.size()));
        List<String> names = entries.keySet().stream().filter(kind).toList();
        String name = names.get(random.nextInt(names.size()));
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        byte[] content = entries.get(name).clone();
        int bit = random.nextInt(content.length * 8);
        content[bit / 8] ^= (byte) (1 << (bit % 8));
        changed.put(name, content);
        try {
            return new Flip(zip(changed), name + " bit " + bit);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** INTACT, BROKEN or REFUSED; any other outcome (an exception escaping) fails the test. */
    static String verdict(byte[] zip) {
        try {
            VerificationReport report = PackageVerifier.verify(EvidencePackageReader.read(new MemoryChannel(zip), p -> {}), TrustAnchors.none());
            return report.verdict() == Verdict.INTACT ? "INTACT" : "BROKEN";
        } catch (PackageRejected refused) {
            return "REFUSED";
        } catch (RuntimeException e) {
            return fail("the verifier must report or refuse, not throw", e);
        }
    }

    static Map<String, byte[]> entries(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        MemoryChannel in = new MemoryChannel(zip);
        for (ZipReader.Entry e : ZipReader.directory(in)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ZipReader.stream(in, e, (chunk, n) -> out.write(chunk, 0, n));
            entries.put(e.name(), out.toByteArray());
        }
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        MemoryChannel out = new MemoryChannel();
        ZipWriter zip = new ZipWriter(out);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            zip.add(e.getKey(), new ByteArrayInputStream(e.getValue()), n -> {});
        }
        zip.finish();
        return out.toByteArray();
    }
}
