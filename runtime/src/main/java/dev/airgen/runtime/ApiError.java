package dev.airgen.runtime;

import java.util.List;

/**
 * One error object as the server sent it, normalised: {@code parameter} is always a list (the
 * server sends a string, or an array for rules that involve several fields).
 *
 * @param code          the raw code, for example {@code invalidPositivePrompt}; may be null
 * @param message       the human text, scrubbed of the API key
 * @param parameters    the blamed parameters, never null
 * @param taskUUID      the task it belongs to, or null when it concerns the whole request
 * @param taskType      the task type, when the server named it
 * @param documentation a documentation link, when sent
 */
public record ApiError(String code, String message, List<String> parameters, String taskUUID,
                       String taskType, String documentation) {

    public ApiError {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
}
