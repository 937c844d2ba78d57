package dev.ferry.s3.internal;

import dev.ferry.core.IntegrityException;
import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.http.ResponseBody;
import dev.ferry.s3.internal.checksum.ContentMd5;
import dev.ferry.s3.model.ChecksumAlgorithm;
import dev.ferry.s3.model.IncrementalChecksum;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A GetObject body checked as it streams past against what vouches for it: a full-object
 * {@code x-amz-checksum-*} header when the server sent one, else the ETag when it is the plain MD5
 * of a single-part, unencrypted-by-KMS object read whole. A mismatch fails the body at its end with
 * an {@link IntegrityException}: the bytes already seen must not be trusted, and a file reader
 * does not move its file into place.
 */
final class VerifyingBody implements ResponseBody {
    private static final Pattern MD5_ETAG = Pattern.compile("\"?[0-9a-fA-F]{32}\"?");

    private final ResponseBody inner;
    private final String subject;
    private final String check;
    private final IncrementalChecksum checksum;
    private final byte[] expected;

    private VerifyingBody(ResponseBody inner, String subject, String check, IncrementalChecksum checksum, byte[] expected) {
        this.inner = inner;
        this.subject = subject;
        this.check = check;
        this.checksum = checksum;
        this.expected = expected;
    }

    /** The body, wrapped when something can vouch for it; as it is otherwise. */
    static ResponseBody wrap(ResponseBody body, HttpHeaders headers, boolean ranged, String subject) {
        if (ranged || headers.contains("Content-Range")) {
            return body;
        }
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            String value = headers.first(algorithm.headerName());
            // A multipart object's checksum is a checksum of checksums ("...-3"): nothing to compare the bytes with.
            if (value != null && !value.contains("-") && !"COMPOSITE".equalsIgnoreCase(headers.first("x-amz-checksum-type"))) {
                byte[] raw = decode(value);
                if (raw != null && raw.length == algorithm.digestLength()) {
                    return new VerifyingBody(body, subject, algorithm.headerName(), algorithm.newChecksum(), raw);
                }
            }
        }
        String eTag = headers.first("ETag");
        String encryption = headers.first("x-amz-server-side-encryption");
        boolean opaqueETag = (encryption != null && encryption.toLowerCase(Locale.ROOT).startsWith("aws:kms"))
                || headers.contains("x-amz-server-side-encryption-customer-algorithm");
        if (eTag != null && !opaqueETag && MD5_ETAG.matcher(eTag).matches()) {
            String hex = eTag.replace("\"", "");
            return new VerifyingBody(body, subject, "MD5 (the ETag)", ContentMd5.newChecksum(), HexFormat.of().parseHex(hex));
        }
        return body;
    }

    private static byte @Nullable [] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Mono<Void> verify() {
        byte[] actual = checksum.digest();
        if (java.util.Arrays.equals(actual, expected)) {
            return Mono.empty();
        }
        return Mono.error(new IntegrityException(subject, check, show(expected), show(actual)));
    }

    private String show(byte[] value) {
        return check.startsWith("MD5") ? HexFormat.of().formatHex(value) : Base64.getEncoder().encodeToString(value);
    }

    @Override
    public Flux<ByteBuffer> asFlux() {
        return inner.asFlux().doOnNext(checksum::update).concatWith(Mono.defer(this::verify).then(Mono.empty()));
    }

    @Override
    public Mono<byte[]> asBytes(int maxBytes) {
        return inner.asBytes(maxBytes).flatMap(bytes -> {
            checksum.update(bytes);
            return verify().thenReturn(bytes);
        });
    }

    @Override
    public Mono<String> asString() {
        return asString(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<String> asString(Charset charset) {
        return asBytes().map(bytes -> new String(bytes, charset));
    }

    @Override
    public Mono<Void> discard() {
        return inner.discard();
    }
}
