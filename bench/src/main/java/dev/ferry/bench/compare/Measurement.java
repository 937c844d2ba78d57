package dev.ferry.bench.compare;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * What this JVM spent between two points: CPU time of the whole process (every thread, the JIT's and
 * the collector's too), bytes allocated on the Java heap by its threads, and garbage collections.
 * Native memory (the CRT client's buffers) is not seen by the allocation count.
 */
final class Measurement {
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    final long nanos;
    final long cpuNanos;
    final Map<Long, Long> allocatedByThread;
    final long gcCount;
    final long gcMillis;
    /** CPU ticks of the server process, when its pid is known (same machine); -1 otherwise. */
    final long serverTicks;

    /** Busy CPU ticks of the whole machine (/proc/stat), to tell how much other processes took. */
    final long machineTicks;

    /** The server's pid, to read its CPU time from /proc around the measured window; 0 for none. */
    static volatile long serverPid;

    private Measurement(long nanos, long cpuNanos, Map<Long, Long> allocatedByThread, long gcCount, long gcMillis, long serverTicks) {
        this.serverTicks = serverTicks;
        this.machineTicks = machineTicks();
        this.nanos = nanos;
        this.cpuNanos = cpuNanos;
        this.allocatedByThread = allocatedByThread;
        this.gcCount = gcCount;
        this.gcMillis = gcMillis;
    }

    static Measurement now() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> alloc = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                alloc.put(ids[i], bytes[i]);
            }
        }
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new Measurement(System.nanoTime(), OS.getProcessCpuTime(), alloc, count, millis, serverTicks());
    }

    private static long machineTicks() {
        try {
            String cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            // user nice system idle iowait irq softirq steal
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long serverTicks() {
        long pid = serverPid;
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Bytes allocated since {@code start} by threads alive now (a thread that ended in between is lost). */
    long allocatedSince(Measurement start) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : allocatedByThread.entrySet()) {
            sum += e.getValue() - start.allocatedByThread.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    static {
        if (THREADS.isThreadAllocatedMemorySupported() && !THREADS.isThreadAllocatedMemoryEnabled()) {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
    }
}
