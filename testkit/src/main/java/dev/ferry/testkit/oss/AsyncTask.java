package dev.ferry.testkit.oss;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An asynchronous processing task the mock accepted.
 *
 * @param targets the objects it wrote (or will write, after the configured delay), as {@code bucket/key}
 * @param notifyTopic the decoded {@code topic_} of {@code /notify}; the mock publishes nothing to it
 */
public record AsyncTask(String eventId, String taskId, String requestId, String bucket, String key, String process,
                        List<String> targets, @Nullable String notifyTopic) {
}
