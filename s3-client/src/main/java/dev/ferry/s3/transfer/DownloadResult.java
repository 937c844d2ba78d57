package dev.ferry.s3.transfer;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A finished download.
 *
 * @param file the file the object is now in
 * @param size the object's size, which is the file's
 * @param eTag the entity tag of the object that was read, every range of it
 * @param versionId the version that was read, when the store said
 * @param bytesDownloaded bytes fetched by this download
 * @param bytesResumed bytes kept from an earlier, interrupted download (checked before being kept)
 * @param rangeCount ranged GETs the object was read in, in all (including the resumed ones)
 */
public record DownloadResult(String bucket, String key, Path file, long size, String eTag, @Nullable String versionId,
                             long bytesDownloaded, long bytesResumed, int rangeCount) {
}
