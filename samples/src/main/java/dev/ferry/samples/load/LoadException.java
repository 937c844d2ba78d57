package dev.ferry.samples.load;

/** Failures the harness itself detects, named so that the error report says what happened. */
class LoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoadException(String message) {
        super(message, null, false, false);
    }

    /** What was read back is not what the run wrote. */
    static final class DataMismatch extends LoadException {
        private static final long serialVersionUID = 1L;

        DataMismatch(String message) {
            super(message);
        }
    }

    /** A get, head or delete found no object of this run to work on: the mix deletes faster than it writes. */
    static final class NoObject extends LoadException {
        private static final long serialVersionUID = 1L;

        NoObject(String message) {
            super(message);
        }
    }
}
