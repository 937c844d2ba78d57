package dev.ferry.ews.model;

/** What Exchange does when an update's ChangeKey is not the item's current one. */
public enum ConflictResolution {
    /** Fail with ErrorIrresolvableConflict: the safe choice when another client may have changed the item. */
    NEVER_OVERWRITE("NeverOverwrite"),
    /** Apply the changes that do not conflict (the EWS default). */
    AUTO_RESOLVE("AutoResolve"),
    /** Apply every change, overwriting whatever changed meanwhile. */
    ALWAYS_OVERWRITE("AlwaysOverwrite");

    private final String wireName;

    ConflictResolution(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
