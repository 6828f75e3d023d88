package org.comity.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.util.Statistics;

/**
 * {@code ./comity bench jmh [JMH options] [regex]}: the JMH micro-benchmarks of the custody library
 * ({@code *Benchmark} classes of this module), with JMH's own command line. Each benchmark's
 * annotations set iterations short enough for a 2-core machine; this adds one fork unless {@code -f}
 * says otherwise, and JMH's JSON results in {@code data/bench/jmh/results.json} unless {@code -rff}
 * names another file. Help and listings ({@code -h}, {@code -l}, {@code -lp}) go straight to JMH.
 */
final class MicroBenchmarks {

    private MicroBenchmarks() {}

    /** Runs the benchmarks and returns their table, or empty when JMH was only asked for help or a listing. */
    static Optional<String> run(Path root, String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers() || cli.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return Optional.empty();
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (!cli.getForkCount().hasValue()) {
            options.forks(1);
        }
        Path json = root.resolve("data/bench/jmh/results.json");
        if (!cli.getResult().hasValue()) {
            Files.createDirectories(json.getParent());
            options.result(json.toString()).resultFormat(ResultFormatType.JSON);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        StringBuilder md = Bench.header("JMH: custody micro-benchmarks" + (cli.getIncludes().isEmpty() ? "" : " matching " + cli.getIncludes()));
        md.append("| benchmark | mode | score | error (99.9%) | unit | spread |\n|---|---|---|---|---|---|\n");
        for (RunResult r : results) {
            Result<?> primary = r.getPrimaryResult();
            Statistics stats = primary.getStatistics();
            String name = r.getParams().getBenchmark().replaceFirst("^org\\.comity\\.bench\\.", "");
            for (String key : r.getParams().getParamsKeys()) {
                name += " (" + key + " = " + r.getParams().getParam(key) + ")";
            }
            String spread = switch (r.getParams().getMode()) {
                case SampleTime -> String.format(Locale.ROOT, "p50 %s, p99 %s, p99.9 %s, max %s over %,d samples", number(stats.getPercentile(50)),
                        number(stats.getPercentile(99)), number(stats.getPercentile(99.9)), number(stats.getMax()), stats.getN());
                default -> String.format(Locale.ROOT, "min %s, max %s over %d iterations", number(stats.getMin()), number(stats.getMax()), stats.getN());
            };
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", name, r.getParams().getMode().shortLabel(), number(primary.getScore()),
                    Double.isNaN(primary.getScoreError()) ? "" : "± " + number(primary.getScoreError()), primary.getScoreUnit(), spread));
        }
        md.append("\n");
        java.util.Map<String, String> jvms = new java.util.LinkedHashMap<>();
        results.forEach(r -> jvms.put(r.getParams().getBenchmark().replaceFirst("^.*\\.(\\w+)\\.\\w+$", "$1"), String.join(" ", r.getParams().getJvmArgs())));
        jvms.forEach((benchmark, jvm) -> md.append(String.format(Locale.ROOT, "%s forked with `%s`. ", benchmark, jvm)));
        md.append(String.format(Locale.ROOT, "Affinity of this run: %s. JMH results: %s%n", affinity(), cli.getResult().orElse(root.relativize(json).toString())));
        return Optional.of(md.toString());
    }

    /** The processors this JVM (and so its forks) may run on, as {@code taskset -c} set them; "all N" when unrestricted. */
    private static String affinity() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    String list = line.substring(line.indexOf(':') + 1).strip();
                    return "processors " + list + " allowed (the JVM counts " + Runtime.getRuntime().availableProcessors() + ")";
                }
            }
        } catch (java.io.IOException | RuntimeException notLinux) {
            // Unknown.
        }
        return "unknown";
    }

    private static String number(double value) {
        double abs = Math.abs(value);
        return String.format(Locale.ROOT, abs >= 100 ? "%,.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f", value);
    }
}
