package dev.ferry.s3.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Deletes up to 1,000 objects in one request. With {@code quiet}, the answer lists only failures.
 */
public record DeleteObjectsRequest(String bucket, List<ObjectId> objects, boolean quiet) {

    /** An object to delete: its key and, in a versioned bucket, optionally a version. */
    public record ObjectId(String key, @Nullable String versionId) {
        public ObjectId {
            S3Names.key(key);
        }

        public static ObjectId of(String key) {
            return new ObjectId(key, null);
        }
    }

    public DeleteObjectsRequest {
        S3Names.bucket(bucket);
        if (objects.isEmpty() || objects.size() > 1000) {
            throw new IllegalArgumentException("DeleteObjects takes 1..1000 objects, was given " + objects.size()
                    + (objects.size() > 1000 ? "; split the keys into batches" : ""));
        }
        Set<ObjectId> seen = new HashSet<>();
        for (ObjectId id : objects) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("object '" + id.key() + "' is listed twice");
            }
        }
        objects = List.copyOf(objects);
    }

    public static DeleteObjectsRequest ofKeys(String bucket, List<String> keys) {
        return new DeleteObjectsRequest(bucket, keys.stream().map(ObjectId::of).toList(), false);
    }
}
