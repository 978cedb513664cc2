package dev.airgen.runtime.internal;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One task as it goes on the wire, with what its sender waits for.
 *
 * @param taskUUID      the task's UUID, also the key its answers are routed by
 * @param taskType      the task type
 * @param json          the task object exactly as sent
 * @param mode          what completes the wait
 * @param expectedItems for {@link Mode#SYNC}: how many result items complete the task
 */
public record TaskSpec(String taskUUID, String taskType, ObjectNode json, Mode mode, int expectedItems) {

    /** What the sender of a task waits for. */
    public enum Mode {
        /** The results themselves: {@code expectedItems} items. */
        SYNC,
        /** The acknowledgement of an async submission: one item. */
        ACK,
        /** The answer to a {@code getResponse} poll: whatever the next answer holds for the task. */
        POLL
    }

    public TaskSpec {
        Objects.requireNonNull(taskUUID, "taskUUID");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(mode, "mode");
        if (expectedItems < 1) {
            expectedItems = 1;
        }
    }
}
