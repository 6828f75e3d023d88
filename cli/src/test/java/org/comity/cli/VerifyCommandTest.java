package org.comity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code comity verify} and {@code comity inspect} as a lawyer runs them, through the tool's own command line, in process. */
class VerifyCommandTest {

    @TempDir
    Path dir;
    final TestPackage fixture = new TestPackage();

    record Run(int exit, String out, String err) {}

    static Run comity(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ComityCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void anIntactPackageExitsZeroAndTellsEachItemsStory() throws Exception {
        Path file = fixture.write(dir, 1);

        Run run = comity("verify", file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("VERDICT: INTACT", "recorded, unbroken, in the ledgers of nodes XB and XA", "WHAT WAS COLLECTED, BY WHOM, WHEN",
                "1. Photo <b>from</b> the phone", "ledger       of node XB (Borealis node), state XB, key xb.comity.example/comity/ledger+",
                "custody     exhibit 3f1c9a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b, through nodes XB -> XA",
                "ACQUIRE by Insp. Ana <Ferreira> & Co (examiner, Borealis Cybercrime Unit) at node XB", "[entry 0 of XB's ledger]",
                "-- handed over from node XB to node XA --", "RECEIVE by Det. Jonas Weber (investigator, Aurelia Prosecutor's Office) at node XA",
                "[entry 0 of XA's ledger]", "under Budapest Convention Art. 31, XA-2026-0412", "PASS  manifest signature",
                "PASS  ledger of XB, checkpoint 6: node XB's ledger at 6 entries is signed by the ledger's key and cosigned by xa.comity.example/comity/ledger",
                "PASS  ledger of XA, checkpoint 4", "transferred by Insp. Ana <Ferreira> & Co at node XB");
        assertThat(run.out().indexOf("TRANSFER by")).isLessThan(run.out().indexOf("handed over")).isLessThan(run.out().indexOf("RECEIVE by"));
        assertThat(run.err()).isEmpty(); // not a terminal, no --progress: no progress line
    }

    @Test
    void aBrokenPackageExitsOneAndNamesWhatFailed() throws Exception {
        Path file = fixture.write(dir, 2);

        Run run = comity("verify", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("VERDICT: BROKEN", "FAIL  ledger of XA, checkpoint 4", "1 of 2 expected witnesses; 2 required");
    }

    @Test
    void evidenceChangedBySomeoneWhoAlsoFixedTheZipsChecksumIsBroken() throws Exception {
        Path file = fixture.write(dir, 1);
        byte[] zip = Files.readAllBytes(file);
        rewrite(zip, "evidence/3f1c9a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b/IMG_0001.jpg", 7);
        Files.write(file, zip);

        Run run = comity("verify", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  evidence/3f1c9a2e-8b4d-4e6f-9a1b-2c3d4e5f6a7b/IMG_0001.jpg: 'IMG 0001.jpg' has been changed");
    }

    @Test
    void theReportIsWrittenAsAnEscapedWebPageAndAsAPdfWithItsTextInside() throws Exception {
        Path file = fixture.write(dir, 1);
        Path html = dir.resolve("report.html");
        Path pdf = dir.resolve("report.pdf");

        Run run = comity("verify", file.toString(), "--html", html.toString(), "--pdf", pdf.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("Photo &lt;b&gt;from&lt;/b&gt; the phone", "Insp. Ana &lt;Ferreira&gt; &amp; Co", "VERDICT: INTACT",
                        "Handed over from node XB to node XA", "entry 0 of XB&#39;s ledger")
                .doesNotContain("<script", "<b>from", "src=", "href=");
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("VERDICT: INTACT", "Insp. Ana <Ferreira> & Co", "Budapest Convention Art. 31");
            assertThat(document.getPage(0).getResources().getFontNames()).isNotEmpty();
            document.getPage(0).getResources().getFontNames().forEach(name -> {
                try {
                    var font = document.getPage(0).getResources().getFont(name);
                    assertThat(font.getName()).contains("LiberationSans");
                    assertThat(font.isEmbedded()).isTrue();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @Test
    void progressGoesToStandardErrorWhenAsked() throws Exception {
        Run run = comity("verify", fixture.write(dir, 1).toString(), "--progress");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("Checking fingerprints: 100%");
        assertThat(run.out()).doesNotContain("Checking fingerprints");
    }

    @Test
    void keysYouTrustAreCheckedAgainstThePackage() throws Exception {
        Path file = fixture.write(dir, 1);
        String xb = fixture.xbLedger.verifier().vkey();
        String xa = fixture.xaLedger.verifier().vkey();

        Run trusted = comity("verify", file.toString(), "--node-key", fixture.nodeKey.kid(), "--ledger-key", xb, "--ledger-key", xa);
        assertThat(trusted.exit()).isZero();
        assertThat(trusted.out()).contains("PASS  ledger of XB, key: the ledger key is the one you trust for node XB",
                "PASS  ledger of XA, key: the ledger key is the one you trust for node XA");
        Run other = comity("verify", file.toString(), "--node-key", "not-the-key");
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.out()).contains("FAIL  node key: the package is signed with key " + fixture.nodeKey.kid(),
                "INFO  ledger of XB, key: compare ledger key " + xb);
        Run impostor = comity("verify", file.toString(), "--ledger-key", org.comity.custody.checkpoint.NoteSigner.generate(TestPackage.XB).verifier().vkey());
        assertThat(impostor.exit()).isEqualTo(1);
        assertThat(impostor.out()).contains("FAIL  ledger of XB, key: the package names ledger key " + xb, "FAIL  ledger of XB, checkpoint 6: refused")
                .doesNotContain("FAIL  ledger of XA");
    }

    @Test
    void keysAndSettingsThatCannotBeUsedExitTwo() throws Exception {
        Path file = fixture.write(dir, 1);
        String xb = fixture.xbLedger.verifier().vkey();

        Run twice = comity("verify", file.toString(), "--ledger-key", xb, "--ledger-key", org.comity.custody.checkpoint.NoteSigner.generate(TestPackage.XB)
                .verifier().vkey());
        Run notAKey = comity("verify", file.toString(), "--ledger-key", "xb.comity.example/comity/ledger");
        Run skew = comity("verify", file.toString(), "--clock-skew", "-1");

        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("two keys are given for one ledger");
        assertThat(notAKey.exit()).isEqualTo(2);
        assertThat(notAKey.err()).contains("--ledger-key xb.comity.example/comity/ledger cannot be used");
        assertThat(skew.exit()).isEqualTo(2);
        assertThat(skew.err()).contains("--clock-skew is a number of minutes from 0 to 1440");
        assertThat(comity("verify", file.toString(), "--clock-skew", "0").exit()).isZero();
    }

    @Test
    void inspectListsItemsAndEventsWithoutCheckingThem() throws Exception {
        Run run = comity("inspect", fixture.write(dir, 2).toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("NOT VERIFIED", "produced by node XA (Aurelia node)", "ledger of node XB (Borealis node)", "IMG 0001.jpg  image/jpeg",
                "[XB 0] 2026-11-02 10:15:00 UTC  acquire by Insp. Ana <Ferreira> & Co (Borealis Cybercrime Unit) at node XB",
                "[XA 0] 2026-11-02 14:15:00 UTC  receive by Det. Jonas Weber", "[XA 3] ", "export");
    }

    @Test
    void unusableInputExitsTwoWithAPlainMessageAndNoStackTrace() throws Exception {
        Path valid = fixture.write(dir, 1);
        byte[] zip = Files.readAllBytes(valid);
        assertUnusable(comity("verify", dir.resolve("missing.zip").toString()), "there is no file");
        assertUnusable(comity("verify", dir.toString()), "is not a file");
        assertUnusable(comity("verify", Files.writeString(dir.resolve("letter.zip"), "Dear court").toString()), "not a ZIP file");
        assertUnusable(comity("verify", write("slip.zip", replace(zip, "README.txt", "../evil.tx"))), "zip slip");
        assertUnusable(comity("verify", write("twice.zip", replace(zip, "keys/node.jwk", "manifest.json"))), "two entries have the same name");
        assertUnusable(comity("verify", write("extra.zip", replace(zip, "README.txt", "README.exe"))), "the format has no entry of this name");
        byte[] bomb = zip.clone();
        ByteBuffer b = ByteBuffer.wrap(bomb).order(ByteOrder.LITTLE_ENDIAN);
        int directory = (int) b.getLong(bomb.length - 98 + 48);
        int sizes = directory + 46 + Short.toUnsignedInt(b.getShort(directory + 28)) + 4;
        b.putLong(sizes, 1L << 42).putLong(sizes + 8, 1L << 42);
        assertUnusable(comity("verify", write("bomb.zip", bomb)), "more than the file holds");
        byte[] schema = zip.clone();
        rewriteReplacing(schema, "manifest.json", "comity.evidence-manifest/2", "comity.evidence-manifest/9");
        assertUnusable(comity("verify", write("schema.zip", schema)), "schema: must be comity.evidence-manifest/2");
        byte[] v1 = zip.clone();
        rewriteReplacing(v1, "manifest.json", "comity.evidence-manifest/2", "comity.evidence-manifest/1");
        Run old = comity("verify", write("v1.zip", v1));
        assertUnusable(old, "a version-1 package, which this verifier no longer reads");
        assertThat(old.err()).contains("(unsupported version)", "ask the sender for the package in version 2");
        assertUnusable(comity("inspect", write("slip2.zip", replace(zip, "README.txt", "../evil.tx"))), "zip slip");
    }

    @Test
    void randomFlipsThroughTheCommandLineAreAlwaysBrokenOrRefused() throws Exception {
        long seed = System.nanoTime();
        System.out.println("VerifyCommandTest flips seed " + seed);
        Random random = new Random(seed);
        byte[] zip = Files.readAllBytes(fixture.write(dir, 1));
        Path file = dir.resolve("flipped.zip");
        for (int i = 0; i < 300; i++) {
            byte[] copy = zip.clone();
            int bit = random.nextInt(copy.length * 8);
            copy[bit / 8] ^= (byte) (1 << (bit % 8));
            Files.write(file, copy);
            Run run = comity("verify", file.toString());
            assertThat(run.exit()).as("bit " + bit).isIn(1, 2);
            assertThat(run.out() + run.err()).doesNotContain("\tat ", "Exception");
        }
    }

    private static void assertUnusable(Run run, String message) {
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message).contains("cannot be").doesNotContain("\tat ", "Exception");
        assertThat(run.out()).doesNotContain("VERDICT");
    }

    private String write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes).toString();
    }

    /** Every occurrence of a name (in the local header, the directory, and inside the manifest), byte for byte. */
    private static byte[] replace(byte[] zip, String from, String to) {
        String text = new String(zip, StandardCharsets.ISO_8859_1);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Changes one byte of an entry's content and writes the matching CRC-32 into both headers, as a careful forger would. */
    private static void rewrite(byte[] zip, String entry, int at) {
        int data = dataOffset(zip, entry);
        zip[data + at] ^= 0x01;
        fixCrc(zip, entry, data);
    }

    private static void rewriteReplacing(byte[] zip, String entry, String from, String to) {
        int data = dataOffset(zip, entry);
        int size = (int) ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getLong(data - 16);
        String content = new String(zip, data, size, StandardCharsets.ISO_8859_1).replace(from, to);
        System.arraycopy(content.getBytes(StandardCharsets.ISO_8859_1), 0, zip, data, size);
        fixCrc(zip, entry, data);
    }

    private static int dataOffset(byte[] zip, String entry) {
        String text = new String(zip, StandardCharsets.ISO_8859_1);
        int name = text.indexOf("PK\u0003\u0004");
        while (!text.startsWith(entry, name + 30)) {
            name = text.indexOf("PK\u0003\u0004", name + 1);
        }
        return name + 30 + entry.length() + 20;
    }

    private static void fixCrc(byte[] zip, String entry, int data) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int size = (int) b.getLong(data - 16);
        CRC32 crc = new CRC32();
        crc.update(zip, data, size);
        int local = data - 20 - entry.length() - 30;
        b.putInt(local + 14, (int) crc.getValue());
        String text = new String(zip, StandardCharsets.ISO_8859_1);
        int central = text.indexOf("PK\u0001\u0002");
        while (!text.startsWith(entry, central + 46)) {
            central = text.indexOf("PK\u0001\u0002", central + 1);
        }
        b.putInt(central + 16, (int) crc.getValue());
    }
}
