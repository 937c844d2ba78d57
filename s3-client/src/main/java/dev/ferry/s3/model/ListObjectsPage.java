package dev.ferry.s3.model;

import java.util.List;

/**
 * One page of a listing: its objects and, with a delimiter, its common prefixes (the "directories"
 * at this level, each ending with the delimiter).
 */
public record ListObjectsPage(List<S3Object> objects, List<String> commonPrefixes, boolean truncated) {
    public ListObjectsPage {
        objects = List.copyOf(objects);
        commonPrefixes = List.copyOf(commonPrefixes);
    }
}
