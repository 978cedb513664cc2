package dev.airgen.runtime;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One task as it goes on the wire, with what its sender waits for.
 *
 * @param taskUUID      the task's UUID, also the key its answers are routed by
 * @param taskType      the task type
 * @param json          the task object exactly as sent
 * @param mode          what completes the wait
 * @param expectedItems for {@link Mode#SYNC}: how many result items complete the task
 * @param listener      told about each item as it arrives and about faults that may have cost the task an
 *                      answer; may be null
 */
record TaskSpec(String taskUUID, String taskType, ObjectNode json, Mode mode, int expectedItems,
                       Listener listener) {

    /** What the sender of a task waits for. */
    public enum Mode {
        /** The results themselves: {@code expectedItems} items. */
        SYNC,
        /** The acknowledgement of an async submission: one item. */
        ACK,
        /** The answer to a {@code getResponse} poll: whatever the next answer holds for the task. */
        POLL
    }

    /** Hears about a task while its exchange is open (WebSocket only; a REST answer comes whole). */
    public interface Listener {
        /** A result item arrived for the task. */
        void item(JsonNode item);

        /** Something went wrong that may have cost the task an answer; the exchange itself stays open. */
        void suspect(String why);
    }

    public TaskSpec {
        Objects.requireNonNull(taskUUID, "taskUUID");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(mode, "mode");
        if (expectedItems < 1) {
            expectedItems = 1;
        }
    }

    public TaskSpec(String taskUUID, String taskType, ObjectNode json, Mode mode, int expectedItems) {
        this(taskUUID, taskType, json, mode, expectedItems, null);
    }

    /** A {@code getResponse} poll for {@code taskUUID}. */
    public static TaskSpec poll(String taskUUID) {
        ObjectNode json = dev.airgen.runtime.types.Json.mapper().createObjectNode();
        json.put("taskType", "getResponse");
        json.put("taskUUID", taskUUID);
        return new TaskSpec(taskUUID, "getResponse", json, Mode.POLL, 1);
    }
}
