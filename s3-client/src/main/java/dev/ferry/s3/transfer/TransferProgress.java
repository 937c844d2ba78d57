package dev.ferry.s3.transfer;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How far a transfer has got, for a progress bar or a log line. Events of one transfer arrive one at
 * a time, in order, never going backwards; the last one has {@link #isDone()} true and arrives
 * before the transfer's result.
 *
 * <pre>{@code
 * UploadRequest.builder("bucket", "backup.tar").progress(p -> bar.update(p.fraction().orElse(0)))
 * }</pre>
 *
 * @param bytesTransferred bytes the server has confirmed (upload: parts it stored; download: bytes
 *     written to the file, including those resumed from an earlier attempt)
 * @param totalBytes the object's size, or {@link #UNKNOWN} while an upload of unknown length is
 *     still reading its source
 * @param partsDone parts uploaded or ranges downloaded (a single PutObject counts as one part)
 * @param totalParts parts or ranges in all, or {@link #UNKNOWN} while not yet known
 * @param elapsed time since the transfer started
 * @param done whether the transfer has finished successfully: the last event
 */
public record TransferProgress(long bytesTransferred, long totalBytes, int partsDone, int totalParts, Duration elapsed,
                               boolean done) {
    public static final int UNKNOWN = -1;

    /** The share done, 0 to 1, when the total is known. */
    public OptionalDouble fraction() {
        if (totalBytes < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(totalBytes == 0 ? (done ? 1 : 0) : (double) bytesTransferred / totalBytes);
    }

    /** Average rate since the start, in bytes per second. */
    public double bytesPerSecond() {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : bytesTransferred * 1e9 / nanos;
    }

    public boolean isDone() {
        return done;
    }

    @Override
    public String toString() {
        return "TransferProgress[" + bytesTransferred + "/" + (totalBytes < 0 ? "?" : totalBytes) + " bytes, "
                + partsDone + "/" + (totalParts < 0 ? "?" : totalParts) + " parts, " + elapsed.toMillis() + " ms"
                + (done ? ", done" : "") + "]";
    }
}
