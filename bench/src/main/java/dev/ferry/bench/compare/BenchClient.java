package dev.ferry.bench.compare;

import java.util.List;

/**
 * One client under test, seen through the few operations the workloads need. Each operation is
 * asynchronous in the client's own native style and reports to a {@link Done} once, from whatever
 * thread the client completes on.
 */
interface BenchClient extends AutoCloseable {

    @FunctionalInterface
    interface Done<T> {
        void done(T value, Throwable error);
    }

    /** What this configuration sends for integrity, in words; the sink's capture shows the bytes. */
    String integrity();

    void createBucket(String bucket, Done<Void> done);

    void put(String bucket, String key, byte[] data, Done<Void> done);

    void createUpload(String bucket, String key, Done<String> done);

    /** Uploads one part; the value is whatever {@link #complete} needs of it (ETag, checksum). */
    void uploadPart(String bucket, String key, String uploadId, int partNumber, byte[] data, Done<Object> done);

    void complete(String bucket, String key, String uploadId, List<Object> parts, Done<Void> done);

    /** Reads the whole object into memory, as a byte array, and reports its length. */
    void get(String bucket, String key, Done<Integer> done);

    @Override
    void close();
}
