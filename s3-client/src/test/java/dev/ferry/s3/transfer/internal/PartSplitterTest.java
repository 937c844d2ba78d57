package dev.ferry.s3.transfer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.FerryException;
import dev.ferry.core.internal.body.BytesBody;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class PartSplitterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** The bytes as buffers of 1, 2, 3, ... bytes, each a fresh copy. */
    private static Flux<ByteBuffer> awkwardly(byte[] data) {
        List<ByteBuffer> pieces = new ArrayList<>();
        int size = 1;
        for (int i = 0; i < data.length; i += size, size = size % 997 + 1) {
            pieces.add(ByteBuffer.wrap(data, i, Math.min(size, data.length - i)).slice());
        }
        return Flux.fromIterable(pieces);
    }

    private static byte[] array(UploadPart part) {
        return ((BytesBody) part.body()).buffer().array();
    }

    private static byte[] bytes(UploadPart part) {
        ByteBuffer b = ((BytesBody) part.body()).buffer();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void cutsAStreamIntoPartsOfExactlyThePartSizeWithOnlyTheLastShorterAndMarked() {
        byte[] data = random(10_500);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        List<UploadPart> parts = new ArrayList<>();

        StepVerifier.create(PartSplitter.split(awkwardly(data), 1000, 3, 100).doOnNext(p -> {
                    parts.add(p);
                    joined.writeBytes(bytes(p));
                    p.stored();
                }))
                .expectNextCount(11)
                .expectComplete()
                .verify(WAIT);

        assertThat(joined.toByteArray()).isEqualTo(data);
        assertThat(parts).extracting(UploadPart::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(parts).extracting(UploadPart::length).containsExactly(1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L,
                1000L, 1000L, 1000L, 500L);
        assertThat(parts).extracting(UploadPart::offset).startsWith(0L, 1000L, 2000L).endsWith(10_000L);
        assertThat(parts).filteredOn(UploadPart::isLast).extracting(UploadPart::number).containsExactly(11);
    }

    @Test
    void aStreamEndingOnAPartBoundaryHasNoEmptyPartAfterIt() {
        StepVerifier.create(PartSplitter.split(Flux.just(ByteBuffer.wrap(random(2000))), 1000, 2, 100).doOnNext(UploadPart::stored))
                .assertNext(p -> assertThat(p.isLast()).isFalse())
                .assertNext(p -> assertThat(p.length()).isEqualTo(1000))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void anEmptyStreamIsOneEmptyLastPart() {
        StepVerifier.create(PartSplitter.split(Flux.<ByteBuffer>empty(), 1000, 2, 100))
                .assertNext(p -> {
                    assertThat(p.length()).isZero();
                    assertThat(p.isLast()).isTrue();
                })
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void neverReadsMoreOfTheSourceThanItsArraysHoldPlusOneBuffer() throws InterruptedException {
        AtomicLong produced = new AtomicLong();
        Flux<ByteBuffer> endless = Flux.generate(sink -> sink.next(ByteBuffer.allocate(100)));
        List<UploadPart> held = Collections.synchronizedList(new ArrayList<>());

        var subscription = PartSplitter.split(endless.doOnNext(b -> produced.addAndGet(b.remaining())), 1000, 3, 100)
                .subscribe(held::add);   // asks for everything, stores nothing
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (held.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(200);   // room for a wrong splitter to read on

        assertThat(held).hasSize(3);
        assertThat(produced.get()).isEqualTo(3 * 1000 + 100);

        held.get(0).stored();   // one array free again: exactly one more part's worth is read
        while (held.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(200);
        assertThat(held).hasSize(4);
        assertThat(produced.get()).isEqualTo(4 * 1000 + 100);
        subscription.dispose();
    }

    @Test
    void reusesItsArraysFromPartToPartAndStartsTheFirstSmall() {
        Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());

        StepVerifier.create(PartSplitter.split(Flux.range(0, 200).map(i -> ByteBuffer.allocate(1000)), 70_000, 2, 100)
                        .doOnNext(p -> {
                            arrays.add(array(p));
                            p.stored();
                        }))
                .expectNextCount(3)
                .expectComplete()
                .verify(WAIT);
        assertThat(arrays).hasSizeLessThanOrEqualTo(2);

        StepVerifier.create(PartSplitter.split(Flux.just(ByteBuffer.allocate(10)), 8 << 20, 5, 100))
                .assertNext(p -> assertThat(array(p).length).as("a tiny stream costs no 8 MiB array").isLessThan(1 << 20))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aStreamBeyondTheMostPartsFailsNamingThePartSizeAndStopsTheSource() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Flux<ByteBuffer> source = Flux.range(0, 1000).map(i -> ByteBuffer.allocate(50)).doOnCancel(() -> cancelled.set(true));

        StepVerifier.create(PartSplitter.split(source, 100, 5, 3).doOnNext(UploadPart::stored))
                .expectNextCount(3)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(FerryException.class)
                        .hasMessageContaining("larger than 3 parts of 100 bytes").hasMessageContaining("TransferConfig.partSize"))
                .verify(WAIT);
        assertThat(cancelled).isTrue();
    }

    @Test
    void aFailingSourceFailsTheParts() {
        Flux<ByteBuffer> source = Flux.just(ByteBuffer.allocate(150)).concatWith(Flux.error(new IllegalStateException("boom")));

        StepVerifier.create(PartSplitter.split(source, 100, 2, 10).doOnNext(UploadPart::stored))
                .expectNextCount(1)
                .expectErrorMessage("boom")
                .verify(WAIT);
    }

    @Test
    void cancellingThePartsCancelsTheSource() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Flux<ByteBuffer> endless = Flux.<ByteBuffer>generate(sink -> sink.next(ByteBuffer.allocate(100))).doOnCancel(() -> cancelled.set(true));

        StepVerifier.create(PartSplitter.split(endless, 1000, 2, 100))
                .expectNextCount(1)
                .thenCancel()
                .verify(WAIT);

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!cancelled.get() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(cancelled).isTrue();
    }

    @Test
    void aHeapWithNoRoomForAnotherArrayLeavesTheUploadWithTheArraysItHas() {
        byte[] data = random(10_000);
        AtomicLong made = new AtomicLong();
        Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        // Room for two arrays of the four asked for.
        IntFunction<byte[]> tightHeap = size -> {
            if (made.incrementAndGet() > 2) {
                throw new OutOfMemoryError("Java heap space");
            }
            return new byte[size];
        };

        StepVerifier.create(PartSplitter.split(awkwardly(data), 1000, 4, 100, tightHeap).doOnNext(p -> {
                    arrays.add(array(p));
                    joined.writeBytes(bytes(p));
                    p.stored();
                }))
                .expectNextCount(10)
                .expectComplete()
                .verify(WAIT);

        assertThat(joined.toByteArray()).as("every byte, in order").isEqualTo(data);
        assertThat(arrays).as("the two arrays there was room for, reused").hasSize(2);
    }

    @Test
    void aHeapWithNoRoomForTheFirstArrayFailsTheUploadSayingWhatToChange() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Flux<ByteBuffer> source = Flux.just(ByteBuffer.allocate(100)).doOnCancel(() -> cancelled.set(true));
        IntFunction<byte[]> noHeap = size -> {
            throw new OutOfMemoryError("Java heap space");
        };

        StepVerifier.create(PartSplitter.split(source, 1000, 2, 100, noHeap))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(FerryException.class)
                        .hasMessageContaining("no room for a part buffer of 1000 bytes")
                        .hasMessageContaining("TransferConfig.partSize"))
                .verify(WAIT);
        assertThat(cancelled).as("the source is told to stop").isTrue();
    }
}
