package dev.airgen.runtime;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A key that stays the same for the same result item across repeated answers (cumulative polls, a
 * replayed WebSocket frame, a result that arrives both pushed and polled), so each result counts once.
 */
final class ResultKey {

    private static final String[] MEDIA_KEYS = {
            "imageUUID", "videoUUID", "audioUUID", "modelUUID", "mediaUUID", "guideImageUUID", "maskImageUUID"};

    private ResultKey() {
    }

    /**
     * Whether an item is a finished result: a polled one says {@code success}, a pushed one has no status
     * but carries more than the task's identity (an acknowledgement is only {@code taskType} and
     * {@code taskUUID}).
     */
    public static boolean isResult(JsonNode item) {
        String status = Envelope.text(item, "status");
        if (status != null) {
            return status.equalsIgnoreCase("success") || status.equalsIgnoreCase("completed");
        }
        for (var e : item.properties()) {
            if (!e.getKey().equals("taskType") && !e.getKey().equals("taskUUID")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first media UUID when there is one (pushed and polled copies of a result both carry it), else
     * {@code resultIndex}, else the item without its status fields.
     */
    public static String of(JsonNode item) {
        for (String k : MEDIA_KEYS) {
            String v = Envelope.text(item, k);
            if (v != null) {
                return k + ":" + v;
            }
        }
        JsonNode index = item.get("resultIndex");
        if (index != null && !index.isNull()) {
            return "#" + index.asString();
        }
        if (!(item instanceof ObjectNode object)) {
            return item.toString();
        }
        ObjectNode copy = object.deepCopy();
        copy.remove("status");
        copy.remove("progress");
        return copy.toString();
    }
}
