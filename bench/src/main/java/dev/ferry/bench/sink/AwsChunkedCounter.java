package dev.ferry.bench.sink;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks an aws-chunked body as it arrives, without keeping it: counts the decoded bytes, notes
 * whether chunks carry signatures and which trailers follow. Enough for the sink to answer
 * correctly (a body shorter or longer than {@code x-amz-decoded-content-length} is refused) and to
 * report what the client sent; no signature or checksum is verified.
 */
final class AwsChunkedCounter {
    private enum State { SIZE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER, DONE }

    private State state = State.SIZE;
    private long chunkRemaining;
    private long chunkSize;
    private long decoded;
    private int chunks;
    private boolean signedChunks;
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder extension = new StringBuilder();
    private final List<String> trailers = new ArrayList<>(2);
    private String error;

    void feed(ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end && error == null) {
            switch (state) {
                case SIZE -> {
                    byte b = buf.getByte(i++);
                    int digit = Character.digit(b, 16);
                    if (digit >= 0) {
                        chunkSize = chunkSize * 16 + digit;
                    } else if (b == ';') {
                        state = State.EXTENSION;
                    } else if (b == '\r') {
                        state = State.SIZE_LF;
                    } else {
                        error = "bad chunk size byte " + b;
                    }
                }
                case EXTENSION -> {
                    byte b = buf.getByte(i++);
                    if (b == '\r') {
                        if (extension.indexOf("chunk-signature=") >= 0) {
                            signedChunks = true;
                        }
                        extension.setLength(0);
                        state = State.SIZE_LF;
                    } else if (extension.length() < 32) {
                        extension.append((char) b);
                    }
                }
                case SIZE_LF -> {
                    if (buf.getByte(i++) != '\n') {
                        error = "chunk size line not ended by CRLF";
                    } else if (chunkSize == 0) {
                        state = State.TRAILER;
                    } else {
                        chunks++;
                        chunkRemaining = chunkSize;
                        state = State.DATA;
                    }
                }
                case DATA -> {
                    int n = (int) Math.min(chunkRemaining, end - i);
                    i += n;
                    chunkRemaining -= n;
                    decoded += n;
                    if (chunkRemaining == 0) {
                        state = State.DATA_CR;
                    }
                }
                case DATA_CR -> {
                    if (buf.getByte(i++) != '\r') {
                        error = "chunk data longer than its size line says";
                    }
                    state = State.DATA_LF;
                }
                case DATA_LF -> {
                    if (buf.getByte(i++) != '\n') {
                        error = "chunk data not ended by CRLF";
                    }
                    chunkSize = 0;
                    state = State.SIZE;
                }
                case TRAILER -> {
                    byte b = buf.getByte(i++);
                    if (b == '\n') {
                        String l = line.toString().trim();
                        line.setLength(0);
                        if (l.isEmpty()) {
                            state = State.DONE;
                        } else {
                            int colon = l.indexOf(':');
                            trailers.add(colon < 0 ? l : l.substring(0, colon));
                        }
                    } else if (line.length() < 256) {
                        line.append((char) b);
                    }
                }
                case DONE -> {
                    error = "bytes after the end of the aws-chunked body";
                }
            }
        }
    }

    /** Null when the body was complete and decoded to {@code expected} bytes; what was wrong otherwise. */
    String check(long expected) {
        if (error != null) {
            return error;
        }
        if (state != State.DONE) {
            return "aws-chunked body ended early (in " + state + ")";
        }
        if (expected >= 0 && decoded != expected) {
            return "decoded " + decoded + " bytes, x-amz-decoded-content-length says " + expected;
        }
        return null;
    }

    long decoded() {
        return decoded;
    }

    String describe() {
        return chunks + " data chunks, " + (signedChunks ? "signed" : "unsigned") + (trailers.isEmpty() ? ", no trailer" : ", trailer " + trailers);
    }
}
