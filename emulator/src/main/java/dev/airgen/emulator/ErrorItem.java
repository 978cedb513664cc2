package dev.airgen.emulator;

import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Runware-style error item. {@code parameter} is either one name or, for rules that involve
 * several fields at once, a list of names.
 */
record ErrorItem(int httpStatus, String code, String message, List<String> parameters, String taskType,
                String taskUUID, String documentation) {

    ErrorItem {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    static ErrorItem of(int status, String code, String message) {
        return new ErrorItem(status, code, message, List.of(), null, null, null);
    }

    static ErrorItem param(int status, String code, String message, String parameter) {
        return new ErrorItem(status, code, message, parameter == null ? List.of() : List.of(parameter), null, null, null);
    }

    ErrorItem forTask(String type, String uuid) {
        return new ErrorItem(httpStatus, code, message, parameters, taskType == null ? type : taskType,
                taskUUID == null ? uuid : taskUUID, documentation);
    }

    ErrorItem withDocumentation(String url) {
        return new ErrorItem(httpStatus, code, message, parameters, taskType, taskUUID, url);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodes.object();
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
