package dev.ferry.oss.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Starts a multipart upload ({@code POST /key?uploads}). The object's content type and metadata are
 * given here, not with the parts.
 */
public record InitiateMultipartUploadRequest(String bucket, String key, @Nullable String contentType,
                                             Map<String, String> metadata, @Nullable String storageClass,
                                             boolean forbidOverwrite) {

    public InitiateMultipartUploadRequest {
        OssNames.bucket(bucket);
        OssNames.key(key);
        metadata = OssNames.metadata(metadata);
    }

    public static InitiateMultipartUploadRequest of(String bucket, String key) {
        return new InitiateMultipartUploadRequest(bucket, key, null, Map.of(), null, false);
    }

    public InitiateMultipartUploadRequest withContentType(String contentType) {
        return new InitiateMultipartUploadRequest(bucket, key, contentType, metadata, storageClass, forbidOverwrite);
    }

    public InitiateMultipartUploadRequest withMetadata(Map<String, String> metadata) {
        return new InitiateMultipartUploadRequest(bucket, key, contentType, metadata, storageClass, forbidOverwrite);
    }
}
