package dev.ferry.s3.transfer.internal;

import dev.ferry.core.FerryException;
import dev.ferry.core.http.RequestBody;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Cuts a publisher of buffers of any sizes into parts of exactly {@code partSize} bytes (the last
 * one shorter), copied into at most {@code maxBuffers} arrays that go back into use as soon as the
 * server has stored their part.
 *
 * <p>Memory is bounded by the arrays: the source is asked for one buffer at a time, and only while
 * an array has room for it, so besides the arrays at most one of the source's buffers is held. A
 * part is sealed only when the next byte or the end of the source arrives, so every part knows
 * whether it is the last, and a source that ends within the first part can be sent in one PUT.
 *
 * <p>Everything the splitter does runs as tasks on one worker of the bounded elastic scheduler, in
 * order: no locks, and the source is always asked for more from a thread that may block, so a
 * source that reads a file or a socket synchronously never blocks an event loop. The first array
 * starts small and grows, so a tiny stream does not cost a whole part of memory.
 *
 * <p>A task that fails ends the upload with that failure: the worker's thread would only log it,
 * and the upload would wait forever for a part that never comes. One failure is survived instead:
 * a heap that has no room for another array (a part is one large array, which a nearly full or
 * fragmented heap may not fit) leaves the upload with the arrays it has, fewer parts in flight.
 */
final class PartSplitter implements CoreSubscriber<ByteBuffer> {
    private static final int FIRST_BUFFER = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(PartSplitter.class);

    private final FluxSink<UploadPart> sink;
    private final Scheduler.Worker worker;
    private final int partSize;
    private final int maxParts;
    private final IntFunction<byte[]> allocator;
    private volatile @Nullable Subscription upstream;

    // Confined to the worker.
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private final ArrayDeque<UploadPart> ready = new ArrayDeque<>();
    private int allocated;
    /** The most arrays: as asked, or fewer once the heap had no room for another. */
    private int maxBuffers;
    private byte @Nullable [] filling;
    private int filled;
    private @Nullable ByteBuffer pending;
    private boolean requested;
    private boolean upstreamDone;
    private @Nullable Throwable upstreamError;
    private int sealedParts;
    private long sealedBytes;
    private boolean lastSealed;
    private boolean finished;

    private PartSplitter(FluxSink<UploadPart> sink, int partSize, int maxBuffers, int maxParts, IntFunction<byte[]> allocator) {
        this.sink = sink;
        this.worker = Schedulers.boundedElastic().createWorker();
        this.partSize = partSize;
        this.maxBuffers = maxBuffers;
        this.maxParts = maxParts;
        this.allocator = allocator;
    }

    /**
     * The parts of {@code source}. More than {@code maxParts} parts fail the flux with a message
     * naming the part size to raise.
     */
    static Flux<UploadPart> split(Publisher<ByteBuffer> source, int partSize, int maxBuffers, int maxParts) {
        return split(source, partSize, maxBuffers, maxParts, byte[]::new);
    }

