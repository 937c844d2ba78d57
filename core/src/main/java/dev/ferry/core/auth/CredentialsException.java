package dev.ferry.core.auth;

import dev.ferry.core.FerryException;
import org.jspecify.annotations.Nullable;

/** No credentials could be found, or a source of them is malformed. The message says where Ferry looked. */
public final class CredentialsException extends FerryException {
    private static final long serialVersionUID = 1L;

    public CredentialsException(String message) {
        super(message);
    }

    public CredentialsException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
