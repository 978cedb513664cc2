package dev.airgen.emulator;

import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Runware-style error item. {@code parameter} is either one name or, for rules that involve
 * several fields at once, a list of names.
 */
record ApiError(int httpStatus, String code, String message, List<String> parameters, String taskType,
                String taskUUID, String documentation) {

    ApiError {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, List.of(), null, null, null);
    }

    static ApiError param(int status, String code, String message, String parameter) {
        return new ApiError(status, code, message, parameter == null ? List.of() : List.of(parameter), null, null, null);
    }

    ApiError forTask(String type, String uuid) {
        return new ApiError(httpStatus, code, message, parameters, taskType == null ? type : taskType,
                taskUUID == null ? uuid : taskUUID, documentation);
    }

    ApiError withDocumentation(String url) {
        return new ApiError(httpStatus, code, message, parameters, taskType, taskUUID, url);
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("code", code);
        o.put("message", message);
        if (parameters.size() == 1) {
            o.put("parameter", parameters.get(0));
        } else if (parameters.size() > 1) {
            ArrayNode a = o.putArray("parameter");
            parameters.forEach(a::add);
        }
        if (taskType != null) {
            o.put("taskType", taskType);
        }
        if (taskUUID != null) {
            o.put("taskUUID", taskUUID);
        }
        if (documentation != null) {
            o.put("documentation", documentation);
        }
        return o;
    }
}
