package dev.airgen.runtime;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What arrived for one task: its items and the errors that name it (or the whole request).
 *
 * @param taskUUID   the task
 * @param items      result items, in arrival order
 * @param errors     error objects for this task
 * @param httpStatus the HTTP status of the answer, or 0 on WebSocket
 */
record TaskReply(String taskUUID, List<JsonNode> items, List<ApiError> errors, int httpStatus) {

    public TaskReply {
        items = List.copyOf(items);
        errors = List.copyOf(errors);
    }
}
