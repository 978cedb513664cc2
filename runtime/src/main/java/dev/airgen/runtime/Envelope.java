package dev.airgen.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A server answer split into result items and error objects. Accepts every shape Runware uses:
 * {@code {"data":[...]}}, {@code {"errors":[...]}}, both together, {@code {"error":{...}}} or
 * {@code {"error":[...]}}, the legacy {@code {"error":true,"errorMessage":...}}, and a bare
 * {@code [...]} array of items.
 *
 * @param items  the result items in order
 * @param errors the error objects in order
 */
record Envelope(List<JsonNode> items, List<ApiError> errors) {

    public Envelope {
        items = List.copyOf(items);
        errors = List.copyOf(errors);
    }

    /**
     * Reads an answer. Errors without their own {@code taskUUID} take the one beside them, as
     * pre-stream errors put it there.
     *
     * @throws MalformedResponseException when the value is neither an object nor an array, or an
     *                                    envelope member has the wrong shape
     */
    public static Envelope parse(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new MalformedResponseException("empty answer");
        }
        List<JsonNode> items = new ArrayList<>();
        List<ApiError> errors = new ArrayList<>();
        if (body.isArray()) {
            for (JsonNode item : body) {
                requireObject(item, "array element");
                items.add(item);
            }
            return new Envelope(items, errors);
        }
        if (!body.isObject()) {
            throw new MalformedResponseException("answer is a JSON " + body.getNodeType().name().toLowerCase()
                    + ", not an object");
        }
        String outerTask = text(body, "taskUUID");
        JsonNode data = body.get("data");
        if (data != null && !data.isNull()) {
            if (data.isArray()) {
                for (JsonNode item : data) {
                    requireObject(item, "data element");
                    items.add(item);
                }
            } else if (data.isObject()) {
                items.add(data);
            } else {
                throw new MalformedResponseException("'data' is not an array");
            }
        }
        addErrors(body.get("errors"), "errors", outerTask, errors);
        JsonNode single = body.get("error");
        if (single != null && !single.isNull()) {
            if (single.isBoolean()) {
                if (single.asBoolean()) {
                    errors.add(legacy(body, outerTask));
                }
            } else {
                addErrors(single, "error", outerTask, errors);
            }
        }
        if (data == null && body.get("errors") == null && single == null) {
            throw new MalformedResponseException("answer has none of 'data', 'errors' or 'error'");
        }
        return new Envelope(items, errors);
    }

    private static void addErrors(JsonNode node, String member, String outerTask, List<ApiError> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode e : node) {
                out.add(error(e, member, outerTask));
            }
        } else {
            out.add(error(node, member, outerTask));
        }
    }

    private static ApiError error(JsonNode e, String member, String outerTask) {
        if (e.isString()) {
            return new ApiError(null, e.asString(), List.of(), outerTask, null, null);
        }
        requireObject(e, "'" + member + "' element");
        List<String> parameters = new ArrayList<>();
        JsonNode p = e.get("parameter");
        if (p == null) {
            p = e.get("parameters");
        }
        if (p != null && p.isArray()) {
            for (JsonNode name : p) {
                if (name.isString()) {
                    parameters.add(name.asString());
                }
            }
        } else if (p != null && p.isString()) {
            parameters.add(p.asString());
        }
        String taskUUID = text(e, "taskUUID");
        String message = text(e, "message");
        if (message == null) {
            message = text(e, "errorMessage");
        }
        return new ApiError(text(e, "code"), message, parameters,
                taskUUID != null ? taskUUID : outerTask, text(e, "taskType"), text(e, "documentation"),
                Failures.seconds(text(e, "retryAfter")));
    }

    private static ApiError legacy(JsonNode body, String outerTask) {
        String message = text(body, "errorMessage");
        String code = text(body, "errorId");
        if (message != null && message.toLowerCase().contains("api key")) {
            code = "invalidApiKey";
        }
        return new ApiError(code, message, List.of(), outerTask, null, null);
    }

    private static void requireObject(JsonNode node, String what) {
        if (!node.isObject()) {
            throw new MalformedResponseException(what + " is a JSON " + node.getNodeType().name().toLowerCase()
                    + ", not an object");
        }
    }

    /** A member as text (value nodes as their text, containers as JSON), or null when absent or null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asString() : v.toString();
    }

    /** Items whose {@code taskUUID} is {@code uuid}. */
    public List<JsonNode> itemsFor(String uuid) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (uuid.equals(text(item, "taskUUID"))) {
                out.add(item);
            }
        }
        return out;
    }

    /** Errors that name {@code uuid}. */
    public List<ApiError> errorsFor(String uuid) {
        List<ApiError> out = new ArrayList<>();
        for (ApiError e : errors) {
            if (uuid.equals(e.taskUUID())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Errors that name no task (they concern the whole request). */
    public List<ApiError> unroutedErrors(Map<String, ?> known) {
        return errors.stream().filter(e -> e.taskUUID() == null || !known.containsKey(e.taskUUID())).toList();
    }
}
