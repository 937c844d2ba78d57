package dev.ferry.oss.model;

/** A part to assemble: its number and the ETag its upload returned. */
public record CompletedPart(int partNumber, String etag) {

    public CompletedPart {
        OssNames.partNumber(partNumber);
        if (etag == null || etag.isBlank()) {
            throw new IllegalArgumentException("ETag of part " + partNumber + " must not be blank");
        }
    }
}
