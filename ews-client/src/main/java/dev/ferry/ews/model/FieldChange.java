package dev.ferry.ews.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One change of an {@link ItemUpdate}: set a field, append to it, or delete it. */
public record FieldChange(Kind kind, ItemField field, @Nullable Object value) {

    /** The three kinds of change UpdateItem knows. */
    public enum Kind { SET, APPEND, DELETE }

    public FieldChange {
        if (kind == null || field == null) {
            throw new IllegalArgumentException("a field change needs a kind and a field");
        }
        if (kind == Kind.DELETE) {
            if (value != null) {
                throw new IllegalArgumentException("deleting " + field + " takes no value, was given " + value);
            }
        } else {
            checkValue(kind, field, value);
            if (value instanceof List<?> list) {
                value = List.copyOf(list);
            }
        }
        if (kind == Kind.APPEND && !field.isAppendable()) {
            throw new IllegalArgumentException(field + " cannot be appended to; only bodies, recipients and categories can");
        }
    }

    private static void checkValue(Kind kind, ItemField field, @Nullable Object value) {
        String what = (kind == Kind.SET ? "setting " : "appending to ") + field;
        if (value == null) {
            throw new IllegalArgumentException(what + " needs a value");
        }
        if (!field.valueType().isInstance(value)) {
            throw new IllegalArgumentException(what + " needs a " + field.valueType().getSimpleName() + ", was a "
                    + value.getClass().getSimpleName());
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                throw new IllegalArgumentException(what + " needs at least one element; delete the field to clear it");
            }
            Class<?> element = field.holdsAddresses() ? EmailAddress.class : String.class;
            for (Object o : list) {
                if (!element.isInstance(o)) {
                    throw new IllegalArgumentException(what + " needs a list of " + element.getSimpleName() + ", found " + o);
                }
            }
        }
    }
}
