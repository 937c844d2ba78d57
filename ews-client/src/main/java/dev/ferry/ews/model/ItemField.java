package dev.ferry.ews.model;

import java.util.List;

/**
 * A property of a message that {@link ItemUpdate} can set, append to or delete, with the type of
 * value it takes.
 */
public enum ItemField {
    SUBJECT("item:Subject", "Subject", String.class, false),
    BODY("item:Body", "Body", Body.class, true),
    CATEGORIES("item:Categories", "Categories", List.class, true),
    IMPORTANCE("item:Importance", "Importance", Importance.class, false),
    SENSITIVITY("item:Sensitivity", "Sensitivity", Sensitivity.class, false),
    TO_RECIPIENTS("message:ToRecipients", "ToRecipients", List.class, true),
    CC_RECIPIENTS("message:CcRecipients", "CcRecipients", List.class, true),
    BCC_RECIPIENTS("message:BccRecipients", "BccRecipients", List.class, true),
    REPLY_TO("message:ReplyTo", "ReplyTo", List.class, true),
    IS_READ_RECEIPT_REQUESTED("message:IsReadReceiptRequested", "IsReadReceiptRequested", Boolean.class, false),
    IS_READ("message:IsRead", "IsRead", Boolean.class, false);

    private final String fieldUri;
    private final String elementName;
    private final Class<?> valueType;
    private final boolean appendable;

    ItemField(String fieldUri, String elementName, Class<?> valueType, boolean appendable) {
        this.fieldUri = fieldUri;
        this.elementName = elementName;
        this.valueType = valueType;
        this.appendable = appendable;
    }

    /** The EWS FieldURI: {@code item:Subject}. */
    public String fieldUri() {
        return fieldUri;
    }

    /** The element of a {@code t:Message} that carries the value. */
    public String elementName() {
        return elementName;
    }

    /**
     * What a value must be: {@code String}, {@code Boolean}, {@link Body}, {@link Importance},
     * {@link Sensitivity}, or a {@code List} of {@code String} (categories) or of {@link EmailAddress}
     * (recipients).
     */
    public Class<?> valueType() {
        return valueType;
    }

    /** Whether AppendToItemField works on it (bodies, recipients and categories). */
    public boolean isAppendable() {
        return appendable;
    }

    /** Whether a list value holds addresses (recipients) rather than strings (categories). */
    public boolean holdsAddresses() {
        return this == TO_RECIPIENTS || this == CC_RECIPIENTS || this == BCC_RECIPIENTS || this == REPLY_TO;
    }
}
