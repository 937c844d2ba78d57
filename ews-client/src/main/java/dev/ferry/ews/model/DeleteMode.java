package dev.ferry.ews.model;

/** How an item or folder is deleted. */
public enum DeleteMode {
    /** Gone for good: not even the Recoverable Items folder keeps it. */
    HARD_DELETE("HardDelete"),
    /** Moved to the dumpster (Recoverable Items), where the user can still restore it. */
    SOFT_DELETE("SoftDelete"),
    /** Moved to Deleted Items. */
    MOVE_TO_DELETED_ITEMS("MoveToDeletedItems");

    private final String wireName;

    DeleteMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
