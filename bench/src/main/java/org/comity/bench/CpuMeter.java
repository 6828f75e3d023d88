package org.comity.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CPU time spent by the processes of one run: a node's JVM, its PostgreSQL server (the postmaster
 * found by its data folder, with its backends) and the driver itself. Throughput on a shared 2-core
 * machine depends on everything else running there; CPU per operation does much less, so it is
 * the figure to compare between changes, and the one that says where the cores went.
 */
final class CpuMeter {

    /** CPU consumed so far, by part. */
    record Reading(Duration node, Duration database, Duration driver) {
        Reading minus(Reading earlier) {
            return new Reading(node.minus(earlier.node), database.minus(earlier.database), driver.minus(earlier.driver));
        }

        Duration total() {
            return node.plus(database).plus(driver);
        }

        /** Two nodes' readings taken together (the driver is the same process in both). */
        Reading withOtherNode(Reading other) {
            return new Reading(node.plus(other.node), database.plus(other.database), driver);
        }
    }

    private final ProcessHandle node;
    private final String databaseFolder;

    /**
     * @param node the node's JVM (the launcher execs java, so the launched process is the JVM)
     * @param databaseFolder the cluster folder of its embedded PostgreSQL, as it appears on the
     *     postmaster's command line
     */
    CpuMeter(ProcessHandle node, Path databaseFolder) {
        this.node = node;
        this.databaseFolder = databaseFolder.toString();
    }

    Reading read() {
        return new Reading(cpu(node), postmaster().map(p -> {
            Duration sum = cpu(p);
            for (ProcessHandle child : p.descendants().toList()) {
                sum = sum.plus(cpu(child));
            }
            return sum;
        }).orElse(Duration.ZERO), cpu(ProcessHandle.current()));
    }

    /** The embedded server is started through pg_ctl, so it is not the node's child: find it by its data folder. */
    private Optional<ProcessHandle> postmaster() {
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String line = commandLine(p.pid());
            if (line.contains("postgres") && line.contains(databaseFolder) && !line.contains("pg_ctl")) {
                found.add(p);
            }
        });
        return found.stream().filter(p -> p.parent().map(parent -> !found.contains(parent)).orElse(true)).findFirst();
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private static Duration cpu(ProcessHandle p) {
        return p.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Milliseconds of CPU per operation, e.g. "4.1". */
    static String perOperation(Duration cpu, long operations) {
        return Stats.ms(cpu.toNanos() / 1e6 / Math.max(operations, 1));
    }
}
