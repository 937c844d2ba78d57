package dev.ferry.core.internal.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

class FluxInputStreamTest {

    /**
     * The buffers arrive on a non-blocking thread (an event loop, in Ferry) while the reader takes
     * them: handing them over must never block that thread, even for a moment on a lock the reader
     * holds. BlockHound (installed for every test) turns such a block into an error; with a
     * lock-based queue this failed the body, or lost its end and hung the reader, against Ceph RGW.
     */
    @Test
    void buffersArrivingOnAnEventLoopNeverBlockItWhileTheReaderTakesThem() throws Exception {
        int count = 200_000;
        Flux<ByteBuffer> source = Flux.range(0, count)
                .map(i -> ByteBuffer.wrap(new byte[] {(byte) i.intValue()}))
                .subscribeOn(Schedulers.parallel())
                .publishOn(Schedulers.parallel(), 4);
        CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> {
            long total = 0;
            try (InputStream in = new FluxInputStream(source, 8)) {
                byte[] one = new byte[1];
                while (in.read(one, 0, 1) > 0) {
                    total++;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return total;
        });

        assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo(count);
    }

    @Test
    void readsEveryByteInOrder() throws Exception {
        Flux<ByteBuffer> source = Flux.range(0, 100).map(i -> ByteBuffer.wrap(new byte[] {(byte) i.intValue(), (byte) (i + 1)}));
        try (InputStream in = new FluxInputStream(source, 8)) {
            byte[] all = in.readAllBytes();
            assertThat(all).hasSize(200);
            assertThat(all[198]).isEqualTo((byte) 99);
        }
    }

    @Test
    void aFailedSourceFailsTheReadWithItsCause() {
        Flux<ByteBuffer> source = Flux.just(ByteBuffer.wrap(new byte[3])).concatWith(Flux.error(new IllegalStateException("boom")));
        InputStream in = new FluxInputStream(source, 8);

        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("boom");
    }

    @Test
    void closingEarlyCancelsTheSourceAndFurtherReadsFail() throws Exception {
        AtomicLong cancelled = new AtomicLong();
        Flux<ByteBuffer> endless = Flux.<ByteBuffer>generate(sink -> sink.next(ByteBuffer.wrap(new byte[10])))
                .doOnCancel(cancelled::incrementAndGet);
        InputStream in = new FluxInputStream(endless, 8);
        assertThat(in.readNBytes(25)).hasSize(25);

        in.close();

        assertThat(cancelled).hasValue(1);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void anInterruptedReaderStopsWaitingAndCancels() throws Exception {
        AtomicLong cancelled = new AtomicLong();
        Flux<ByteBuffer> silent = Flux.<ByteBuffer>never().doOnCancel(cancelled::incrementAndGet);
        InputStream in = new FluxInputStream(silent, 8);
        Thread.currentThread().interrupt();

        assertThatThrownBy(in::read).isInstanceOf(java.io.InterruptedIOException.class);
        assertThat(Thread.interrupted()).isTrue();
        assertThat(cancelled).hasValue(1);
    }
}
