package org.comity.custody.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.comity.custody.json.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The RFC 6962 / RFC 9162 proof vectors of transparency-dev/merkle (shared/reference/merkle-testdata):
 * every positive one verifies, every negative one is rejected, and our generator produces exactly the
 * proofs of the positive ones. The folder is required: a checkout without it fails here rather than
 * passing without having checked anything.
 */
class TestVectorsTest {

    /** A copy of the shared reference data in the test resources (src/test/resources/reference/README.md). */
    static final Path VECTORS = Path.of("src/test/resources/reference/merkle-testdata");
    /** The eight leaves behind the vectors (shared/reference/README.md). */
    static final List<String> LEAVES = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f");

    static MemoryLog referenceLog(int size) {
        MemoryLog log = MemoryLog.empty();
        LEAVES.stream().limit(size).forEach(hex -> log.append(HexFormat.of().parseHex(hex)));
        return log;
    }

    @Test
    void theRootsInTheReadmeAreOurs() {
        assertThat(HexFormat.of().formatHex(referenceLog(8).root())).isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
        assertThat(HexFormat.of().formatHex(referenceLog(7).root())).isEqualTo("ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c");
        assertThat(HexFormat.of().formatHex(referenceLog(0).root())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @TestFactory
    Stream<DynamicTest> everyInclusionVectorVerifiesOrIsRejectedAsItSays() {
        return vectors("inclusion").map(file -> DynamicTest.dynamicTest(VECTORS.relativize(file).toString(), () -> {
            Map<String, Object> v = read(file);
            if ((Boolean) v.get("wantErr")) {
                assertThatThrownBy(() -> InclusionProofs.verify(number(v, "leafIdx"), number(v, "treeSize"), bytes(v, "leafHash"), hashes(v),
                        bytes(v, "root"))).isInstanceOf(ProofRejected.class);
            } else {
                assertThatCode(() -> InclusionProofs.verify(number(v, "leafIdx"), number(v, "treeSize"), bytes(v, "leafHash"), hashes(v),
                        bytes(v, "root"))).doesNotThrowAnyException();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyConsistencyVectorVerifiesOrIsRejectedAsItSays() {
        return vectors("consistency").map(file -> DynamicTest.dynamicTest(VECTORS.relativize(file).toString(), () -> {
            Map<String, Object> v = read(file);
            if ((Boolean) v.get("wantErr")) {
                assertThatThrownBy(() -> ConsistencyProofs.verify(number(v, "size1"), number(v, "size2"), hashes(v), bytes(v, "root1"),
                        bytes(v, "root2"))).isInstanceOf(ProofRejected.class);
            } else {
                assertThatCode(() -> ConsistencyProofs.verify(number(v, "size1"), number(v, "size2"), hashes(v), bytes(v, "root1"),
                        bytes(v, "root2"))).doesNotThrowAnyException();
            }
        }));
    }

    @Test
    void ourGeneratorProducesTheVectorsHappyPaths() {
        List<Path> inclusion = vectors("inclusion").filter(f -> f.getFileName().toString().equals("happy-path.json")).toList();
        List<Path> consistency = vectors("consistency").filter(f -> f.getFileName().toString().equals("happy-path.json")).toList();
        assertThat(inclusion).hasSizeGreaterThanOrEqualTo(5);
        assertThat(consistency).hasSizeGreaterThanOrEqualTo(5);
        for (Path file : inclusion) {
            Map<String, Object> v = read(file);
            long size = number(v, "treeSize");
            MemoryLog log = referenceLog((int) size);
            assertThat(log.root()).as(file.toString()).isEqualTo(bytes(v, "root"));
            assertThat(log.subtreeHash(0, number(v, "leafIdx"))).as(file.toString()).isEqualTo(bytes(v, "leafHash"));
            assertThat(InclusionProofs.prove(log, number(v, "leafIdx"), size)).as(file.toString()).containsExactlyElementsOf(hashes(v));
        }
        for (Path file : consistency) {
            Map<String, Object> v = read(file);
            MemoryLog log = referenceLog((int) number(v, "size2"));
            assertThat(TreeHash.root(log, number(v, "size1"))).as(file.toString()).isEqualTo(bytes(v, "root1"));
            assertThat(ConsistencyProofs.prove(log, number(v, "size1"), number(v, "size2"))).as(file.toString())
                    .containsExactlyElementsOf(hashes(v));
        }
    }

    static Stream<Path> vectors(String kind) {
        Path dir = VECTORS.resolve(kind);
        assertThat(dir).as("the reference vectors at %s (from the custody module directory)", dir.toAbsolutePath().normalize()).isDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).as("vectors in " + dir).hasSizeGreaterThan(50);
        return files.stream();
    }

    static Map<String, Object> read(Path file) {
        try {
            return Json.parseObject(Files.readString(file), 1 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Vectors are uint64; one beyond a Java long arrives as its two's complement, as a C or Go caller would pass it. */
    static long number(Map<String, Object> v, String field) {
        return ((BigDecimal) v.get(field)).toBigIntegerExact().longValue();
    }

    static byte[] bytes(Map<String, Object> v, String field) {
        return Base64.getDecoder().decode((String) v.get(field));
    }

    /** The proof; a JSON null is Go's nil slice, the empty proof. */
    static List<byte[]> hashes(Map<String, Object> v) {
        List<byte[]> out = new ArrayList<>();
        if (v.get("proof") instanceof List<?> list) {
            list.forEach(h -> out.add(Base64.getDecoder().decode((String) h)));
        }
        return out;
    }
}
