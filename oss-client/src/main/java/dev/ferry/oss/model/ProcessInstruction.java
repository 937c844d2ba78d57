package dev.ferry.oss.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An OSS data-processing instruction, the value of {@code x-oss-process} or {@code x-oss-async-process}:
 * the actions, where to save the result, and whom to notify.
 *
 * <pre>{@code
 * ProcessInstruction p = ProcessInstruction.builder()
 *         .action("doc/convert,target_png,source_docx")
 *         .saveAs("test-bucket", "doc_images/{index}.png")
 *         .notifyTopic("test-topic")
 *         .build();
 * p.toString();   // doc/convert,target_png,source_docx|sys/saveas,b_dGVzdC1idWNrZXQ,o_ZG9jX2ltYWdlcy97aW5kZXh9LnBuZw/notify,topic_dGVzdC10b3BpYw
 * }</pre>
 *
 * Bucket, key and topic are encoded as OSS requires: URL-safe Base64 without padding, so that a
 * {@code /} or {@code +} in a name cannot break the instruction apart. An instruction written by
 * hand is used as it is with {@link #raw(String)}.
 */
public final class ProcessInstruction {
    private final List<String> actions;
    private final @Nullable String saveAsBucket;
    private final @Nullable String saveAsKey;
    private final @Nullable String notifyTopic;
    private final String text;

    private ProcessInstruction(List<String> actions, @Nullable String saveAsBucket, @Nullable String saveAsKey,
                               @Nullable String notifyTopic, String text) {
        this.actions = actions;
        this.saveAsBucket = saveAsBucket;
        this.saveAsKey = saveAsKey;
        this.notifyTopic = notifyTopic;
        this.text = text;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An instruction given as the exact string to send; nothing is encoded, checked or reordered. */
    public static ProcessInstruction raw(String instruction) {
        return new ProcessInstruction(List.of(), null, null, null, OssNames.process(instruction));
    }

    /** URL-safe Base64 without padding of the UTF-8 bytes, as {@code b_}, {@code o_} and {@code topic_} take it. */
    public static String encodeName(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The actions as given to the builder; empty for a {@link #raw} instruction. */
    public List<String> actions() {
        return actions;
    }

    public @Nullable String saveAsBucket() {
        return saveAsBucket;
    }

    public @Nullable String saveAsKey() {
        return saveAsKey;
    }

    public @Nullable String notifyTopic() {
        return notifyTopic;
    }

    /** The instruction exactly as it is sent. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessInstruction p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Collects the parts of an instruction; not thread-safe. */
    public static final class Builder {
        private final List<String> actions = new ArrayList<>(2);
        private @Nullable String saveAsBucket;
        private @Nullable String saveAsKey;
        private @Nullable String notifyTopic;

        private Builder() {
        }

        /**
         * Adds an action. The first names its kind ({@code doc/convert,target_png,source_docx},
         * {@code image/resize,w_100}); later ones may repeat the kind or leave it out
         * ({@code image/rotate,90} or {@code rotate,90}) and are chained after the first with {@code /}.
         */
        public Builder action(String action) {
            Objects.requireNonNull(action, "action");
            String a = action.strip();
            if (a.isEmpty()) {
                throw new IllegalArgumentException("a processing action must not be blank");
            }
            if (a.indexOf('|') >= 0) {
                throw new IllegalArgumentException("action '" + a + "' contains '|', which separates the parts of an"
                        + " instruction; use saveAs(...) and notifyTopic(...) for those, or ProcessInstruction.raw(...)");
            }
            if (actions.isEmpty() && a.indexOf('/') <= 0) {
                throw new IllegalArgumentException("the first action must name its kind, such as 'doc/convert,target_png'"
                        + " or 'image/resize,w_100'; was '" + a + "'");
            }
            actions.add(a);
            return this;
        }

        /** Saves the result in another bucket under {@code key}; {@code {index}} in the key numbers pages. */
        public Builder saveAs(String bucket, String key) {
            this.saveAsBucket = OssNames.bucket(bucket);
            this.saveAsKey = OssNames.key(key);
            return this;
        }

        /** Saves the result in the source object's bucket under {@code key}. */
        public Builder saveAs(String key) {
            this.saveAsBucket = null;
            this.saveAsKey = OssNames.key(key);
            return this;
        }

        /** Publishes a message to this Simple Message Queue topic when the task ends. */
        public Builder notifyTopic(String topic) {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("notify topic must not be blank");
            }
            this.notifyTopic = topic;
            return this;
        }

        public ProcessInstruction build() {
            if (actions.isEmpty()) {
                throw new IllegalStateException("a process instruction needs at least one action");
            }
            if (notifyTopic != null && saveAsKey == null) {
                throw new IllegalStateException("a notify topic is part of the save-as step: call saveAs(...) too");
            }
            StringBuilder sb = new StringBuilder(128);
            String first = actions.get(0);
            String kind = first.substring(0, first.indexOf('/') + 1);
            sb.append(first);
            for (int i = 1; i < actions.size(); i++) {
                String next = actions.get(i);
                int slash = next.indexOf('/');
                int comma = next.indexOf(',');
                boolean hasKind = slash > 0 && (comma < 0 || slash < comma);
                if (hasKind) {
                    if (!next.startsWith(kind)) {
                        throw new IllegalStateException("every action of one instruction must be of one kind: '" + first
                                + "' is " + kind.substring(0, kind.length() - 1) + ", '" + next + "' is not");
                    }
                    next = next.substring(kind.length());
                }
                sb.append('/').append(next);
            }
            if (saveAsKey != null) {
                sb.append("|sys/saveas");
                if (saveAsBucket != null) {
                    sb.append(",b_").append(encodeName(saveAsBucket));
                }
                sb.append(",o_").append(encodeName(saveAsKey));
                if (notifyTopic != null) {
                    sb.append("/notify,topic_").append(encodeName(notifyTopic));
                }
            }
            return new ProcessInstruction(List.copyOf(actions), saveAsBucket, saveAsKey, notifyTopic, sb.toString());
        }
    }
}
