package dev.ferry.samples.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The objects of this run that exist now: what gets and heads read, what deletes remove, what
 * {@code --verify} rechecks and cleanup deletes. Two primitive arrays (number, size), so millions
 * of objects cost 16 bytes each.
 *
 * <p>An object being read is never handed to a delete, so a mix of reads and deletes measures the
 * store, not the harness racing itself into 404s. The lock is held for a few array operations;
 * nothing waits under it.
 */
final class ObjectPool {
    /** An object by its number and size. */
    record Entry(long index, long size) {
    }

    private long[] indices = new long[1024];
    private long[] sizes = new long[1024];
    private int count;
    /** Objects being read, by number: how many reads each has in flight. */
    private final Map<Long, Integer> reading = new HashMap<>();
    /** Objects that may exist though the run lost track (a put or delete failed): cleanup tries them. */
    private long[] uncertain = new long[64];
    private int uncertainCount;

    synchronized void add(long index, long size) {
        if (count == indices.length) {
            indices = Arrays.copyOf(indices, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        indices[count] = index;
        sizes[count] = size;
        count++;
    }

    /** A random existing object, held until {@link #release}; null when there is none. */
    synchronized @Nullable Entry borrow() {
        if (count == 0) {
            return null;
        }
        int slot = ThreadLocalRandom.current().nextInt(count);
        reading.merge(indices[slot], 1, Integer::sum);
        return new Entry(indices[slot], sizes[slot]);
    }

    synchronized void release(Entry entry) {
        reading.computeIfPresent(entry.index(), (k, n) -> n == 1 ? null : n - 1);
    }

    /** Removes and returns a random object nobody is reading; null when there is none. */
    synchronized @Nullable Entry take() {
        if (count == 0) {
            return null;
        }
        int start = ThreadLocalRandom.current().nextInt(count);
        for (int i = 0; i < count; i++) {
            int slot = (start + i) % count;
            if (!reading.containsKey(indices[slot])) {
                Entry entry = new Entry(indices[slot], sizes[slot]);
                count--;
                indices[slot] = indices[count];
                sizes[slot] = sizes[count];
                return entry;
            }
        }
        return null;
    }

    /** An object whose write or delete failed: it may or may not exist. */
    synchronized void addUncertain(long index) {
        if (uncertainCount == uncertain.length) {
            uncertain = Arrays.copyOf(uncertain, uncertainCount * 2);
        }
        uncertain[uncertainCount++] = index;
    }

    synchronized int size() {
        return count;
    }

    synchronized Entry[] snapshot() {
        Entry[] out = new Entry[count];
        for (int i = 0; i < count; i++) {
            out[i] = new Entry(indices[i], sizes[i]);
        }
        return out;
    }

    /** Every object number cleanup should delete: those known to exist and those that may. */
    synchronized long[] everything() {
        long[] out = Arrays.copyOf(indices, count + uncertainCount);
        System.arraycopy(uncertain, 0, out, count, uncertainCount);
        return out;
    }
}
