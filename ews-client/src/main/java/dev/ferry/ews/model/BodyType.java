package dev.ferry.ews.model;

/** The format of an item body. */
public enum BodyType {
    TEXT("Text"), HTML("HTML");

    private final String wireName;

    BodyType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
