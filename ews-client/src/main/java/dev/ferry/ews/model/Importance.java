package dev.ferry.ews.model;

/** An item's importance. */
public enum Importance {
    LOW("Low"), NORMAL("Normal"), HIGH("High");

    private final String wireName;

    Importance(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
