package dev.ferry.testkit.guard;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects the leaks Netty reports. Leaks are found when a forgotten buffer is garbage-collected,
 * so {@link #collect()} runs the collector and then allocates, which is when Netty polls for them.
 */
public final class LeakGuard {
    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();

    private LeakGuard() {
    }

    static void record(String report) {
        LEAKS.add(report);
    }

    /** Whether the failing detector is in place (the build sets it up; an IDE run may not). */
    public static boolean isInstalled() {
        return ResourceLeakDetectorFactory.instance().newResourceLeakDetector(ByteBuf.class) instanceof FailingLeakDetector
                && ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID;
    }

    /** Runs the garbage collector, lets Netty report what it finds, and returns (and forgets) every leak reported so far. */
    public static List<String> collect() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            System.runFinalization();
            // Each tracked allocation polls the detector's reference queue and reports what it holds.
            for (int i = 0; i < 8; i++) {
                PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
                PooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
                UnpooledByteBufAllocator.DEFAULT.directBuffer(1).release();
                UnpooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
            }
        }
        List<String> found = new ArrayList<>();
        String leak;
        while ((leak = LEAKS.poll()) != null) {
            found.add(leak);
        }
        return found;
    }
}
