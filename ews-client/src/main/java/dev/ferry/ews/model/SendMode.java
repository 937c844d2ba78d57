package dev.ferry.ews.model;

/** What Exchange does with a message it is given to send. */
public enum SendMode {
    /** Send it and keep no copy. */
    SEND_ONLY("SendOnly"),
    /** Send it and keep a copy in Sent Items. */
    SEND_AND_SAVE_COPY("SendAndSaveCopy");

    private final String wireName;

    SendMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
