package org.comity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The load driver at a size CI can afford: a real demo node process started by the launcher, filled
 * through the API, then every inbox listing. It checks that the driver still works and that nothing
 * fails under concurrent writes; the figures of the full-size run are in docs/benchmarks.md.
 */
class LoadBenchIT {

    @Test
    void aSmallLoadRunCreatesEveryRequestWithoutAnErrorAndEveryListingAnswers() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("comity")).as("the launcher at the repository root").isExecutable();
        assertThat(Files.exists(root.resolve("node/target/comity-node-0.1.0.jar"))).as("the node was packaged before this test").isTrue();

        LoadBench.Result result = new LoadBench(root, root.resolve("data/bench/ci-load"), 300, 4, 20).run();

        assertThat(result.reference().errors()).isZero();
        assertThat(result.throughputs()).allSatisfy(t -> assertThat(t.errors()).as(t.what()).isZero());
        assertThat(result.createAndSubmit().operations()).isEqualTo(100);
        assertThat(result.submitAtOnce().operations()).isEqualTo(100);
        assertThat(result.submitMinimal().operations()).isEqualTo(100);
        assertThat(result.latencies()).hasSize(15).allSatisfy(l -> assertThat(l.stats().count()).isEqualTo(20));
        assertThat(result.latencies()).filteredOn(l -> l.what().contains("newest first")).hasSize(2)
                .allSatisfy(l -> assertThat(l.rows()).isEqualTo(50));
        // Caldera's inbox holds the 300 delivered requests, the 90 of the warm-up and the demo's own: page 20 (rows 1000+) is empty.
        assertThat(result.latencies()).filteredOn(l -> l.what().endsWith("page 20")).allSatisfy(l -> assertThat(l.rows()).isZero());
    }
}
