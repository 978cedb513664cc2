package dev.airgen.runtime.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded mutations of a valid request, guided by the request's schema: a required field dropped, a value of
 * the wrong JSON type, a number or length just past (or exactly on) a declared bound, a string that breaks a
 * declared format or pattern, an unknown property, and absent properties added together so rules between
 * fields ({@code not}, {@code if}/{@code then}, {@code dependentRequired}, {@code oneOf}) come into play.
 * About one mutation in four stacks a second one on the first.
 */
final class SchemaGuidedMutations {

    enum Kind { DROPPED_FIELD, WRONG_TYPE, OUT_OF_RANGE, BAD_FORMAT, EXTRA_PROPERTY, CROSS_FIELD }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] BAD_STRINGS = {"", "x", "not a uri", "1 day", "([", "2026-13-01T10:00:00Z",
        "6e1a8c53", "someone@", "https://", "P", "-1", "\u0000", "ABC", "https://example.com/a.png",
        "2b1c7b0e-3c1a-4f6e-9d2b-8a7e5c4d3b2a", "2026-12-01T10:00:00Z", "P1D", "data:image/png;base64,AAAA"};

    private final JsonNode schemaRoot;

    SchemaGuidedMutations(JsonNode schemaRoot) {
        this.schemaRoot = schemaRoot;
    }

    /** A mutated copy of {@code valid}; {@code kinds} receives the kinds applied. */
    JsonNode mutate(JsonNode valid, Random r, List<Kind> kinds) {
        JsonNode copy = valid.deepCopy();
        int count = r.nextInt(4) == 0 ? 2 : 1;
        for (int i = 0; i < count; i++) {
            Kind kind = Kind.values()[r.nextInt(Kind.values().length)];
            kinds.add(kind);
            copy = apply(kind, copy, r);
        }
        return copy;
    }

    /** A place in the instance: its parent container, the key or index in it, and the schemas that describe it. */
    private record Site(JsonNode parent, Object key, JsonNode value, List<JsonNode> schemas) {
    }

    private JsonNode apply(Kind kind, JsonNode root, Random r) {
        List<Site> sites = new ArrayList<>();
        collect(null, null, root, candidates(schemaRoot), sites);
        switch (kind) {
            case DROPPED_FIELD -> {
                Site s = pick(sites, r, x -> x.value().isObject() && !x.value().isEmpty());
                if (s != null) {
                    List<String> keys = new ArrayList<>();
                    List<String> required = new ArrayList<>();
                    s.value().properties().forEach(e -> keys.add(e.getKey()));
                    for (JsonNode schema : s.schemas()) {
                        schema.path("required").forEach(n -> {
                            if (s.value().has(n.asString())) {
                                required.add(n.asString());
                            }
                        });
                    }
                    List<String> from = !required.isEmpty() && r.nextBoolean() ? required : keys;
                    ((ObjectNode) s.value()).remove(from.get(r.nextInt(from.size())));
                }
                return root;
            }
            case WRONG_TYPE -> {
                Site s = pick(sites, r, x -> x.parent() != null);
                return s == null ? root : set(root, s, otherKind(s.value(), r));
            }
            case OUT_OF_RANGE -> {
                Site s = pick(sites, r, x -> x.parent() != null && bounded(x.schemas()));
                return s == null ? apply(Kind.WRONG_TYPE, root, r) : set(root, s, pastBound(s, r));
            }
            case BAD_FORMAT -> {
                Site s = pick(sites, r, x -> x.parent() != null && x.value().isString());
                return s == null ? apply(Kind.WRONG_TYPE, root, r)
                        : set(root, s, NODES.stringNode(BAD_STRINGS[r.nextInt(BAD_STRINGS.length)]));
            }
            case EXTRA_PROPERTY -> {
                Site s = pick(sites, r, x -> x.value().isObject());
                if (s != null) {
                    ((ObjectNode) s.value()).set("unknown" + r.nextInt(4), r.nextBoolean() ? NODES.booleanNode(true)
                            : NODES.stringNode("x"));
                }
                return root;
            }
            default -> {
                Site s = pick(sites, r, x -> x.value().isObject() && !absent(x).isEmpty());
                if (s != null) {
                    List<Map.Entry<String, JsonNode>> absent = absent(s);
                    for (int n = 1 + r.nextInt(3); n > 0 && !absent.isEmpty(); n--) {
                        Map.Entry<String, JsonNode> p = absent.remove(r.nextInt(absent.size()));
                        ((ObjectNode) s.value()).set(p.getKey(), plausible(candidates(p.getValue()), r, 0));
                    }
                }
                return root;
            }
        }
    }

    private void collect(JsonNode parent, Object key, JsonNode value, List<JsonNode> schemas, List<Site> out) {
        out.add(new Site(parent, key, value, schemas));
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                List<JsonNode> child = new ArrayList<>();
                for (JsonNode s : schemas) {
                    JsonNode p = s.path("properties").get(e.getKey());
                    if (p != null) {
                        child.addAll(candidates(p));
                    }
                }
                collect(value, e.getKey(), e.getValue(), child, out);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                List<JsonNode> child = new ArrayList<>();
                for (JsonNode s : schemas) {
                    if (s.has("items") && s.get("items").isObject()) {
                        child.addAll(candidates(s.get("items")));
                    }
                }
                collect(value, i, value.get(i), child, out);
            }
        }
    }

    /** The schema with its local {@code $ref} followed, plus the branches of its combinators. */
    private List<JsonNode> candidates(JsonNode schema) {
        List<JsonNode> out = new ArrayList<>();
        addCandidates(schema, out, 0);
        return out;
    }

    private void addCandidates(JsonNode schema, List<JsonNode> out, int depth) {
        if (schema == null || !schema.isObject() || depth > 4) {
            return;
        }
        out.add(schema);
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isString() && ref.asString().startsWith("#")) {
            addCandidates(schemaRoot.at(ref.asString().substring(1)), out, depth + 1);
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode branch : schema.path(combinator)) {
                addCandidates(branch, out, depth + 1);
            }
        }
        for (String conditional : List.of("then", "else")) {
            addCandidates(schema.get(conditional), out, depth + 1);
        }
    }

    private static boolean bounded(List<JsonNode> schemas) {
        for (JsonNode s : schemas) {
            for (String k : List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
                    "minLength", "maxLength", "minItems", "maxItems", "enum", "const", "pattern")) {
                if (s.has(k)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode pastBound(Site site, Random r) {
        List<JsonNode> constrained = new ArrayList<>();
        for (JsonNode s : site.schemas()) {
            if (bounded(List.of(s))) {
                constrained.add(s);
            }
        }
        JsonNode s = constrained.get(r.nextInt(constrained.size()));
        List<JsonNode> options = new ArrayList<>();
        for (String k : List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) {
            if (s.path(k).isNumber()) {
                BigDecimal bound = s.get(k).decimalValue();
                BigDecimal step = BigDecimal.ONE.movePointLeft(r.nextInt(3));
                options.add(NODES.numberNode(bound));
                options.add(NODES.numberNode(k.contains("inimum") ? bound.subtract(step) : bound.add(step)));
                options.add(NODES.numberNode(k.contains("inimum") ? bound.longValue() - 1 : bound.longValue() + 1));
            }
        }
        if (s.path("multipleOf").isNumber()) {
            BigDecimal m = s.get("multipleOf").decimalValue();
            options.add(NODES.numberNode(m.multiply(BigDecimal.valueOf(3)).add(m.divide(BigDecimal.valueOf(2)))));
        }
        String base = site.value().isString() ? site.value().asString() : "a";
        if (s.path("minLength").isNumber()) {
            int n = s.get("minLength").asInt();
            options.add(NODES.stringNode("a".repeat(Math.max(0, n - 1))));
            options.add(NODES.stringNode("\uD83D\uDE00".repeat(Math.max(0, n - 1))));
        }
        if (s.path("maxLength").isNumber()) {
            int n = Math.min(s.get("maxLength").asInt(), 100_000);
            options.add(NODES.stringNode("a".repeat(n)));
            options.add(NODES.stringNode(base + "b".repeat(Math.max(1, n + 1 - base.length()))));
        }
        if (s.path("minItems").isNumber() || s.path("maxItems").isNumber()) {
            ArrayNode shorter = NODES.arrayNode();
            ArrayNode longer = NODES.arrayNode();
            JsonNode item = site.value().isArray() && !site.value().isEmpty() ? site.value().get(0) : NODES.stringNode("x");
            int min = s.path("minItems").asInt(0);
            int max = Math.min(s.path("maxItems").asInt(min + 2), 200);
            for (int i = 0; i < Math.max(0, min - 1); i++) {
                shorter.add(item.deepCopy());
            }
            for (int i = 0; i <= max; i++) {
                longer.add(item.deepCopy());
            }
            options.add(shorter);
            options.add(longer);
        }
        for (String k : List.of("enum", "const")) {
            JsonNode values = s.get(k);
            if (values != null) {
                JsonNode one = values.isArray() && !values.isEmpty() ? values.get(r.nextInt(values.size())) : values;
                if (one.isString()) {
                    options.add(NODES.stringNode(one.asString().toUpperCase(java.util.Locale.ROOT) + "x"));
                    options.add(NODES.stringNode(one.asString().trim() + " "));
                } else if (one.isNumber()) {
                    options.add(NODES.numberNode(one.decimalValue().add(BigDecimal.ONE)));
                    options.add(NODES.numberNode(one.doubleValue()));
                }
                options.add(one.deepCopy());
            }
        }
        if (s.has("pattern")) {
            options.add(NODES.stringNode(BAD_STRINGS[r.nextInt(BAD_STRINGS.length)]));
        }
        return options.isEmpty() ? otherKind(site.value(), r) : options.get(r.nextInt(options.size()));
    }

    private static JsonNode otherKind(JsonNode value, Random r) {
        List<JsonNode> options = new ArrayList<>(List.of(NODES.nullNode(), NODES.booleanNode(r.nextBoolean()),
                NODES.stringNode("12"), NODES.numberNode(12), NODES.numberNode(12.5), NODES.numberNode(12.0),
                NODES.arrayNode().add(value.deepCopy()), NODES.objectNode()));
        options.removeIf(o -> o.getNodeType() == value.getNodeType() && o.isIntegralNumber() == value.isIntegralNumber());
        return options.get(r.nextInt(options.size()));
    }

    /** Properties the schemas of an object site declare that the instance does not have yet. */
    private static List<Map.Entry<String, JsonNode>> absent(Site site) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (JsonNode s : site.schemas()) {
            for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
                if (!site.value().has(p.getKey()) && out.stream().noneMatch(e -> e.getKey().equals(p.getKey()))) {
                    out.add(Map.entry(p.getKey(), p.getValue()));
                }
            }
        }
        return out;
    }

    /** A value the property's schema probably accepts: a const, enum value, default, example or a bound. */
    private JsonNode plausible(List<JsonNode> schemas, Random r, int depth) {
        JsonNode s = schemas.isEmpty() ? NODES.objectNode() : schemas.get(r.nextInt(schemas.size()));
        if (s.has("const")) {
            return s.get("const").deepCopy();
        }
        if (s.path("enum").isArray() && !s.get("enum").isEmpty()) {
            return s.get("enum").get(r.nextInt(s.get("enum").size())).deepCopy();
        }
        if (s.has("default") && r.nextBoolean()) {
            return s.get("default").deepCopy();
        }
        if (s.path("examples").isArray() && !s.get("examples").isEmpty()) {
            return s.get("examples").get(0).deepCopy();
        }
        String type = s.path("type").isString() ? s.get("type").asString() : "";
        return switch (type) {
            case "integer", "number" -> s.path("minimum").isNumber() && r.nextBoolean() ? s.get("minimum").deepCopy()
                    : s.path("maximum").isNumber() ? s.get("maximum").deepCopy() : NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(r.nextBoolean());
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                if (depth < 3) {
                    a.add(plausible(candidates(s.path("items")), r, depth + 1));
                }
                yield a;
            }
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                Iterator<JsonNode> required = s.path("required").iterator();
                while (required.hasNext() && depth < 3) {
                    String name = required.next().asString();
                    o.set(name, plausible(candidates(s.path("properties").path(name)), r, depth + 1));
                }
                yield o;
            }
            default -> NODES.stringNode(r.nextBoolean() ? "https://example.com/a.png" : "a lighthouse");
        };
    }

    private static Site pick(List<Site> sites, Random r, java.util.function.Predicate<Site> filter) {
        List<Site> matching = new ArrayList<>();
        for (Site s : sites) {
            if (filter.test(s)) {
                matching.add(s);
            }
        }
        return matching.isEmpty() ? null : matching.get(r.nextInt(matching.size()));
    }

    private static JsonNode set(JsonNode root, Site site, JsonNode value) {
        if (site.parent() instanceof ObjectNode o) {
            o.set((String) site.key(), value);
        } else if (site.parent() instanceof ArrayNode a) {
            a.set((Integer) site.key(), value);
        }
        return root;
    }
}
