package dev.ferry.ews.model;

/** Which items of a folder FindItem looks at. */
public enum Traversal {
    /** The folder's normal items. */
    SHALLOW("Shallow"),
    /** Items soft-deleted from it (in the dumpster). */
    SOFT_DELETED("SoftDeleted"),
    /** Its hidden (associated) items: rules, views, settings. */
    ASSOCIATED("Associated");

    private final String wireName;

    Traversal(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
