package dev.ferry.s3.transfer;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link S3Transfers} cuts objects into parts and how many it moves at once, with every default
 * in one place.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><td>partSize</td><td>8 MiB</td><td>bytes per uploaded part and per downloaded range; 5 MiB to 5 GiB.
 *       Raised automatically for a file so that it needs at most 10,000 parts</td></tr>
 *   <tr><td>multipartThreshold</td><td>8 MiB</td><td>objects of at least this size are uploaded in parts,
 *       smaller ones with one PutObject; 1 byte to 5 GiB</td></tr>
 *   <tr><td>partsInFlight</td><td>4</td><td>parts uploaded, or ranges downloaded, at the same time</td></tr>
 *   <tr><td>progressInterval</td><td>100 ms</td><td>least time between two progress events (the last one is always sent)</td></tr>
 * </table>
 *
 * <p><b>Memory.</b> An upload from a stream or publisher of unknown length holds at most
 * {@code partSize x (partsInFlight + 1)} bytes of data (40 MiB with the defaults): that many part
 * buffers, reused from part to part, plus the one buffer the source is filling. Uploads from a file
 * and downloads hold no part in memory: they read and write the file in small chunks.
 *
 * <p><b>Largest object.</b> A multipart upload has at most 10,000 parts. For a file the part size
 * is raised to fit; a stream of unknown length can reach {@link #maxStreamSize()} (about 78 GiB
 * with 8 MiB parts) and fails, its upload aborted, when it goes beyond that. Raise {@code partSize}
 * for larger streams.
 *
 * <p><b>Integrity.</b> Parts are sent as the client sends any body, under its
 * {@link dev.ferry.s3.UploadIntegrity} and checksum algorithm: by default parts in memory carry their
 * SHA-256 in the signature and file parts are signed chunk by chunk; a client in
 * {@code PLAIN_BODY} mode adds Content-MD5 to every part (what S3 Object Lock asks for), and a
 * client checksum algorithm gives every part its {@code x-amz-checksum-*}, which Complete repeats.
 *
 * @param partSize bytes per part (upload) and per range (download)
 * @param multipartThreshold size from which an upload goes in parts
 * @param partsInFlight parts or ranges transferred at once
 * @param progressInterval least time between two progress events; zero reports every change
 */
public record TransferConfig(long partSize, long multipartThreshold, int partsInFlight, Duration progressInterval) {
    public static final long MIB = 1024L * 1024;
    /** S3's smallest part, except the last. */
    public static final long MIN_PART_SIZE = 5 * MIB;
    /** S3's largest part, and its largest single PutObject. */
    public static final long MAX_PART_SIZE = 5L * 1024 * MIB;
    /** S3's most parts in one upload. */
    public static final int MAX_PARTS = 10_000;

    private static final TransferConfig DEFAULTS = builder().build();

    public TransferConfig {
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be 5 MiB..5 GiB (S3's limits for a part), was " + partSize);
        }
        if (multipartThreshold < 1 || multipartThreshold > MAX_PART_SIZE) {
            throw new IllegalArgumentException("multipartThreshold must be 1 byte..5 GiB (the largest single PutObject), was "
                    + multipartThreshold);
        }
        if (partsInFlight < 1) {
            throw new IllegalArgumentException("partsInFlight must be >= 1, was " + partsInFlight);
        }
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("progressInterval must not be negative, was " + progressInterval);
        }
    }

    /** 8 MiB parts, multipart from 8 MiB, 4 parts in flight, progress at most every 100 ms. */
    public static TransferConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The largest stream of unknown length this configuration can upload: 10,000 parts of
     * {@code partSize}. A Path is not limited by it (its part size is raised to fit).
     */
    public long maxStreamSize() {
        return partSize * MAX_PARTS;
    }

    /** The most bytes of data an upload of unknown length holds in memory at once. */
    public long maxBufferedBytes() {
        return partSize * (partsInFlight + 1L);
    }

    /** Collects settings; every one not set keeps its default. */
    public static final class Builder {
        private long partSize = 8 * MIB;
        private long multipartThreshold = 8 * MIB;
        private int partsInFlight = 4;
        private Duration progressInterval = Duration.ofMillis(100);

        private Builder() {
        }

        private Builder(TransferConfig c) {
            partSize = c.partSize;
            multipartThreshold = c.multipartThreshold;
            partsInFlight = c.partsInFlight;
            progressInterval = c.progressInterval;
        }

        public Builder partSize(long bytes) {
            this.partSize = bytes;
            return this;
        }

        public Builder multipartThreshold(long bytes) {
            this.multipartThreshold = bytes;
            return this;
        }

        public Builder partsInFlight(int parts) {
            this.partsInFlight = parts;
            return this;
        }

        public Builder progressInterval(Duration interval) {
            this.progressInterval = interval;
            return this;
        }

        public TransferConfig build() {
            return new TransferConfig(partSize, multipartThreshold, partsInFlight, progressInterval);
        }
    }
}
