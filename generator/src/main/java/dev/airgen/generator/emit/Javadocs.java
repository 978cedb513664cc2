package dev.airgen.generator.emit;

import dev.airgen.generator.lang.JavaText;
import dev.airgen.generator.schema.Constraints;
import dev.airgen.generator.schema.Property;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Javadoc text from schema annotations: description, presence, ranges, defaults, examples. */
final class Javadocs {

    private Javadocs() {
    }

    /** Schema text for Javadoc; see {@link JavaText#javadoc(String)}. */
    static String escape(String text) {
        return JavaText.javadoc(text);
    }

    static String property(Property p) {
        List<String> parts = new ArrayList<>();
        if (p.description() != null && !p.description().isBlank()) {
            parts.add(escape(p.description()));
        }
        List<String> facts = new ArrayList<>();
        facts.add(p.required() ? "Required." : "Optional.");
        if (p.nullable()) {
            facts.add("May be {@code null}.");
        }
        String constraints = constraints(p.constraints());
        if (!constraints.isEmpty()) {
            facts.add(constraints);
        }
        if (p.defaultValue() != null) {
            facts.add("Default: {@code " + literal(p.defaultValue()) + "}.");
        }
        if (!p.examples().isEmpty()) {
            List<String> ex = new ArrayList<>();
            for (JsonNode e : p.examples().subList(0, Math.min(3, p.examples().size()))) {
                ex.add("{@code " + literal(e) + "}");
            }
            facts.add("Examples: " + String.join(", ", ex) + ".");
        }
        if (p.deprecated()) {
            facts.add("Deprecated by the API.");
        }
        parts.add(String.join(" ", facts));
        return String.join("\n<p>", parts) + "\n<p>JSON: {@code " + escape(p.name()) + "}.\n";
    }

    static String constraints(Constraints c) {
        List<String> out = new ArrayList<>();
        String min = bound(c, "minimum", "exclusiveMinimum", "≥", ">");
        String max = bound(c, "maximum", "exclusiveMaximum", "≤", "<");
        if (!min.isEmpty() || !max.isEmpty()) {
            out.add("Range: " + String.join(" and ", nonEmpty(min, max)) + ".");
        }
        add(out, c, "multipleOf", "Multiple of %s.");
        add(out, c, "minLength", "At least %s characters.");
        add(out, c, "maxLength", "At most %s characters.");
        add(out, c, "pattern", "Pattern: {@code %s}.");
        add(out, c, "format", "Format: %s.");
        add(out, c, "minItems", "At least %s items.");
        add(out, c, "maxItems", "At most %s items.");
        if (c.get("uniqueItems") != null && c.get("uniqueItems").asBoolean(false)) {
            out.add("Items must be unique.");
        }
        return String.join(" ", out);
    }

    private static List<String> nonEmpty(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static String bound(Constraints c, String inclusive, String exclusive, String inSymbol, String exSymbol) {
        JsonNode ex = c.get(exclusive);
        if (ex != null && ex.isNumber()) {
            return exSymbol + " " + ex;
        }
        JsonNode in = c.get(inclusive);
        if (in != null && in.isNumber()) {
            return (ex != null && ex.asBoolean(false) ? exSymbol : inSymbol) + " " + in;
        }
        return "";
    }

    private static void add(List<String> out, Constraints c, String keyword, String format) {
        JsonNode v = c.get(keyword);
        if (v != null) {
            out.add(String.format(format, escape(v.isString() ? v.asString() : v.toString())));
        }
    }

    /** A JSON value as Javadoc text (for use inside a code span), shortened to about 120 characters. */
    static String literal(JsonNode value) {
        String text = value.toString();
        return escape(text.length() > 120 ? text.substring(0, 117) + "..." : text);
    }
}
