package org.candor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time of processes from {@code /proc/<pid>/stat}, in clock ticks (user + system), for benchmarks. */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /** What process {@code pid} has spent itself. */
    public static long ticks(long pid) {
        long[] stat = stat(pid);
        return stat[0] + stat[1];
    }

    /**
     * What a PostgreSQL server has spent: the postmaster, the backends it has already reaped (its children's
     * time) and the backends still running.
     */
    public static long postgresTicks(long postmasterPid) {
        long[] postmaster = stat(postmasterPid);
        long ticks = postmaster[0] + postmaster[1] + postmaster[2] + postmaster[3];
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.toList()) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    long[] child = stat(Long.parseLong(name));
                    if (child[4] == postmasterPid) {
                        ticks += child[0] + child[1];
                    }
                } catch (RuntimeException gone) {
                    // The process ended between listing and reading; the postmaster has its time once reaped.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    /** utime, stime, cutime, cstime and the parent's pid. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
                    Long.parseLong(fields[14]), Long.parseLong(fields[1])};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
