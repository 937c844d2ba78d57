package dev.ferry.samples.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.http.RequestBody;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Object content is a function of seed and object number, recheckable without having been kept. */
class ObjectDataTest {
    private static final ObjectData DATA = new ObjectData(12345);

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
        ObjectData again = new ObjectData(12345);
        ObjectData other = new ObjectData(54321);
        assertThat(again.slice(7, 0, 4096)).isEqualTo(DATA.slice(7, 0, 4096));
        assertThat(other.slice(7, 0, 4096)).isNotEqualTo(DATA.slice(7, 0, 4096));
        assertThat(DATA.slice(8, 0, 4096)).as("another object").isNotEqualTo(DATA.slice(7, 0, 4096));
    }

    @Test
    void slicesWrapAroundTheBlockSeamlessly() {
        // Whatever the object's offset, byte p of the object is the same whether read alone or within a larger slice.
        ByteBuffer whole = DATA.slice(3, 0, ObjectData.BLOCK);
        for (long p : new long[] {0, 1, ObjectData.BLOCK - 1 - DATA.offset(3), ObjectData.BLOCK - DATA.offset(3), ObjectData.BLOCK - 1}) {
            assertThat(DATA.slice(3, p, 1).get(0)).as("byte %d", p).isEqualTo(whole.get((int) p));
        }
        // Beyond one block the content repeats the block from the object's offset.
        assertThat(DATA.slice(3, ObjectData.BLOCK, 100)).isEqualTo(DATA.slice(3, 0, 100));
    }

    @Test
    void smallBodiesAreViewsOfTheBlockAndLargeOnesAReplayableStream() {
        RequestBody small = DATA.body(5, 0, 1000);
        assertThat(small.contentLength()).isEqualTo(1000);
        assertThat(small.isReplayable()).isTrue();

        long length = ObjectData.BLOCK + 12345L;
        RequestBody large = DATA.body(5, 100, length);
        assertThat(large.contentLength()).isEqualTo(length);
        assertThat(large.isReplayable()).isTrue();
        long[] position = {100};
        large.content().doOnNext(chunk -> {
            assertThat(DATA.mismatch(5, position[0], chunk)).isEqualTo(-1);
            position[0] += chunk.remaining();
        }).blockLast();
        assertThat(position[0]).isEqualTo(100 + length);
        assertThat(large.content().map(ByteBuffer::remaining).reduce(0L, (a, b) -> a + b).block()).as("again").isEqualTo(length);
    }

    @Test
    void mismatchFindsTheFirstDifferingByte() {
        ByteBuffer copy = ByteBuffer.allocate(5000);
        copy.put(DATA.slice(9, 1000, 5000)).flip();
        assertThat(DATA.mismatch(9, 1000, copy)).isEqualTo(-1);
        copy.put(4321, (byte) (copy.get(4321) ^ 1));
        assertThat(DATA.mismatch(9, 1000, copy)).isEqualTo(1000 + 4321);
        assertThat(copy.position()).as("the buffer read is left as it was").isZero();
        assertThat(DATA.mismatch(10, 1000, DATA.slice(9, 1000, 5000))).as("another object's bytes").isNotEqualTo(-1);
    }
}
