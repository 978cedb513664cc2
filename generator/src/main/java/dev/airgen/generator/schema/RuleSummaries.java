package dev.airgen.generator.schema;

import dev.airgen.generator.lang.JavaText;
import dev.airgen.schema.keyword.Keywords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Plain-language summaries of cross-field rules, for the Javadoc of the classes they constrain. Every piece
 * taken from the schema (names, values, titles) is escaped for Javadoc here, so a summary is safe to emit as is.
 */
final class RuleSummaries {

    private static final int MAX_LITERAL = 160;

    private RuleSummaries() {
    }

    static String summarize(JsonNode rule) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : rule.properties()) {
            String keyword = e.getKey();
            JsonNode value = e.getValue();
            if (!Keywords.CROSS_FIELD.contains(keyword)) {
                if (Keywords.ANNOTATIONS.contains(keyword)) {
                    continue;
                }
                // Not only a rule: say what the whole schema requires.
                parts.add(describe(rule));
                return capitalize(String.join("; ", parts)) + ".";
            }
            switch (keyword) {
                case "dependentRequired", "dependencies" -> {
                    for (Map.Entry<String, JsonNode> d : value.properties()) {
                        if (d.getValue().isArray()) {
                            parts.add("when " + code(d.getKey()) + " is set, " + list(d.getValue()) + " must be set too");
                        } else {
                            parts.add("when " + code(d.getKey()) + " is set: " + describe(d.getValue()));
                        }
                    }
                }
                case "dependentSchemas" -> value.properties().forEach(d ->
                        parts.add("when " + code(d.getKey()) + " is set: " + describe(d.getValue())));
                case "oneOf" -> parts.add("exactly one of these must hold: " + alternatives(value));
                case "anyOf" -> parts.add("at least one of these must hold: " + alternatives(value));
                case "not" -> parts.add("not allowed: " + describe(value));
                case "if" -> {
                    String text = "if " + describe(value) + ", then " + (rule.has("then") ? describe(rule.get("then")) : "anything");
                    if (rule.has("else")) {
                        text += "; otherwise " + describe(rule.get("else"));
                    }
                    parts.add(text);
                }
                default -> { } // then and else: phrased with their if
            }
        }
        if (parts.isEmpty()) {
            parts.add(describe(rule));
        }
        String title = rule.path("title").isString() ? JavaText.javadoc(rule.get("title").asString()) + ": " : "";
        return capitalize(title + String.join("; ", parts)) + ".";
    }

    private static String alternatives(JsonNode branches) {
        List<String> out = new ArrayList<>();
        for (JsonNode branch : branches) {
            out.add("(" + describe(branch) + ")");
        }
        return String.join(", ", out);
    }

    /** A short description of what a schema requires of an object. */
    static String describe(JsonNode schema) {
        if (schema.isBoolean()) {
            return schema.asBoolean() ? "anything" : "nothing";
        }
        List<String> parts = new ArrayList<>();
        if (schema.path("required").isArray() && !schema.get("required").isEmpty()) {
            parts.add(list(schema.get("required")) + (schema.get("required").size() == 1 ? " is set" : " are set"));
        }
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            JsonNode s = p.getValue();
            if (s.has("const")) {
                parts.add(code(p.getKey()) + " = " + literal(s.get("const")));
            } else if (s.has("enum")) {
                parts.add(code(p.getKey()) + " in " + literal(s.get("enum")));
            } else if (s.has("minimum") || s.has("maximum")) {
                parts.add(code(p.getKey()) + " in [" + bound(s.path("minimum")) + ", " + bound(s.path("maximum")) + "]");
            } else if (s.has("not")) {
                parts.add(code(p.getKey()) + " " + describe(s.get("not")).replaceFirst("^", "not "));
            } else {
                parts.add(code(p.getKey()) + " matches " + literal(s));
            }
        }
        if (schema.has("not")) {
            parts.add("not (" + describe(schema.get("not")) + ")");
        }
        if (schema.has("oneOf")) {
            parts.add("one of " + alternatives(schema.get("oneOf")));
        }
        if (schema.has("anyOf")) {
            parts.add("any of " + alternatives(schema.get("anyOf")));
        }
        if (parts.isEmpty()) {
            return literal(schema);
        }
        String joined = String.join(" and ", parts);
        return schema.path("title").isString() ? JavaText.javadoc(schema.get("title").asString()) + ": " + joined : joined;
    }

    private static String list(JsonNode names) {
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(code(n.asString())));
        return String.join(", ", out);
    }

    private static String code(String name) {
        return "{@code " + JavaText.javadoc(name) + "}";
    }

    private static String literal(JsonNode node) {
        String text = node.toString();
        return JavaText.javadoc(text.length() <= MAX_LITERAL ? text : text.substring(0, MAX_LITERAL) + "…");
    }

    private static String bound(JsonNode value) {
        return value.isMissingNode() ? "…" : literal(value);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
