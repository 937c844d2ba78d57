package dev.ferry.s3.transfer;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import reactor.core.publisher.Flux;

/**
 * Deterministic pseudo-random content: the same seed and size always give the same bytes, generated
 * as they are needed, so tests can send gigabytes and check them without holding them.
 */
final class TestData {
    private TestData() {
    }

    /** {@code size} bytes from {@code seed}, in buffers of {@code chunk} bytes (the last shorter). */
    static Flux<ByteBuffer> stream(long seed, long size, int chunk) {
        if (chunk % 8 != 0) {
            throw new IllegalArgumentException("chunks are whole 64-bit words; use unevenly() for odd sizes");
        }
        return Flux.generate(() -> new Generator(seed, size), (g, sink) -> {
            if (g.remaining() == 0) {
                sink.complete();
            } else {
                sink.next(g.next(chunk));
            }
            return g;
        });
    }

    /** The same bytes cut into buffers of awkward sizes: 1, 7, 4093, 65537, ... bytes, cycling. */
    static Flux<ByteBuffer> unevenly(Flux<ByteBuffer> buffers) {
        int[] sizes = {1, 7, 4093, 65_537, 100, 300_007, 8};
        int[] next = {0};
        return buffers.concatMapIterable(buffer -> {
            java.util.List<ByteBuffer> pieces = new java.util.ArrayList<>();
            while (buffer.hasRemaining()) {
                int n = Math.min(buffer.remaining(), sizes[next[0]++ % sizes.length]);
                pieces.add(buffer.slice(buffer.position(), n));
                buffer.position(buffer.position() + n);
            }
            return pieces;
        });
    }

    static byte[] bytes(long seed, int size) {
        Generator g = new Generator(seed, size);
        ByteBuffer b = g.next(size);
        byte[] out = new byte[size];
        b.get(out);
        return out;
    }

    /** SHA-256 of {@code stream(seed, size, any chunk)}, computed the same way. */
    static String sha256(long seed, long size) {
        MessageDigest md = sha256();
        Generator g = new Generator(seed, size);
        while (g.remaining() > 0) {
            md.update(g.next(1 << 20));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** xorshift64*: fast, and good enough that a misplaced part never looks like the right one. */
    static final class Generator {
        private long state;
        private long remaining;

        Generator(long seed, long size) {
            this.state = seed * 0x9E3779B97F4A7C15L + 1;
            this.remaining = size;
        }

        long remaining() {
            return remaining;
        }

        ByteBuffer next(int max) {
            int n = (int) Math.min(max, remaining);
            ByteBuffer out = ByteBuffer.allocate((n + 7) & ~7);
            for (int i = 0; i < out.capacity(); i += 8) {
                state ^= state >>> 12;
                state ^= state << 25;
                state ^= state >>> 27;
                out.putLong(state * 0x2545F4914F6CDD1DL);
            }
            remaining -= n;
            return out.flip().limit(n);
        }
    }
}
