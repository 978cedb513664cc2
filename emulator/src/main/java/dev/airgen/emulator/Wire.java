package dev.airgen.emulator;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON the emulator reads and writes on the wire: task arrays in (JSON, array shape, task count) and error bodies out. */
final class Wire {
    private Wire() {
    }

    record Parsed(List<JsonNode> tasks, ErrorItem error) {
    }

    static Parsed parse(String text, int maxTasks) {
        JsonNode root;
        try {
            root = JsonNodes.parse(text);
        } catch (JacksonException e) {
            String why = e.getOriginalMessage();
            return new Parsed(null, ErrorItem.of(400, "invalidJson",
                    "The body is not valid JSON: " + TaskEngine.abbreviate(why == null ? "parse error" : why)));
        }
        if (root == null || root.isMissingNode() || !root.isArray()) {
            return new Parsed(null, ErrorItem.of(400, "invalidRequestBody",
                    "The body must be a JSON array of task objects, even for one task"));
        }
        if (root.isEmpty()) {
            return new Parsed(null, ErrorItem.of(400, "missingTasks", "The request array holds no task"));
        }
        if (root.size() > maxTasks) {
            return new Parsed(null, ErrorItem.of(400, "maxTasksPerRequestExceeded",
                    "A request may hold at most " + maxTasks + " tasks; this one holds " + root.size()));
        }
        List<JsonNode> tasks = new ArrayList<>(root.size());
        root.forEach(tasks::add);
        return new Parsed(tasks, null);
    }

    static boolean isAuthentication(JsonNode task) {
        return task.isObject() && "authentication".equals(JsonNodes.text(task, "taskType"));
    }

    static ObjectNode errors(List<ErrorItem> errors) {
        ObjectNode o = JsonNodes.object();
        ArrayNode a = o.putArray("errors");
        errors.forEach(e -> a.add(e.toJson()));
        return o;
    }

    static ObjectNode data(List<ObjectNode> items) {
        ObjectNode o = JsonNodes.object();
        ArrayNode a = o.putArray("data");
        items.forEach(a::add);
        return o;
    }

    static ObjectNode ack(Job job) {
        ObjectNode o = JsonNodes.object();
        o.put("taskType", job.taskType);
        o.put("taskUUID", job.taskUUID);
        return o;
    }
}
