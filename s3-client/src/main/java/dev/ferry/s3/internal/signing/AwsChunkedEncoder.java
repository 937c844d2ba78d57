package dev.ferry.s3.internal.signing;

import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.model.ChecksumAlgorithm;
import dev.ferry.s3.model.IncrementalChecksum;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The aws-chunked content encoding of S3 bodies: the body cut into chunks, each framed as
 * {@code hex(length)[;chunk-signature=sig]\r\n data \r\n}, then an empty final chunk, then (in the
 * trailer modes) the trailing checksum and, when signed, {@code x-amz-trailer-signature}:
 *
 * <pre>
 * 10000;chunk-signature=ad80c730...\r\n &lt;65536 bytes&gt; \r\n
 * 400;chunk-signature=0055627c...\r\n &lt;1024 bytes&gt; \r\n
 * 0;chunk-signature=b6c6ea8a...\r\n
 * x-amz-checksum-crc32c:sOO8/Q==\r\n            (trailer modes)
 * x-amz-trailer-signature:d81f82fc...\r\n       (signed trailer)
 * \r\n
 * </pre>
 *
 * S3 wants the exact length of this encoding as {@code Content-Length} and the body's own length as
 * {@code x-amz-decoded-content-length} ({@code Transfer-Encoding: chunked} gets 501), so the decoded
 * length must be known up front; {@link #encodedLength} computes the other. Typical use:
 *
 * <pre>{@code
 * HttpRequest put = builder.headers(AwsChunkedEncoder.headers(length, chunkSize, mode, CRC32C)).build();
 * SignedRequest signed = signer.sign(put, credentials, now, mode.payloadHash());
 * HttpRequest send = signed.request().toBuilder()
 *         .body(AwsChunkedEncoder.body(put.body(), chunkSize, mode, signed, CRC32C)).build();
 * }</pre>
 *
 * <p>The encoding follows demand: it asks for one input buffer at a time and holds at most one
 * chunk. An input buffer that covers a whole chunk is sent as a view of itself, without copying;
 * smaller pieces are gathered into one chunk-sized frame. Input buffers are never modified, and
 * their positions are left as they were.
 */
public final class AwsChunkedEncoder {
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;
    /** S3's minimum for every chunk but the last. */
    public static final int MIN_CHUNK_SIZE = 8 * 1024;
    /** A chunk is held in memory while it is signed: keep that bounded. */
    public static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    public static final String CONTENT_ENCODING = "aws-chunked";
    public static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private static final String CHUNK_SIGNATURE = ";chunk-signature=";
    private static final int SIGNATURE_HEX = 64;
    private static final byte[] CRLF = {'\r', '\n'};

    private AwsChunkedEncoder() {
    }

    /** The three aws-chunked payloads; each is the {@code x-amz-content-sha256} value that announces it. */
    public enum Mode {
        /** Each chunk signed, chained from the request's signature; no trailer. */
        SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", true, false),
        /** Each chunk signed, then a trailing checksum, itself signed. */
        SIGNED_WITH_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", true, true),
        /** Chunks unsigned (the request's signature and TLS cover the rest), then a trailing checksum. */
        UNSIGNED_WITH_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER", false, true);

        private final String payloadHash;
        private final boolean signed;
        private final boolean trailer;

        Mode(String payloadHash, boolean signed, boolean trailer) {
            this.payloadHash = payloadHash;
            this.signed = signed;
            this.trailer = trailer;
        }

        /** The value for {@code x-amz-content-sha256}, and for {@link SigV4Signer#sign}'s payload hash. */
        public String payloadHash() {
            return payloadHash;
        }

        public boolean isSigned() {
            return signed;
        }

        public boolean hasTrailer() {
            return trailer;
        }
    }

    /**
     * The exact length of the encoded body: the {@code Content-Length} to send.
     *
     * @param trailerName the trailing header ({@code x-amz-checksum-crc32c}), null without trailer
     * @param trailerValueLength length of its value as sent (a base64 checksum: see
     *     {@link ChecksumAlgorithm#base64Length()})
     */
    public static long encodedLength(long decodedLength, int chunkSize, Mode mode, @Nullable String trailerName,
                                     int trailerValueLength) {
        check(decodedLength, chunkSize, mode, trailerName);
        if (trailerName != null && trailerValueLength < 0) {
            throw new IllegalArgumentException("trailer value length must be >= 0, was " + trailerValueLength);
        }
        boolean signed = mode.isSigned();
        long fullChunks = decodedLength / chunkSize;
        int lastChunk = (int) (decodedLength % chunkSize);
        long length = decodedLength + fullChunks * framing(chunkSize, signed);
        if (lastChunk > 0) {
            length += framing(lastChunk, signed);
        }
        length += signed ? 1 + CHUNK_SIGNATURE.length() + SIGNATURE_HEX + 2 : 1 + 2;
        if (trailerName != null) {
            length += trailerName.length() + 1 + trailerValueLength + 2;
            if (signed) {
                length += TRAILER_SIGNATURE.length() + 1 + SIGNATURE_HEX + 2;
            }
        }
        return length + 2;
    }

    /** {@link #encodedLength(long, int, Mode, String, int)} for a trailing checksum of {@code trailer}. */
    public static long encodedLength(long decodedLength, int chunkSize, Mode mode, @Nullable ChecksumAlgorithm trailer) {
        return trailer == null
                ? encodedLength(decodedLength, chunkSize, mode, null, 0)
                : encodedLength(decodedLength, chunkSize, mode, trailer.headerName(), trailer.base64Length());
    }

    /**
     * The headers an aws-chunked request carries: {@code Content-Encoding}, {@code Content-Length} (of
     * the encoding), {@code x-amz-decoded-content-length}, {@code x-amz-content-sha256} and, with a
     * trailer, {@code x-amz-trailer}.
     */
    public static HttpHeaders headers(long decodedLength, int chunkSize, Mode mode, @Nullable ChecksumAlgorithm trailer) {
        HttpHeaders.Builder h = HttpHeaders.builder()
                .add("Content-Encoding", CONTENT_ENCODING)
                .add("Content-Length", Long.toString(encodedLength(decodedLength, chunkSize, mode, trailer)))
                .add("x-amz-decoded-content-length", Long.toString(decodedLength))
                .add(SigV4Signer.X_AMZ_CONTENT_SHA256, mode.payloadHash());
        if (trailer != null) {
            h.add("x-amz-trailer", trailer.headerName());
        }
        return h.build();
    }

    /**
     * Encodes {@code decoded}, which must produce exactly {@code decodedLength} bytes (the encoding
     * fails with a message saying so otherwise). Each subscription encodes afresh, its chunk
     * signatures chained from {@code seed}.
     *
     * @param seed the signed request whose signature the chunk signatures chain from; required by
     *     the signed modes, ignored by the unsigned one
     * @param trailer the checksum to compute as the data passes and send as trailer; required by the
     *     trailer modes, refused by {@link Mode#SIGNED}
     */
    public static Flux<ByteBuffer> encode(Flux<ByteBuffer> decoded, long decodedLength, int chunkSize, Mode mode,
                                         @Nullable SignedRequest seed, @Nullable ChecksumAlgorithm trailer) {
        Objects.requireNonNull(decoded, "decoded");
        check(decodedLength, chunkSize, mode, trailer == null ? null : trailer.headerName());
        if (mode.isSigned() && seed == null) {
            throw new IllegalArgumentException(mode.payloadHash() + " signs every chunk: give the signed request to chain from");
        }
        return Flux.defer(() -> {
            Encoder encoder = new Encoder(decodedLength, chunkSize, mode.isSigned() ? seed.chunkSigner() : null, trailer);
            // One input buffer at a time: never more than it and one chunk are held.
            return decoded.concatMapIterable(encoder::accept, 1).concatWith(Mono.fromCallable(encoder::finish));
        });
    }

    /**
     * {@code decoded} as an aws-chunked body, replayable when it is: what to put on the signed
     * request. Its length is the encoded length.
     */
    public static RequestBody body(RequestBody decoded, int chunkSize, Mode mode, @Nullable SignedRequest seed,
                                   @Nullable ChecksumAlgorithm trailer) {
        Objects.requireNonNull(decoded, "decoded");
        if (!decoded.hasKnownLength()) {
            throw new IllegalArgumentException("an aws-chunked body needs its length up front (S3 requires the exact "
                    + "Content-Length of the encoding); buffer the body or upload it in parts");
        }
        long length = encodedLength(decoded.contentLength(), chunkSize, mode, trailer);
        if (mode.isSigned() && seed == null) {
            throw new IllegalArgumentException(mode.payloadHash() + " signs every chunk: give the signed request to chain from");
        }
        return new ChunkedBody(decoded, length, chunkSize, mode, seed, trailer);
    }

    private static void check(long decodedLength, int chunkSize, Mode mode, @Nullable String trailerName) {
        Objects.requireNonNull(mode, "mode");
        if (decodedLength < 0) {
            throw new IllegalArgumentException("decoded length must be >= 0, was " + decodedLength);
        }
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size must be " + MIN_CHUNK_SIZE + ".." + MAX_CHUNK_SIZE
                    + " bytes (S3 refuses chunks under 8 KiB but the last), was " + chunkSize);
        }
        if (mode.hasTrailer() && trailerName == null) {
            throw new IllegalArgumentException(mode.payloadHash() + " ends with a trailer: name the checksum to send in it");
        }
        if (!mode.hasTrailer() && trailerName != null) {
            throw new IllegalArgumentException(mode.payloadHash() + " has no trailer, so it cannot carry " + trailerName
                    + "; use " + Mode.SIGNED_WITH_TRAILER.payloadHash());
        }
    }

    /** Bytes around a chunk of {@code length}: its size line (with signature) and the CRLF after the data. */
    private static int framing(int length, boolean signed) {
        return hexDigits(length) + (signed ? CHUNK_SIGNATURE.length() + SIGNATURE_HEX : 0) + 2 + 2;
    }

    private static int hexDigits(int value) {
        return value == 0 ? 1 : (35 - Integer.numberOfLeadingZeros(value)) / 4;
    }

    /** Writes {@code hex(length)[;chunk-signature=sig]\r\n} at {@code at}; returns the offset after it. */
    private static int writeSizeLine(byte[] out, int at, int length, @Nullable String signature) {
        for (int shift = (hexDigits(length) - 1) * 4; shift >= 0; shift -= 4) {
            out[at++] = (byte) Character.forDigit((length >>> shift) & 0xf, 16);
        }
        if (signature != null) {
            at = ascii(CHUNK_SIGNATURE, out, at);
            at = ascii(signature, out, at);
        }
        out[at++] = '\r';
        out[at++] = '\n';
        return at;
    }

    private static int ascii(String s, byte[] out, int at) {
        for (int i = 0; i < s.length(); i++) {
            out[at++] = (byte) s.charAt(i);
        }
        return at;
    }

    /**
     * The state of one encoding. Reactor calls it serially: {@link #accept} per input buffer, its
     * pieces drained in order, then {@link #finish}.
     */
    private static final class Encoder {
        private final long declared;
        private final int chunkSize;
        private final @Nullable ChunkSigner signer;
        private final @Nullable ChecksumAlgorithm trailer;
        private final @Nullable IncrementalChecksum checksum;
        /** Encoded pieces ready to go: at most a size line, the data and a CRLF. */
        private final ArrayDeque<ByteBuffer> ready = new ArrayDeque<>(4);
        private long remaining;

        /** The chunk being gathered from small pieces: size line, data, CRLF in one array. */
        private byte @Nullable [] frame;
        private int frameDataOffset;
        private int frameChunkLength;
        private int frameFilled;

        Encoder(long declared, int chunkSize, @Nullable ChunkSigner signer, @Nullable ChecksumAlgorithm trailer) {
            this.declared = declared;
            this.remaining = declared;
            this.chunkSize = chunkSize;
            this.signer = signer;
            this.trailer = trailer;
            this.checksum = trailer == null ? null : trailer.newChecksum();
        }

        Iterable<ByteBuffer> accept(ByteBuffer buffer) {
            if (!buffer.hasRemaining()) {
                return List.of();
            }
            return new Pieces(buffer.duplicate());
        }

        /** Turns the input into encoded pieces as they are asked for, a chunk at a time. */
        private final class Pieces implements Iterable<ByteBuffer>, Iterator<ByteBuffer> {
            private final ByteBuffer source;

            Pieces(ByteBuffer source) {
                this.source = source;
            }

            @Override
            public Iterator<ByteBuffer> iterator() {
                return this;
            }

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && source.hasRemaining()) {
                    step(source);
                }
                return !ready.isEmpty();
            }

            @Override
            public ByteBuffer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        }

        private void step(ByteBuffer source) {
            if (remaining == 0) {
                throw new IllegalStateException("the request body produced more than the " + declared
                        + " bytes it declared; the aws-chunked encoding and its Content-Length were computed for " + declared);
            }
            byte[] f = frame;
            if (f == null) {
                int length = (int) Math.min(chunkSize, remaining);
                if (source.remaining() >= length) {
                    // A whole chunk in one input buffer: send a view of it, no copy.
                    ByteBuffer data = source.slice(source.position(), length);
                    source.position(source.position() + length);
                    remaining -= length;
                    emitView(data);
                    return;
                }
                frameChunkLength = length;
                frameDataOffset = hexDigits(length) + (signer != null ? CHUNK_SIGNATURE.length() + SIGNATURE_HEX : 0) + 2;
                frameFilled = 0;
                f = new byte[frameDataOffset + length + 2];
                frame = f;
            }
            int n = Math.min(source.remaining(), frameChunkLength - frameFilled);
            source.get(f, frameDataOffset + frameFilled, n);
            frameFilled += n;
            remaining -= n;
            if (frameFilled == frameChunkLength) {
                ByteBuffer data = ByteBuffer.wrap(f, frameDataOffset, frameChunkLength);
                writeSizeLine(f, 0, frameChunkLength, sign(data));
                f[f.length - 2] = '\r';
                f[f.length - 1] = '\n';
                ready.add(ByteBuffer.wrap(f));
                frame = null;
            }
        }

        private void emitView(ByteBuffer data) {
            String signature = sign(data);
            int length = data.remaining();
            byte[] sizeLine = new byte[hexDigits(length) + (signature != null ? CHUNK_SIGNATURE.length() + SIGNATURE_HEX : 0) + 2];
            writeSizeLine(sizeLine, 0, length, signature);
            ready.add(ByteBuffer.wrap(sizeLine));
            ready.add(data);
            ready.add(ByteBuffer.wrap(CRLF));
        }

        /** Feeds the chunk to the trailing checksum and returns its signature (null when unsigned). */
        private @Nullable String sign(ByteBuffer data) {
            if (checksum != null) {
                checksum.update(data);
            }
            return signer == null ? null : signer.signChunk(data);
        }

        /** The final chunk, the trailer if any, and the closing CRLF, once the input has ended. */
        ByteBuffer finish() {
            if (remaining != 0) {
                throw new IllegalStateException("the request body ended after " + (declared - remaining) + " of the "
                        + declared + " bytes it declared; the aws-chunked encoding and its Content-Length were computed for " + declared);
            }
            StringBuilder sb = new StringBuilder(256);
            if (signer != null) {
                sb.append('0').append(CHUNK_SIGNATURE).append(signer.signChunk(ByteBuffer.allocate(0))).append("\r\n");
            } else {
                sb.append("0\r\n");
            }
            if (trailer != null && checksum != null) {
                String line = trailer.headerName() + ':' + checksum.base64();
                sb.append(line).append("\r\n");
                if (signer != null) {
                    // Signed in canonical header form, LF-terminated, not as it goes on the wire.
                    sb.append(TRAILER_SIGNATURE).append(':').append(signer.signTrailer(line + "\n")).append("\r\n");
                }
            }
            sb.append("\r\n");
            return ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** An aws-chunked body over a decoded one; each subscription encodes the decoded content anew. */
    private static final class ChunkedBody implements RequestBody {
        private final RequestBody decoded;
        private final long length;
        private final int chunkSize;
        private final Mode mode;
        private final @Nullable SignedRequest seed;
        private final @Nullable ChecksumAlgorithm trailer;

        ChunkedBody(RequestBody decoded, long length, int chunkSize, Mode mode, @Nullable SignedRequest seed,
                    @Nullable ChecksumAlgorithm trailer) {
            this.decoded = decoded;
            this.length = length;
            this.chunkSize = chunkSize;
            this.mode = mode;
            this.seed = seed;
            this.trailer = trailer;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public boolean isReplayable() {
            return decoded.isReplayable();
        }

        @Override
        public Flux<ByteBuffer> content() {
            return encode(decoded.content(), decoded.contentLength(), chunkSize, mode, seed, trailer);
        }

        @Override
        public String toString() {
            return "aws-chunked(" + mode.payloadHash() + ", " + chunkSize + "-byte chunks"
                    + (trailer != null ? ", trailer " + trailer.headerName() : "") + ") of " + decoded;
        }
    }
}
