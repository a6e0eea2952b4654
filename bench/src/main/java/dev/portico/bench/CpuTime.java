package dev.portico.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM (Portico, the bare endpoints and the load generator) and by the PostgreSQL server (the
 * postmaster and its backends, read from {@code /proc}), so a load run can say how much CPU one request costs. That is
 * steadier than throughput on a shared machine: other work steals CPU, but what a request needs stays about the same.
 */
final class CpuTime {

    /** Linux reports process times in USER_HZ ticks, 100 per second. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final OptionalLong postmaster;

    /** {@code postgresData}: the server's data folder, whose {@code postmaster.pid} names the server. */
    CpuTime(Path postgresData) {
        OptionalLong pid;
        try (Stream<String> lines = Files.lines(postgresData.resolve("postmaster.pid"))) {
            pid = lines.findFirst().map(line -> OptionalLong.of(Long.parseLong(line.strip()))).orElse(OptionalLong.empty());
        } catch (IOException | NumberFormatException e) {
            pid = OptionalLong.empty();
        }
        this.postmaster = pid;
    }

    /** CPU nanoseconds used so far; PostgreSQL's is -1 where {@code /proc} cannot tell (not Linux). */
    record Sample(long jvm, long postgres) {

        Sample since(Sample earlier) {
            return new Sample(jvm - earlier.jvm, postgres < 0 || earlier.postgres < 0 ? -1 : postgres - earlier.postgres);
        }
    }

    Sample now() {
        return new Sample(os.getProcessCpuTime(), postgres());
    }

    /** The postmaster's own time and its finished children's, plus every live backend's. */
    private long postgres() {
        if (postmaster.isEmpty() || !Files.isDirectory(Path.of("/proc"))) {
            return -1;
        }
        long pid = postmaster.getAsLong();
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String[] fields = stat(process);
                if (fields.length < 15) {
                    continue;
                }
                // After the command's closing parenthesis: state, ppid, ..., utime (11), stime, cutime, cstime.
                long self = Long.parseLong(process.getFileName().toString());
                long parent = Long.parseLong(fields[1]);
                if (self == pid) {
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                } else if (parent == pid) {
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name, or none if the process has gone. */
    private static String[] stat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return new String[0];
        }
    }
}
