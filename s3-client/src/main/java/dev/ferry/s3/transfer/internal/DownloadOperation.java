package dev.ferry.s3.transfer.internal;

import dev.ferry.core.TransportException;
import dev.ferry.core.http.ResponseBody;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.S3Exception;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.HeadObjectRequest;
import dev.ferry.s3.model.ObjectMetadata;
import dev.ferry.s3.transfer.DownloadRequest;
import dev.ferry.s3.transfer.DownloadResult;
import dev.ferry.s3.transfer.TransferConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One download: HeadObject, then the missing ranges fetched {@code partsInFlight} at a time with
 * {@code If-Match} on the ETag, each written at its offset into {@code <file>.ferry-part}, which
 * becomes the file once every range is in. File I/O runs on the bounded elastic scheduler; the event
 * loops only hand over the bytes they read.
 */
final class DownloadOperation {
    static final String PART_SUFFIX = ".ferry-part";
    static final String STATE_SUFFIX = ".ferry-part.state";
    /** Response buffers queued between the event loop and the file writer, per range. */
    private static final int WRITE_QUEUE = 4;
    /** How long a download waits for another in this JVM (usually one just cancelled) to let go of the file. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    private final S3Client s3;
    private final TransferConfig config;
    private final DownloadRequest request;
    private final Path target;
    private final Path partial;
    private final Path stateFile;
    private final ProgressReporter progress;
    private final AtomicLong downloaded = new AtomicLong();

    DownloadOperation(S3Client s3, TransferConfig config, DownloadRequest request, Path target, ProgressReporter progress) {
        this.s3 = s3;
        this.config = config;
        this.request = request;
        this.target = target.toAbsolutePath();
        this.partial = this.target.resolveSibling(this.target.getFileName() + PART_SUFFIX);
        this.stateFile = this.target.resolveSibling(this.target.getFileName() + STATE_SUFFIX);
        this.progress = progress;
    }

    Mono<DownloadResult> run() {
        return s3.headObject(new HeadObjectRequest(request.bucket(), request.key(), request.versionId()))
                .flatMap(head -> Mono.fromCallable(() -> prepare(head)).subscribeOn(Schedulers.boundedElastic()))
                .flatMap(this::fetch);
    }

    /** What the HEAD said, the ranges, and the partial file, locked against a second download to the same file. */
    private final class Job {
        final long size;
        final @Nullable String eTag;
        final @Nullable String versionId;
        final long rangeSize;
        final int rangeCount;
        final FileChannel lockChannel;
        final FileLock lock;
        final @Nullable DownloadState state;
        final Map<Integer, Integer> resumed;
        /** Closed before the file is let go, so that no write of this download lands after another has begun. */
        final WriteGate writes = new WriteGate();

        Job(ObjectMetadata head, FileChannel lockChannel, FileLock lock, @Nullable DownloadState state) {
            this.size = head.contentLength();
            this.eTag = head.eTag();
            this.versionId = head.versionId();
            this.rangeSize = config.partSize();
            this.rangeCount = (int) PartPlan.ceilDiv(size, rangeSize);
            this.lockChannel = lockChannel;
            this.lock = lock;
            this.state = state;
            this.resumed = state == null ? Map.of() : state.done();
        }

        long start(int index) {
            return index * rangeSize;
        }

        long length(int index) {
            return Math.min(rangeSize, size - start(index));
        }

        long resumedBytes() {
            return resumed.keySet().stream().mapToLong(this::length).sum();
        }
    }