    /** As {@link #split(Publisher, int, int, int)}, its arrays made by {@code allocator} (tests make it fail). */
    static Flux<UploadPart> split(Publisher<ByteBuffer> source, int partSize, int maxBuffers, int maxParts,
                                  IntFunction<byte[]> allocator) {
        if (partSize < 1 || maxBuffers < 1 || maxParts < 1) {
            throw new IllegalArgumentException("partSize, maxBuffers and maxParts must be positive");
        }
        return Flux.create(sink -> {
            PartSplitter splitter = new PartSplitter(sink, partSize, maxBuffers, maxParts, allocator);
            sink.onRequest(n -> splitter.schedule(splitter::drain));
            sink.onCancel(() -> splitter.schedule(splitter::cancel));
            source.subscribe(splitter);
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    @Override
    public void onSubscribe(Subscription s) {
        upstream = s;
        schedule(this::drain);
    }

    @Override
    public void onNext(ByteBuffer buffer) {
        schedule(() -> {
            requested = false;
            pending = buffer;
            drain();
        });
    }

    @Override
    public void onError(Throwable error) {
        schedule(() -> {
            requested = false;
            upstreamDone = true;
            upstreamError = error;
            drain();
        });
    }

    @Override
    public void onComplete() {
        schedule(() -> {
            requested = false;
            upstreamDone = true;
            drain();
        });
    }

    private void schedule(Runnable task) {
        try {
            worker.schedule(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    if (!finished) {
                        finish(t instanceof OutOfMemoryError ? outOfMemory(t) : t, true);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // The splitter has finished and let its worker go: nothing is left to do.
        }
    }

    private void drain() {
        if (finished) {
            return;
        }
        if (upstreamError != null) {
            finish(upstreamError, false);
            return;
        }
        while (pending != null) {
            if (filling != null && filled == partSize && !seal(false)) {
                return;
            }
            if (filling == null) {
                filling = takeBuffer();
                if (filling == null) {
                    break;   // every array is in use: wait for a part to be stored
                }
                filled = 0;
            }
            copy(pending);
            if (!pending.hasRemaining()) {
                pending = null;
            }
        }
        if (pending == null && upstreamDone && !lastSealed) {
            if (filling == null) {
                filling = takeBuffer();
                filled = 0;
            }
            if (filling != null && !seal(true)) {
                return;
            }
        }
        while (!ready.isEmpty() && sink.requestedFromDownstream() > 0) {
            sink.next(ready.poll());
        }
        if (lastSealed && ready.isEmpty()) {
            finished = true;
            sink.complete();
            worker.dispose();
            return;
        }
        Subscription s = upstream;
        if (pending == null && !upstreamDone && !requested && s != null) {
            requested = true;
            s.request(1);
        }
    }

    private FerryException outOfMemory(Throwable error) {
        return new FerryException("the heap has no room for a part buffer of " + partSize + " bytes (" + error
                + "); give the JVM more heap, or lower TransferConfig.partSize or partsInFlight", error);
    }

    private void copy(ByteBuffer from) {
        byte[] to = filling;
        if (filled == to.length && to.length < partSize) {
            byte[] grown = allocator.apply((int) Math.min(partSize, 2L * to.length));
            System.arraycopy(to, 0, grown, 0, filled);
            to = grown;
            filling = to;
        }
        int n = Math.min(from.remaining(), to.length - filled);
        from.get(to, filled, n);
        filled += n;
    }

    private byte @Nullable [] takeBuffer() {
        byte[] buffer = free.poll();
        if (buffer != null || allocated >= maxBuffers) {
            return buffer;
        }
        try {
            // The first array grows as data comes; the others are only needed once a part is full.
            buffer = allocator.apply(allocated == 0 ? Math.min(partSize, FIRST_BUFFER) : partSize);
        } catch (OutOfMemoryError e) {
            if (allocated == 0) {
                throw e;
            }
            // The arrays there are all belong to parts on their way and come back as each is
            // stored: going on with them is slower, failing would lose the upload.
            maxBuffers = allocated;
            log.warn("the heap has no room for another part buffer of {} bytes ({}): this upload goes on with the {} it has",
                    partSize, e.getMessage(), allocated);
            return null;
        }
        allocated++;
        return buffer;
    }

    private boolean seal(boolean last) {
        if (sealedParts == maxParts) {
            long limit = (long) maxParts * partSize;
            finish(new FerryException("the stream is larger than " + maxParts + " parts of " + partSize + " bytes ("
                    + limit + " bytes), the most one multipart upload can hold with this part size; raise"
                    + " TransferConfig.partSize for streams this large"), true);
            return false;
        }
        sealedParts++;
        ready.add(new FilledPart(this, sealedParts, sealedBytes, filling, filled, last));
        sealedBytes += filled;
        filling = null;
        filled = 0;
        lastSealed = last;
        return true;
    }

    /** Called on any thread once the server has stored a part: its array serves the next one. */
    void release(byte[] buffer) {
        schedule(() -> {
            if (!finished) {
                free.add(buffer);
                drain();
            }
        });
    }

    private void cancel() {
        if (!finished) {
            finish(null, true);
        }
    }

    private void finish(@Nullable Throwable error, boolean cancelUpstream) {
        finished = true;
        Subscription s = upstream;
        if (cancelUpstream && s != null) {
            s.cancel();
        }
        // Parts already handed out keep their arrays until their uploads end; the rest is dropped.
        ready.clear();
        free.clear();
        filling = null;
        pending = null;
        if (error != null) {
            sink.error(error);
        }
        worker.dispose();
    }

    /** A part held in one of the splitter's arrays. */
    private record FilledPart(PartSplitter owner, int number, long offset, byte[] array, int size, boolean isLast)
            implements UploadPart {
        @Override
        public long length() {
            return size;
        }

        @Override
        public RequestBody body() {
            return RequestBody.fromBytes(array, 0, size);
        }

        @Override
        public void stored() {
            owner.release(array);
        }

        @Override
        public String toString() {
            return "part " + number + " (" + size + " bytes at " + offset + (isLast ? ", last" : "") + ")";
        }
    }
}
