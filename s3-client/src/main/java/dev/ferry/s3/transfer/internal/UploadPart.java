package dev.ferry.s3.transfer.internal;

import dev.ferry.core.http.RequestBody;
import java.nio.file.Path;

/** One part of an upload, ready to send: its number, where it sits, and its bytes as a replayable body. */
interface UploadPart {
    int number();

    /** Where the part starts in the object. */
    long offset();

    long length();

    /** Whether no part comes after this one. */
    boolean isLast();

    /** The part's bytes; replayable, so the client's retries can send them again. */
    RequestBody body();

    /** Called once the server has stored the part: what held its bytes may be reused. */
    void stored();

    /** A region of a file, read as it is sent (never held whole). */
    record FileRegion(Path file, int number, long offset, long length, boolean isLast) implements UploadPart {
        @Override
        public RequestBody body() {
            return RequestBody.fromFile(file, offset, length);
        }

        @Override
        public void stored() {
            // Nothing held.
        }
    }
}
