package dev.airgen.runtime.types;

import java.util.Map;

/** One result item of a task, as delivered by the API. */
public interface TaskResult {

    /** The task type this item answers. */
    String taskType();

    /** The UUID of the task this item belongs to. */
    String taskUUID();

    /** Fields the server sent that the schema this class was generated from does not declare. */
    Map<String, JsonValue> additionalProperties();
}
