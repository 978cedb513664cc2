package dev.airgen.it;

import dev.airgen.runtime.types.Json;
import java.math.BigDecimal;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The smallest request a schema accepts, for models that ship no example: every required property with
 * its constant, first allowed value, default, or the smallest value its bounds allow; optional ones left
 * out. Local {@code $ref}s are followed; of alternatives the first is taken.
 */
final class MinimalRequest {

    private MinimalRequest() {
    }

    static JsonNode of(JsonNode schema) {
        return value(schema, schema, "", 0);
    }

    private static JsonNode value(JsonNode root, JsonNode schema, String name, int depth) {
        JsonNode s = resolve(root, schema);
        if (depth > 12 || s == null || !s.isObject()) {
            return Json.mapper().getNodeFactory().stringNode("x");
        }
        if (s.has("const")) {
            return s.get("const");
        }
        if (s.path("enum").isArray() && !s.get("enum").isEmpty()) {
            return s.get("enum").get(0);
        }
        if (s.has("default") && !s.get("default").isNull()) {
            return s.get("default");
        }
        for (String alternatives : new String[] {"oneOf", "anyOf"}) {
            if (s.path(alternatives).isArray() && !s.get(alternatives).isEmpty() && !s.has("type")
                    && !s.has("properties")) {
                return value(root, s.get(alternatives).get(0), name, depth + 1);
            }
        }
        String type = s.path("type").isArray() ? s.get("type").get(0).asString() : s.path("type").asString(
                s.has("properties") || s.has("required") ? "object" : "string");
        return switch (type) {
            case "object" -> object(root, s, depth);
            case "array" -> array(root, s, name, depth);
            case "integer" -> Json.mapper().getNodeFactory().numberNode(number(s, true).longValue());
            case "number" -> Json.mapper().getNodeFactory().numberNode(number(s, false));
            case "boolean" -> Json.mapper().getNodeFactory().booleanNode(false);
            default -> Json.mapper().getNodeFactory().stringNode(string(s, name));
        };
    }

    private static ObjectNode object(JsonNode root, JsonNode s, int depth) {
        ObjectNode out = Json.mapper().createObjectNode();
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        required(root, s, names, 0);
        for (String name : names) {
            out.set(name, value(root, s.path("properties").path(name), name, depth + 1));
        }
        int min = s.path("minProperties").asInt(0);
        if (out.size() < min) {
            for (var p : s.path("properties").properties()) {
                if (out.size() >= min) {
                    break;
                }
                out.putIfAbsent(p.getKey(), value(root, p.getValue(), p.getKey(), depth + 1));
            }
        }
        return out;
    }

    /**
     * What an object schema requires, including what its conditional and combined rules may require: every
     * {@code then}, every {@code allOf} branch and the first {@code oneOf}/{@code anyOf} alternative.
     */
    private static void required(JsonNode root, JsonNode schema, java.util.Set<String> names, int depth) {
        JsonNode s = resolve(root, schema);
        if (s == null || depth > 6) {
            return;
        }
        s.path("required").forEach(r -> names.add(r.asString()));
        required(root, s.path("then"), names, depth + 1);
        s.path("allOf").forEach(branch -> required(root, branch, names, depth + 1));
        required(root, s.path("oneOf").path(0), names, depth + 1);
        required(root, s.path("anyOf").path(0), names, depth + 1);
    }

    private static ArrayNode array(JsonNode root, JsonNode s, String name, int depth) {
        ArrayNode out = Json.mapper().createArrayNode();
        for (int i = Math.max(1, s.path("minItems").asInt(1)); i > 0; i--) {
            out.add(value(root, s.path("items"), name, depth + 1));
        }
        return out;
    }

    private static BigDecimal number(JsonNode s, boolean whole) {
        BigDecimal value = BigDecimal.ONE;
        if (s.path("minimum").isNumber()) {
            value = s.get("minimum").decimalValue();
        } else if (s.path("exclusiveMinimum").isNumber()) {
            value = s.get("exclusiveMinimum").decimalValue().add(whole ? BigDecimal.ONE : new BigDecimal("0.5"));
        } else if (s.path("maximum").isNumber() && s.get("maximum").decimalValue().compareTo(value) < 0) {
            value = s.get("maximum").decimalValue();
        }
        if (s.path("multipleOf").isNumber()) {
            BigDecimal step = s.get("multipleOf").decimalValue();
            BigDecimal[] parts = value.divideAndRemainder(step);
            if (parts[1].signum() != 0) {
                value = parts[0].add(BigDecimal.ONE).multiply(step);
            }
        }
        return value;
    }

    private static String string(JsonNode s, String name) {
        String format = s.path("format").asString("");
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String text;
        if (format.equals("uuid")) {
            text = UUID.randomUUID().toString();
        } else if (format.equals("uri") || lower.contains("image") || lower.contains("video") || lower.contains("audio")
                || lower.contains("url") || lower.contains("media") || lower.contains("frame")) {
            text = "https://example.com/input/" + (lower.contains("video") ? "clip.mp4" : lower.contains("audio") ? "voice.mp3"
                    : "picture.png");
        } else if (format.equals("date-time")) {
            text = "2026-01-01T00:00:00Z";
        } else {
            text = "a fox running through snow";
        }
        int max = s.path("maxLength").asInt(Integer.MAX_VALUE);
        int min = s.path("minLength").asInt(0);
        if (text.length() > max) {
            text = text.substring(0, max);
        }
        while (text.length() < min) {
            text = text + " and more";
        }
        return text;
    }

    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 16 && s != null && s.path("$ref").isString() && s.get("$ref").asString().startsWith("#/"); i++) {
            s = root.at(s.get("$ref").asString().substring(1));
        }
        return s == null || s.isMissingNode() ? null : s;
    }
}
