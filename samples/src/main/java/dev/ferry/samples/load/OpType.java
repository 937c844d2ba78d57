package dev.ferry.samples.load;

import java.util.Locale;

/** The operations a workload mixes, and the read-back that checks what was written. */
enum OpType {
    PUT(true, false),
    GET(false, true),
    HEAD(false, true),
    DELETE(false, true),
    LIST(false, true),
    MULTIPART(true, false),
    /** The read-back of {@code --verify} after the load: reported on its own, never part of the load's figures. */
    VERIFY(false, false);

    private final boolean writes;
    private final boolean needsObjects;

    OpType(boolean writes, boolean needsObjects) {
        this.writes = writes;
        this.needsObjects = needsObjects;
    }

    /** Whether it creates objects (which the run cleans up and may verify). */
    boolean writes() {
        return writes;
    }

    /** Whether it works on objects that exist before it runs (so the run prepares some). */
    boolean needsObjects() {
        return needsObjects;
    }

    /** As the command line and the reports spell it: {@code put}, {@code multipart}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
