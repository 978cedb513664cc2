package dev.airgen.schema.keyword;

import java.util.List;
import java.util.Set;

/**
 * What the JSON Schema keywords AIRgen reads mean, in one table: which hold schemas (and how), which hold
 * data, which only annotate, which bound a value from below or above, and which state a rule across
 * properties. The generator's type mapper, its input limits, the schema diff, the embedded-{@code $id}
 * search and the violation mapper all read these sets instead of keeping lists of their own.
 */
public final class Keywords {

    /** Keywords whose value is one schema (or, for {@code items} in old drafts, a list of them). */
    public static final Set<String> SUBSCHEMA = Set.of("items", "additionalProperties", "not", "if", "then", "else",
            "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems", "additionalItems");

    /** Keywords whose value is a list of schemas. */
    public static final Set<String> SUBSCHEMA_LIST = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

    /** Keywords whose value maps names (or patterns) to schemas. */
    public static final Set<String> SUBSCHEMA_MAP = Set.of("properties", "patternProperties", "$defs", "definitions",
            "dependentSchemas");

    /** Keywords whose value is data (values to compare or show), never a schema. */
    public static final Set<String> DATA = Set.of("enum", "const", "default", "examples", "example");

    /** Keywords that only annotate: they change nothing about what is valid. */
    public static final Set<String> ANNOTATIONS = Set.of("title", "description", "examples", "example", "default",
            "$comment", "deprecated", "readOnly", "writeOnly");

    /** Alternatives: one ({@code oneOf}) or at least one ({@code anyOf}) branch must hold. */
    public static final List<String> ALTERNATIVES = List.of("oneOf", "anyOf");

    /** Object-level keywords that constrain combinations of properties rather than their shape. */
    public static final Set<String> CROSS_FIELD = Set.of("oneOf", "anyOf", "not", "if", "then", "else",
            "dependentRequired", "dependencies", "dependentSchemas");

    /** Lower bounds: raising one (or adding one) narrows what is accepted. */
    public static final List<String> LOWER_BOUNDS = List.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties");

    /** Upper bounds: lowering one (or adding one) narrows what is accepted. */
    public static final List<String> UPPER_BOUNDS = List.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties");

    /** Numeric range keywords. */
    public static final List<String> NUMERIC_BOUNDS = List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");

    /** Validation keywords on one value (ranges, lengths, pattern, counts, format, content), in documentation order. */
    public static final List<String> VALUE_CONSTRAINTS = List.of("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum",
            "multipleOf", "minLength", "maxLength", "pattern", "format", "minItems", "maxItems", "uniqueItems",
            "minProperties", "maxProperties", "contentEncoding", "contentMediaType");

    /** In a schema path, keywords followed by a name that step into that member of the instance. */
    public static final Set<String> NAMED_MEMBER_STEP = Set.of("properties", "patternProperties");

    /** In a schema path, keywords that step into an element or member of the instance (without a name). */
    public static final Set<String> ELEMENT_STEP = Set.of("items", "additionalProperties", "additionalItems", "prefixItems");

    private Keywords() {
    }
}
