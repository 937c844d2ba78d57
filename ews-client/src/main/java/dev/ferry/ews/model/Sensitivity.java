package dev.ferry.ews.model;

/** An item's sensitivity. */
public enum Sensitivity {
    NORMAL("Normal"), PERSONAL("Personal"), PRIVATE("Private"), CONFIDENTIAL("Confidential");

    private final String wireName;

    Sensitivity(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
