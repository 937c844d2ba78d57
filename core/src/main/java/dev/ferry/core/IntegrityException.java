package dev.ferry.core;

/**
 * Data did not match the checksum that vouches for it: a download whose bytes differ from their
 * ETag or checksum header, say. What was read must not be trusted; a file being written is not put
 * in place.
 */
public final class IntegrityException extends FerryException {
    private static final long serialVersionUID = 1L;

    private final String check;
    private final String expected;
    private final String actual;

    /**
     * @param subject what was being read ({@code GetObject s3://bucket/key})
     * @param check which check failed ({@code MD5 from the ETag}, {@code x-amz-checksum-crc32c})
     */
    public IntegrityException(String subject, String check, String expected, String actual) {
        super(subject + ": the data does not match its " + check + " (expected " + expected + ", computed " + actual
                + "); it was corrupted in transit or in storage and must not be used");
        this.check = check;
        this.expected = expected;
        this.actual = actual;
    }

    public String check() {
        return check;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
