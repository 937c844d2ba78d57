package dev.ferry.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.http.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Every test makes pooled Netty buffers, as a Reactor Netty server hands them out, and checks each is released once. */
class DataBuffersTest {
    private final NettyDataBufferFactory factory = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);
    private final List<ByteBuf> made = new ArrayList<>();

    @AfterEach
    void everyBufferReleasedExactlyOnce() {
        // A second release would have thrown IllegalReferenceCountException where it happened.
        assertThat(made).allSatisfy(buf -> assertThat(buf.refCnt()).as("reference count of %s", buf).isZero());
    }

    private DataBuffer buffer(String text) {
        NettyDataBuffer buffer = factory.wrap(PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(text.getBytes(StandardCharsets.UTF_8)));
        made.add(buffer.getNativeBuffer());
        return buffer;
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }

    @Test
    void copyingConsumerGetsTheBuffersOwnMemoryAndEachIsReleasedOnlyAfterItWasDelivered() {
        Flux<DataBuffer> source = Flux.just(buffer("first"), buffer("second"), buffer("third"));

        StepVerifier.create(DataBuffers.toCopyingConsumer(source), 0)
                .thenRequest(1)
                .assertNext(view -> {
                    assertThat(view.isDirect()).as("a view of the pooled buffer, not a heap copy").isTrue();
                    assertThat(text(view)).isEqualTo("first");
                    assertThat(made.get(0).refCnt()).as("released while its bytes are being consumed").isEqualTo(1);
                })
                .then(() -> assertThat(made.get(0).refCnt()).as("the consumer has not asked for more yet").isEqualTo(1))
                .thenRequest(1)
                .assertNext(view -> {
                    assertThat(text(view)).isEqualTo("second");
                    assertThat(made.get(0).refCnt()).as("the first, once the consumer moved on").isZero();
                    assertThat(made.get(1).refCnt()).isEqualTo(1);
                })
                .thenRequest(1)
                .assertNext(view -> assertThat(text(view)).isEqualTo("third"))
                .thenRequest(1)
                .verifyComplete();
    }

    @Test
    void endOfStreamWaitsUntilTheConsumerIsDoneWithTheLastBuffer() {
        Flux<DataBuffer> source = Flux.just(buffer("only"));

        StepVerifier.create(DataBuffers.toCopyingConsumer(source), 1)
                .assertNext(view -> assertThat(text(view)).isEqualTo("only"))
                .expectNoEvent(java.time.Duration.ofMillis(100))
                .then(() -> assertThat(made.get(0).refCnt()).as("still the consumer's to copy").isEqualTo(1))
                .thenRequest(1)
                .then(() -> assertThat(made.get(0).refCnt()).isZero())
                .verifyComplete();
    }

    @Test
    void copyingConsumerThatCancelsReleasesWhatItWasGiven() {
        Flux<DataBuffer> source = Flux.just(buffer("a"), buffer("b"), buffer("c"), buffer("d"));

        StepVerifier.create(DataBuffers.toCopyingConsumer(source), 1)
                .assertNext(view -> assertThat(text(view)).isEqualTo("a"))
                .thenCancel()
                .verify();

        assertThat(made.get(0).refCnt()).as("the delivered buffer").isZero();
        // Flux.just never emitted the other three, so they are still the source's (a Reactor Netty
        // inbound releases what it queued when cancelled); the test stands in for it.
        assertThat(made.subList(1, 4)).allSatisfy(buf -> assertThat(buf.refCnt()).isEqualTo(1));
        made.subList(1, 4).forEach(ByteBuf::release);
    }

    @Test
    void copyingConsumerReleasesBuffersWhenTheSourceFails() {
        Flux<DataBuffer> source = Flux.concat(Flux.just(buffer("ok")), Flux.error(new IllegalStateException("client went away")));

        StepVerifier.create(DataBuffers.toCopyingConsumer(source))
                .assertNext(view -> assertThat(text(view)).isEqualTo("ok"))
                .thenRequest(1)
                .verifyErrorMessage("client went away");
    }

    @Test
    void requestBodyCopiesEachBufferAndReleasesItAtOnce() {
        RequestBody body = DataBuffers.toRequestBody(Flux.just(buffer("hello "), buffer("world")), 11);

        assertThat(body.contentLength()).isEqualTo(11);
        assertThat(body.isReplayable()).isFalse();
        StepVerifier.create(body.content(), 1)
                .assertNext(copy -> {
                    assertThat(copy.isDirect()).as("a heap copy Ferry may keep").isFalse();
                    assertThat(text(copy)).isEqualTo("hello ");
                    assertThat(made.get(0).refCnt()).as("released as soon as it was copied").isZero();
                })
                .thenRequest(1)
                .assertNext(copy -> assertThat(text(copy)).isEqualTo("world"))
                .verifyComplete();
    }

    @Test
    void requestBodyOfUnknownLengthSaysSo() {
        RequestBody body = DataBuffers.toRequestBody(Flux.just(buffer("x")), RequestBody.UNKNOWN_LENGTH);

        assertThat(body.hasKnownLength()).isFalse();
        StepVerifier.create(body.content()).expectNextCount(1).verifyComplete();
    }

    @Test
    void responseBuffersAreWrappedWithoutACopy() {
        ByteBuffer received = ByteBuffer.wrap("from S3".getBytes(StandardCharsets.UTF_8));

        StepVerifier.create(DataBuffers.fromByteBuffers(Flux.just(received), DefaultDataBufferFactory.sharedInstance))
                .assertNext(buffer -> {
                    received.put(0, (byte) 'F');
                    assertThat(buffer.toString(StandardCharsets.UTF_8)).as("shares the response buffer's memory").isEqualTo("From S3");
                })
                .verifyComplete();
    }
}
