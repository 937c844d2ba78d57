package dev.ferry.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.s3.model.CompletedPart;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The multipart ETag the client derives when a server (Ceph RGW 16) completes with an empty one. */
class MultipartETagTest {

    @Test
    void isTheMd5OfThePartsBinaryMd5sAndTheirCount() {
        // md5("part one"), md5("part two"); md5 of their 32 bytes, computed independently.
        List<CompletedPart> parts = List.of(CompletedPart.of(1, "\"3303e12af474ca11d85ed2966a932992\""),
                CompletedPart.of(2, "3EA4E15B91A17DC76052C56CFCDF67A2"));

        assertThat(S3Documents.multipartETag(parts)).isEqualTo("\"0732917abc3288784e318ac0aab1757a-2\"");
    }

    @Test
    void isUnknownWhenAPartsETagIsNotAPlainMd5() {
        List<CompletedPart> parts = List.of(CompletedPart.of(1, "\"3303e12af474ca11d85ed2966a932992\""),
                CompletedPart.of(2, "\"opaque-kms-etag\""));

        assertThat(S3Documents.multipartETag(parts)).isNull();
    }
}
