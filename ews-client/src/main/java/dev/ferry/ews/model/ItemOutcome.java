package dev.ferry.ews.model;

import dev.ferry.ews.EwsException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result for one item of a batch: Exchange answers every item on its own, so one item can fail
 * (ErrorItemNotFound) while the others succeed.
 *
 * @param index the item's position in the request
 * @param value the result when it succeeded (may be null for operations that return nothing for an item)
 * @param error the error when it failed
 */
public record ItemOutcome<T>(int index, @Nullable T value, @Nullable EwsException error) {

    public static <T> ItemOutcome<T> success(int index, @Nullable T value) {
        return new ItemOutcome<>(index, value, null);
    }

    public static <T> ItemOutcome<T> failure(int index, EwsException error) {
        return new ItemOutcome<>(index, null, error);
    }

    public boolean isSuccess() {
        return error == null;
    }

    public Optional<T> valueIfPresent() {
        return Optional.ofNullable(value);
    }

    /** The value, or the item's error thrown. */
    public @Nullable T getOrThrow() {
        if (error != null) {
            throw error;
        }
        return value;
    }
}
