package dev.ferry.ews.model;

import org.jspecify.annotations.Nullable;

/** A mailbox: {@code "Sadie Daniels" <sadie@contoso.com>}. */
public record EmailAddress(String address, @Nullable String name) {
    public EmailAddress {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("email address must not be blank");
        }
        address = address.strip();
        if (name != null && name.isBlank()) {
            name = null;
        }
    }

    public static EmailAddress of(String address) {
        return new EmailAddress(address, null);
    }

    public static EmailAddress of(String address, @Nullable String name) {
        return new EmailAddress(address, name);
    }

    @Override
    public String toString() {
        return name == null ? address : "\"" + name + "\" <" + address + ">";
    }
}
