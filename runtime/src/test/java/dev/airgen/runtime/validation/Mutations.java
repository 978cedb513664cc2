package dev.airgen.runtime.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Near misses of a valid request: every field in turn removed or replaced by values of each JSON kind,
 * numbers moved across likely bounds, strings emptied or lengthened, unknown fields added. Deterministic
 * for a given random source.
 */
final class Mutations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Mutations() {
    }

    static List<JsonNode> of(JsonNode valid, Random random) {
        List<JsonNode> out = new ArrayList<>();
        List<List<Object>> paths = new ArrayList<>();
        collect(valid, new ArrayList<>(), paths);
        for (List<Object> path : paths) {
            JsonNode current = at(valid, path);
            for (JsonNode replacement : replacements(current, random)) {
                out.add(replace(valid, path, replacement));
            }
            out.add(replace(valid, path, null));
        }
        ObjectNode unknown = (ObjectNode) valid.deepCopy();
        unknown.put("notAParameter" + random.nextInt(100), 1);
        out.add(unknown);
        return out;
    }

    private static void collect(JsonNode node, List<Object> at, List<List<Object>> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                List<Object> path = new ArrayList<>(at);
                path.add(e.getKey());
                out.add(path);
                collect(e.getValue(), path, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> path = new ArrayList<>(at);
                path.add(i);
                out.add(path);
                collect(node.get(i), path, out);
            }
        }
    }

    private static List<JsonNode> replacements(JsonNode current, Random random) {
        List<JsonNode> out = new ArrayList<>(List.of(NODES.nullNode(), NODES.booleanNode(random.nextBoolean()),
                NODES.stringNode(""), NODES.stringNode("x"), NODES.stringNode("https://example.com/a.png"),
                NODES.stringNode("not a uri"), NODES.stringNode("2b1c7b0e-3c1a-4f6e-9d2b-8a7e5c4d3b2a"),
                NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1.5), NODES.numberNode(1.0),
                NODES.numberNode(2_147_483_648L), NODES.arrayNode(), NODES.objectNode(),
                // signed zero, numbers past every 64-bit range, and strings for the other formats
                NODES.numberNode(-0.0), NODES.numberNode(new java.math.BigInteger("9223372036854775808")),
                NODES.numberNode(1e308), NODES.numberNode(-1e308), NODES.numberNode(new java.math.BigInteger("99999999999999999999999")),
                NODES.stringNode("P1D"), NODES.stringNode("1 day"), NODES.stringNode("(["),
                NODES.stringNode("2026-12-01T10:00:00Z"), NODES.stringNode("someone@example.com")));
        if (current.isNumber()) {
            double v = current.doubleValue();
            out.add(NODES.numberNode((long) v + 1));
            out.add(NODES.numberNode((long) v - 1));
            out.add(NODES.numberNode(v + 0.5));
            out.add(NODES.numberNode(v * 64));
            out.add(NODES.numberNode((long) v + random.nextInt(200) - 100));
        }
        if (current.isString()) {
            out.add(NODES.stringNode(current.asString() + "\uD83D\uDE00"));
            out.add(NODES.stringNode(current.asString().repeat(40)));
            out.add(NODES.stringNode(current.asString().toUpperCase(java.util.Locale.ROOT)));
        }
        if (current.isArray()) {
            ArrayNode doubled = (ArrayNode) current.deepCopy();
            current.forEach(doubled::add);
            out.add(doubled);
            out.add(NODES.arrayNode().add("x").add("x"));
        }
        if (current.isObject()) {
            ObjectNode extra = (ObjectNode) current.deepCopy();
            extra.put("unknownField", true);
            out.add(extra);
        }
        return out;
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object segment : path) {
            node = segment instanceof Integer i ? node.get(i) : node.get((String) segment);
        }
        return node;
    }

    /** A copy of {@code root} with the value at {@code path} replaced, or removed when {@code value} is null. */
    private static JsonNode replace(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = at(copy, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove((String) last);
            } else {
                object.set((String) last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            if (value == null) {
                array.remove((int) (Integer) last);
            } else {
                array.set((int) (Integer) last, value);
            }
        }
        return copy;
    }

}
