package dev.ferry.samples.load;

import dev.ferry.core.ServiceException;
import dev.ferry.core.TransportException;
import reactor.core.Exceptions;

/** Names a failure by its kind, so that a thousand timeouts make one line of the report, not a thousand. */
final class ErrorKinds {
    private ErrorKinds() {
    }

    /**
     * {@code S3Exception NoSuchKey (404)}, {@code TransportException RESPONSE_TIMEOUT},
     * {@code DataMismatch}, {@code IntegrityException}: the exception's class and, where it has
     * them, the service's error code and HTTP status or the transport's reason.
     */
    static String kind(Throwable error) {
        Throwable e = unwrap(error);
        String name = e.getClass().getSimpleName();
        if (e instanceof ServiceException s) {
            String code = s.errorCode() != null ? " " + s.errorCode() : "";
            String status = s.statusCode() > 0 ? " (" + s.statusCode() + ")" : "";
            return name + code + status;
        }
        if (e instanceof TransportException t) {
            return name + " " + t.reason();
        }
        return name;
    }

    static String message(Throwable error) {
        Throwable e = unwrap(error);
        String message = e.getMessage();
        return message == null ? e.getClass().getName() : message;
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = Exceptions.unwrap(error);
        while (Exceptions.isMultiple(e) && e.getSuppressed().length > 0) {
            e = e.getSuppressed()[0];
        }
        return e;
    }
}
