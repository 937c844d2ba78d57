package dev.ferry.oss.model;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Assembles the uploaded parts into the object ({@code POST /key?uploadId=...}). Parts are sent in
 * ascending order of number whatever order they are given in, as OSS requires.
 */
public record CompleteMultipartUploadRequest(String bucket, String key, String uploadId, List<CompletedPart> parts) {

    public CompleteMultipartUploadRequest {
        OssNames.bucket(bucket);
        OssNames.key(key);
        OssNames.uploadId(uploadId);
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("completing upload " + uploadId + " needs at least one part");
        }
        Set<Integer> seen = new HashSet<>();
        for (CompletedPart p : parts) {
            if (!seen.add(p.partNumber())) {
                throw new IllegalArgumentException("part " + p.partNumber() + " is listed twice for upload " + uploadId);
            }
        }
        parts = parts.stream().sorted(Comparator.comparingInt(CompletedPart::partNumber)).toList();
    }

    public static CompleteMultipartUploadRequest of(InitiateMultipartUploadResponse upload, List<CompletedPart> parts) {
        return new CompleteMultipartUploadRequest(upload.bucket(), upload.key(), upload.uploadId(), parts);
    }
}
