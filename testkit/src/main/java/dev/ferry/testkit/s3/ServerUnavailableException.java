package dev.ferry.testkit.s3;

/**
 * A test server cannot run on this machine (no Docker engine, no Ceph packages and no root to
 * install them, its start script absent, or it failed to come up). The message says why, so that a
 * skipped test tells the reader what to fix. {@link S3ServerExtension} skips on it, or fails when the
 * run requires the server.
 */
public final class ServerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServerUnavailableException(String message) {
        super(message);
    }

    public ServerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