    private Job prepare(ObjectMetadata head) throws IOException, InterruptedException {
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("cannot download s3://" + request.bucket() + "/" + request.key() + " to "
                    + target + ": it is a directory");
        }
        Files.createDirectories(target.getParent());
        long size = head.contentLength();
        String eTag = head.eTag();
        boolean resumable = request.resume() && eTag != null;
        FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = lock(channel);
            DownloadState state = resumable ? DownloadState.resume(stateFile, partial, size, eTag, config.partSize()) : null;
            if (state == null) {
                channel.truncate(0);
                Files.deleteIfExists(stateFile);
                if (resumable) {
                    state = DownloadState.create(stateFile, size, eTag, config.partSize());
                }
            }
            return new Job(head, channel, lock, state);
        } catch (IOException | RuntimeException | InterruptedException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Locks the partial file against a second download to the same target. One in another process
     * fails this one at once; one in this JVM may be a download just cancelled, which lets go as
     * soon as its last write has returned, so it is given a few seconds.
     */
    private FileLock lock(FileChannel channel) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw new IllegalStateException("another process is downloading to " + target + " (it holds " + partial
                            + "); wait for it to finish");
                }
                return lock;
            } catch (OverlappingFileLockException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("another download is writing " + partial + "; wait for it to finish");
                }
                Thread.sleep(10);
            }
        }
    }

    private Mono<DownloadResult> fetch(Job job) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < job.rangeCount; i++) {
            if (!job.resumed.containsKey(i)) {
                missing.add(i);
            }
        }
        progress.totals(job.size, job.rangeCount);
        progress.resumed(job.resumedBytes(), job.resumed.size());
        return Flux.fromIterable(missing)
                .flatMap(index -> fetchRange(job, index), config.partsInFlight(), 1)
                .then(Mono.fromCallable(() -> commit(job)).subscribeOn(Schedulers.boundedElastic()))
                .onErrorResume(error -> Mono.fromRunnable(() -> release(job, !request.resume() || isChange(error)))
                        .subscribeOn(Schedulers.boundedElastic())
                        .then(Mono.error(error)))
                .doOnCancel(() -> Mono.fromRunnable(() -> release(job, !request.resume()))
                        .subscribeOn(Schedulers.boundedElastic())
                        .subscribe(null, e -> { }))
                .flatMap(result -> progress.finish().thenReturn(result));
    }

    private Mono<Void> fetchRange(Job job, int index) {
        long start = job.start(index);
        long length = job.length(index);
        RangeProgress counted = new RangeProgress();
        GetObjectRequest get = GetObjectRequest.builder(request.bucket(), request.key())
                .versionId(request.versionId())
                .range(start, start + length - 1)
                .ifMatch(job.eTag)
                .build();
        return s3.getObject(get, (head, body) -> write(job, index, head, body, counted))
                .onErrorMap(S3Exception.class, e -> e.statusCode() == 412 ? changed(job, e) : e)
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(crc -> {
                    if (job.state != null) {
                        job.state.recordDone(index, crc);
                    }
                    progress.partDone();
                })
                .then();
    }

    /** Writes one attempt's body at the range's offset and returns the CRC32C of what it wrote. */
    private Mono<Integer> write(Job job, int index, ObjectMetadata head, ResponseBody body, RangeProgress counted) {
        long start = job.start(index);
        long length = job.length(index);
        RuntimeException problem = checkRange(job, head, start, length);
        if (problem != null) {
            return body.discard().then(Mono.error(problem));
        }
        return Mono.usingWhen(
                Mono.fromCallable(() -> FileChannel.open(partial, StandardOpenOption.WRITE)).subscribeOn(Schedulers.boundedElastic()),
                channel -> {
                    RangeWriter writer = new RangeWriter(job.writes, channel, start, length, counted);
                    return body.asFlux()
                            .publishOn(Schedulers.boundedElastic(), WRITE_QUEUE)
                            .doOnNext(writer::write)
                            .then(Mono.fromCallable(writer::finish));
                },
                channel -> Mono.fromRunnable(() -> closeQuietly(channel)).subscribeOn(Schedulers.boundedElastic()));
    }

    /** Why the answer is not the range asked for, or null when it is. */
    private @Nullable RuntimeException checkRange(Job job, ObjectMetadata head, long start, long length) {
        if (job.eTag != null && head.eTag() != null && !job.eTag.equals(head.eTag())) {
            // The server did not apply If-Match, or the object changed between its check and its answer.
            return changed(job, null);
        }
        String expected = "bytes " + start + "-" + (start + length - 1) + "/" + job.size;
        if (head.contentRange() == null) {
            // A 200 with the whole object is fine when the range was the whole object.
            return start == 0 && length == job.size && head.contentLength() == job.size ? null
                    : new IllegalStateException(describe() + ": the server ignored the Range header (its answer has no"
                            + " Content-Range), so the object cannot be downloaded in ranges");
        }
        return head.contentRange().equals(expected) ? null
                : new IllegalStateException(describe() + ": asked for " + expected + " but the server answered Content-Range "
                        + head.contentRange());
    }

    private DownloadResult commit(Job job) throws IOException {
        FileChannel channel = job.lockChannel;
        if (channel.size() != job.size) {
            channel.truncate(job.size);
        }
        if (channel.size() != job.size) {
            throw new IllegalStateException(describe() + ": " + partial + " holds " + channel.size() + " bytes, the object "
                    + job.size);
        }
        channel.force(true);
        job.lock.release();
        channel.close();
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(stateFile);
        return new DownloadResult(request.bucket(), request.key(), target, job.size, job.eTag == null ? "" : job.eTag,
                job.versionId, downloaded.get(), job.resumedBytes(), job.rangeCount);
    }

    /**
     * Lets the partial file go after a failure or a cancel, once the writes still running have
     * returned; deletes it and its state when they are of no further use.
     */
    private void release(Job job, boolean delete) {
        job.writes.closeAndAwait();
        closeQuietly(job.lockChannel);
        if (delete) {
            try {
                Files.deleteIfExists(partial);
                Files.deleteIfExists(stateFile);
            } catch (IOException e) {
                // Left behind; the next download of this object starts afresh over them.
            }
        }
    }

    private S3Exception changed(Job job, @Nullable S3Exception cause) {
        S3Exception e = new S3Exception(describe() + " stopped: the object changed after the download started (its ETag is no"
                + " longer " + job.eTag + "); download it again", 412, "PreconditionFailed",
                cause != null ? cause.serviceMessage() : null, cause != null ? cause.resource() : null,
                cause != null ? cause.requestId() : null, cause != null ? cause.hostId() : null, false, false, null);
        if (cause != null) {
            e.addSuppressed(cause);   // the server's own answer; S3Exception takes no cause
        }
        return e;
    }

    private static boolean isChange(Throwable error) {
        return error instanceof S3Exception e && e.statusCode() == 412;
    }

    private String describe() {
        return "download of s3://" + request.bucket() + "/" + request.key();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Only written through positional writes that have all returned; nothing is lost.
        }
    }

    /** Bytes of one range already reported as progress, across its attempts, so a retry never counts twice. */
    private final class RangeProgress {
        private long reported;

        void advanceTo(long written) {
            if (written > reported) {
                progress.bytes(written - reported);
                downloaded.addAndGet(written - reported);
                reported = written;
            }
        }
    }

    /** One attempt's writer: positional writes from the range's start, with a CRC32C of what was written. */
    private final class RangeWriter {
        private final WriteGate gate;
        private final FileChannel channel;
        private final long start;
        private final long length;
        private final RangeProgress counted;
        private final CRC32C crc = new CRC32C();
        private long written;

        RangeWriter(WriteGate gate, FileChannel channel, long start, long length, RangeProgress counted) {
            this.gate = gate;
            this.channel = channel;
            this.start = start;
            this.length = length;
            this.counted = counted;
        }

        void write(ByteBuffer buffer) {
            int n = buffer.remaining();
            if (written + n > length) {
                throw new IllegalStateException(describe() + ": the server sent more than the " + length
                        + " bytes of range " + start + "-" + (start + length - 1));
            }
            crc.update(buffer.duplicate());
            if (!gate.enter()) {
                throw new CancellationException(describe() + " has stopped");
            }
            try {
                long position = start + written;
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(describe() + ": writing " + partial + " failed", e);
            } finally {
                gate.exit();
            }
            written += n;
            counted.advanceTo(written);
        }

        int finish() {
            if (written != length) {
                // The pipeline retries this like any cut connection: a GET can be sent again.
                throw new TransportException(describe() + ": range " + start + "-" + (start + length - 1) + " ended after "
                        + written + " of " + length + " bytes", TransportException.Reason.CONNECTION_CLOSED, true, null);
            }
            return (int) crc.getValue();
        }
    }

    /** Lets writes in until it is closed; closing waits for those already in to return. */
    static final class WriteGate {
        private int active;
        private boolean closed;

        synchronized boolean enter() {
            if (closed) {
                return false;
            }
            active++;
            return true;
        }

        synchronized void exit() {
            if (--active == 0 && closed) {
                notifyAll();
            }
        }

        synchronized void closeAndAwait() {
            closed = true;
            boolean interrupted = false;
            while (active > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
