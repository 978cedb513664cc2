package dev.airgen.generator.schema;

import dev.airgen.schema.keyword.Keywords;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The validation keywords of one schema (ranges, lengths, pattern, item counts, format), kept so that
 * Javadoc can state them. They are enforced at run time against the original schema, not in generated code.
 */
public record Constraints(Map<String, JsonNode> keywords) {

    /** The keywords collected, in this order, whenever a schema states them. */
    public static final List<String> KEYWORDS = Keywords.VALUE_CONSTRAINTS;

    public static final Constraints NONE = new Constraints(Map.of());

    public Constraints {
        keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    public static Constraints of(Map<String, JsonNode> schemaKeywords) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (String keyword : KEYWORDS) {
            JsonNode value = schemaKeywords.get(keyword);
            if (value != null) {
                found.put(keyword, value);
            }
        }
        return found.isEmpty() ? NONE : new Constraints(found);
    }

    public JsonNode get(String keyword) {
        return keywords.get(keyword);
    }

    public boolean isEmpty() {
        return keywords.isEmpty();
    }

    /** True when a numeric bound does not fit a Java {@code int}. */
    public boolean exceedsInt() {
        for (String k : Keywords.NUMERIC_BOUNDS) {
            JsonNode v = keywords.get(k);
            if (v != null && v.isNumber() && (v.asDouble() > Integer.MAX_VALUE || v.asDouble() < Integer.MIN_VALUE)) {
                return true;
            }
        }
        return false;
    }
}
