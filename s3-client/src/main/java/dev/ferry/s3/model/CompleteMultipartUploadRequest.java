package dev.ferry.s3.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Completes a multipart upload from its parts. The parts may be given in any order: they are sent
 * sorted by number, as S3 requires. A part number given twice is refused.
 */
public record CompleteMultipartUploadRequest(String bucket, String key, String uploadId, List<CompletedPart> parts) {
    public CompleteMultipartUploadRequest {
        S3Names.bucket(bucket);
        S3Names.key(key);
        S3Names.uploadId(uploadId);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a multipart upload needs at least one part to complete");
        }
        List<CompletedPart> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt(CompletedPart::partNumber));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).partNumber() == sorted.get(i - 1).partNumber()) {
                throw new IllegalArgumentException("part " + sorted.get(i).partNumber() + " is listed twice");
            }
        }
        parts = List.copyOf(sorted);
    }
}
