package dev.ferry.core;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Ferry raises. Unchecked: reactive and future callers receive it as
 * the error signal, blocking and Begin/End callers get it thrown as is (never wrapped).
 */
public class FerryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FerryException(String message) {
        super(message);
    }

    public FerryException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
