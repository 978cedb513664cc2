package dev.airgen.schema.keyword;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the JSON Schema keywords AIRgen reads mean, in one table: what each one's value holds, which type of
 * value it checks, and what it does. The sets below are views of that table, in table order; the
 * generator's type mapper, rule summaries, input limits and schema bundler, the schema diff, the
 * embedded-{@code $id} search and the violation mapper read them instead of keeping lists of their own.
 */
public final class Keywords {

    /** What a keyword's value holds. */
    public enum Holds {
        /** One schema ({@code items} in old drafts: a list of them). */
        SCHEMA,
        /** A list of schemas. */
        SCHEMA_LIST,
        /** Names (or patterns) mapped to schemas. */
        SCHEMA_MAP,
        /** Property names mapped to a schema or to a list of property names ({@code dependencies}). */
        SCHEMA_OR_NAMES_MAP,
        /** Values to compare with or to show; never a schema, even when it looks like one. */
        DATA,
        /** Anything else: a number, a string, a list of names, a URI. */
        OTHER
    }

    /** What a keyword does; one keyword may do several of these. */
    public enum Role {
        /** Names a schema, an anchor or the dialect; never constrains a value. */
        IDENTITY,
        /** Holds schemas that apply only where a {@code $ref} points at them. */
        DEFINITIONS,
        /** The schema must also hold every schema this brings in ({@code $ref}'s target, each {@code allOf} part), so they read as one. */
        CONJUNCTION,
        /** A reference resolved at evaluation time, against the dynamic scope. */
        DYNAMIC_REFERENCE,
        /** Declares an object's named members and which of them must be present. */
        MEMBERS,
        /** Only annotates: changes nothing about what is valid. */
        ANNOTATION,
        /** One ({@code oneOf}) or at least one ({@code anyOf}) of several branches must hold. */
        ALTERNATIVE,
        /** At object level, constrains combinations of properties rather than their shape. */
        CROSS_FIELD,
        /** Narrows the values a schema already describes without describing a new shape. */
        NARROWING,
        /** A validation keyword on one value (range, length, pattern, count, format, content). */
        VALUE_CONSTRAINT,
        /** A lower bound: raising one (or adding one) narrows what is accepted. */
        LOWER_BOUND,
        /** An upper bound: lowering one (or adding one) narrows what is accepted. */
        UPPER_BOUND,
        /** A bound on a number. */
        NUMERIC_BOUND,
        /** In a schema path, followed by a name that steps into that member of the value. */
        NAMED_MEMBER_STEP,
        /** In a schema path, steps into an element or member of the value (without a name). */
        ELEMENT_STEP
    }

    /**
     * One keyword.
     *
     * @param name      as written in a schema
     * @param holds     what its value is
     * @param checks    the JSON type of the values it checks ({@code object}, {@code array}, {@code string},
     *                  {@code number}), or null when it is not tied to one
     * @param roles     what it does
     */
    public record Keyword(String name, Holds holds, String checks, Set<Role> roles) {
        public Keyword {
            roles = Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles));
        }

        public boolean is(Role role) {
            return roles.contains(role);
        }
    }

    private static final String OBJECT = "object";
    private static final String ARRAY = "array";
    private static final String STRING = "string";
    private static final String NUMBER = "number";

    /** The table. Order matters where a view is a list (value constraints in documentation order, bounds in pairs). */
    private static final List<Keyword> TABLE = List.of(
            // identity, references, definitions
            row("$schema", Holds.OTHER, null, Role.IDENTITY),
            row("$id", Holds.OTHER, null, Role.IDENTITY),
            row("$anchor", Holds.OTHER, null, Role.IDENTITY),
            row("$vocabulary", Holds.OTHER, null, Role.IDENTITY),
            row("$ref", Holds.OTHER, null, Role.CONJUNCTION),
            row("$dynamicRef", Holds.OTHER, null, Role.DYNAMIC_REFERENCE),
            row("$recursiveRef", Holds.OTHER, null, Role.DYNAMIC_REFERENCE),
            row("$defs", Holds.SCHEMA_MAP, null, Role.DEFINITIONS),
            row("definitions", Holds.SCHEMA_MAP, null, Role.DEFINITIONS),
            // combining schemas
            row("allOf", Holds.SCHEMA_LIST, null, Role.CONJUNCTION),
            row("oneOf", Holds.SCHEMA_LIST, null, Role.ALTERNATIVE, Role.CROSS_FIELD),
            row("anyOf", Holds.SCHEMA_LIST, null, Role.ALTERNATIVE, Role.CROSS_FIELD),
            row("not", Holds.SCHEMA, null, Role.CROSS_FIELD, Role.NARROWING),
            row("if", Holds.SCHEMA, null, Role.CROSS_FIELD),
            row("then", Holds.SCHEMA, null, Role.CROSS_FIELD),
            row("else", Holds.SCHEMA, null, Role.CROSS_FIELD),
            row("dependentRequired", Holds.OTHER, OBJECT, Role.CROSS_FIELD),
            row("dependencies", Holds.SCHEMA_OR_NAMES_MAP, OBJECT, Role.CROSS_FIELD),
            row("dependentSchemas", Holds.SCHEMA_MAP, OBJECT, Role.CROSS_FIELD),
            // objects
            row("properties", Holds.SCHEMA_MAP, OBJECT, Role.MEMBERS, Role.NAMED_MEMBER_STEP),
            row("required", Holds.OTHER, OBJECT, Role.MEMBERS),
            row("patternProperties", Holds.SCHEMA_MAP, OBJECT, Role.NAMED_MEMBER_STEP),
            row("additionalProperties", Holds.SCHEMA, OBJECT, Role.ELEMENT_STEP),
            row("unevaluatedProperties", Holds.SCHEMA, OBJECT),
            row("propertyNames", Holds.SCHEMA, OBJECT),
            // arrays
            row("items", Holds.SCHEMA, ARRAY, Role.ELEMENT_STEP),
            row("prefixItems", Holds.SCHEMA_LIST, ARRAY, Role.ELEMENT_STEP),
            row("additionalItems", Holds.SCHEMA, ARRAY, Role.ELEMENT_STEP),
            row("unevaluatedItems", Holds.SCHEMA, ARRAY),
            row("contains", Holds.SCHEMA, ARRAY, Role.NARROWING),
            row("minContains", Holds.OTHER, ARRAY, Role.NARROWING),
            row("maxContains", Holds.OTHER, ARRAY, Role.NARROWING),
            // any value
            row("type", Holds.OTHER, null),
            row("enum", Holds.DATA, null, Role.NARROWING),
            row("const", Holds.DATA, null, Role.NARROWING),
            // constraints on one value, in the order documentation states them
            row("minimum", Holds.OTHER, NUMBER, Role.VALUE_CONSTRAINT, Role.NARROWING, Role.LOWER_BOUND, Role.NUMERIC_BOUND),
            row("exclusiveMinimum", Holds.OTHER, NUMBER, Role.VALUE_CONSTRAINT, Role.NARROWING, Role.LOWER_BOUND, Role.NUMERIC_BOUND),
            row("maximum", Holds.OTHER, NUMBER, Role.VALUE_CONSTRAINT, Role.NARROWING, Role.UPPER_BOUND, Role.NUMERIC_BOUND),
            row("exclusiveMaximum", Holds.OTHER, NUMBER, Role.VALUE_CONSTRAINT, Role.NARROWING, Role.UPPER_BOUND, Role.NUMERIC_BOUND),
            row("multipleOf", Holds.OTHER, NUMBER, Role.VALUE_CONSTRAINT, Role.NARROWING),
            row("minLength", Holds.OTHER, STRING, Role.VALUE_CONSTRAINT, Role.NARROWING, Role.LOWER_BOUND),
            row("maxLength", Holds.OTHER, STRING, Role.VALUE_CONSTRAINT, Role.NARROWING, Role.UPPER_BOUND),
            row("pattern", Holds.OTHER, STRING, Role.VALUE_CONSTRAINT, Role.NARROWING),
            row("format", Holds.OTHER, STRING, Role.VALUE_CONSTRAINT, Role.NARROWING),
            row("minItems", Holds.OTHER, ARRAY, Role.VALUE_CONSTRAINT, Role.NARROWING, Role.LOWER_BOUND),
            row("maxItems", Holds.OTHER, ARRAY, Role.VALUE_CONSTRAINT, Role.NARROWING, Role.UPPER_BOUND),
            row("uniqueItems", Holds.OTHER, ARRAY, Role.VALUE_CONSTRAINT, Role.NARROWING),
            row("minProperties", Holds.OTHER, OBJECT, Role.VALUE_CONSTRAINT, Role.NARROWING, Role.LOWER_BOUND),
            row("maxProperties", Holds.OTHER, OBJECT, Role.VALUE_CONSTRAINT, Role.NARROWING, Role.UPPER_BOUND),
            row("contentEncoding", Holds.OTHER, STRING, Role.VALUE_CONSTRAINT, Role.NARROWING),
            row("contentMediaType", Holds.OTHER, STRING, Role.VALUE_CONSTRAINT, Role.NARROWING),
            // annotations
            row("title", Holds.OTHER, null, Role.ANNOTATION),
            row("description", Holds.OTHER, null, Role.ANNOTATION),
            row("$comment", Holds.OTHER, null, Role.ANNOTATION),
            row("default", Holds.DATA, null, Role.ANNOTATION),
            row("examples", Holds.DATA, null, Role.ANNOTATION),
            row("example", Holds.DATA, null, Role.ANNOTATION),
            row("deprecated", Holds.OTHER, null, Role.ANNOTATION),
            row("readOnly", Holds.OTHER, null, Role.ANNOTATION),
            row("writeOnly", Holds.OTHER, null, Role.ANNOTATION),
            // Runware's link from a task schema to its response schema
            row("x-response-schema", Holds.OTHER, null, Role.ANNOTATION));

    private static final Map<String, Keyword> BY_NAME = TABLE.stream()
            .collect(Collectors.toUnmodifiableMap(Keyword::name, k -> k));

    /** Keywords whose value is one schema (or, for {@code items} in old drafts, a list of them). */
    public static final Set<String> SUBSCHEMA = holding(Holds.SCHEMA);

    /** Keywords whose value is a list of schemas. */
    public static final Set<String> SUBSCHEMA_LIST = holding(Holds.SCHEMA_LIST);

    /** Keywords whose value maps names (or patterns) to schemas. */
    public static final Set<String> SUBSCHEMA_MAP = holding(Holds.SCHEMA_MAP);

    /** Keywords whose value maps property names to a schema or to a list of property names. */
    public static final Set<String> SUBSCHEMA_OR_NAMES_MAP = holding(Holds.SCHEMA_OR_NAMES_MAP);

    /** Keywords whose value is data (values to compare or show), never a schema. */
    public static final Set<String> DATA = holding(Holds.DATA);

    /** Keywords that only annotate: they change nothing about what is valid. */
    public static final Set<String> ANNOTATIONS = withRole(Role.ANNOTATION);

    /** Keywords that name a schema, an anchor or the dialect. */
    public static final Set<String> IDENTITY = withRole(Role.IDENTITY);

    /** Keywords holding schemas that apply only where referenced. */
    public static final Set<String> DEFINITIONS = withRole(Role.DEFINITIONS);

    /** {@code $ref} and {@code allOf}: the schemas they bring in hold together with the one they sit in. */
    public static final Set<String> CONJUNCTION = withRole(Role.CONJUNCTION);

    /** References resolved against the dynamic scope. */
    public static final List<String> DYNAMIC_REFERENCES = List.copyOf(withRole(Role.DYNAMIC_REFERENCE));

    /** {@code properties} and {@code required}: an object's named members and which must be present. */
    public static final Set<String> MEMBERS = withRole(Role.MEMBERS);

    /** Alternatives: one ({@code oneOf}) or at least one ({@code anyOf}) branch must hold. */
    public static final List<String> ALTERNATIVES = List.copyOf(withRole(Role.ALTERNATIVE));

    /** Object-level keywords that constrain combinations of properties rather than their shape. */
    public static final Set<String> CROSS_FIELD = withRole(Role.CROSS_FIELD);

    /**
     * Keywords whose schemas apply to the very value of the schema that holds them (not to a member or an
     * element of it), in table order: {@code allOf}, {@code oneOf}, {@code anyOf}, {@code not}, {@code if},
     * {@code then}, {@code else}.
     */
    public static final List<String> IN_PLACE = TABLE.stream()
            .filter(k -> k.checks() == null && (k.holds() == Holds.SCHEMA || k.holds() == Holds.SCHEMA_LIST))
            .map(Keyword::name).toList();

    /** Keywords that narrow what a schema accepts without describing a new shape. */
    public static final Set<String> NARROWING = withRole(Role.NARROWING);

    /** Lower bounds: raising one (or adding one) narrows what is accepted. */
    public static final List<String> LOWER_BOUNDS = List.copyOf(withRole(Role.LOWER_BOUND));

    /** Upper bounds, each at the index of its lower bound: lowering one (or adding one) narrows what is accepted. */
    public static final List<String> UPPER_BOUNDS = List.copyOf(withRole(Role.UPPER_BOUND));

    /** Numeric range keywords. */
    public static final List<String> NUMERIC_BOUNDS = List.copyOf(withRole(Role.NUMERIC_BOUND));

    /** Validation keywords on one value (ranges, lengths, pattern, counts, format, content), in documentation order. */
    public static final List<String> VALUE_CONSTRAINTS = List.copyOf(withRole(Role.VALUE_CONSTRAINT));

    /** In a schema path, keywords followed by a name that step into that member of the instance. */
    public static final Set<String> NAMED_MEMBER_STEP = withRole(Role.NAMED_MEMBER_STEP);

    /** In a schema path, keywords that step into an element or member of the instance (without a name). */
    public static final Set<String> ELEMENT_STEP = withRole(Role.ELEMENT_STEP);

    private Keywords() {
    }

    /** The table's row for a keyword, or null for a keyword it does not know. */
    public static Keyword of(String name) {
        return BY_NAME.get(name);
    }

    /** Every keyword of the table, in table order. */
    public static List<Keyword> all() {
        return TABLE;
    }

    /** The JSON type whose values {@code keyword} checks, or null (unknown keyword, or one that checks any value). */
    public static String checks(String keyword) {
        Keyword k = BY_NAME.get(keyword);
        return k == null ? null : k.checks();
    }

    private static Keyword row(String name, Holds holds, String checks, Role... roles) {
        return new Keyword(name, holds, checks, Set.of(roles));
    }

    private static Set<String> holding(Holds holds) {
        return names(k -> k.holds() == holds);
    }

    private static Set<String> withRole(Role role) {
        return names(k -> k.is(role));
    }

    /** Names in table order, so that iterating a view is the same on every run. */
    private static Set<String> names(Predicate<Keyword> test) {
        List<String> out = new ArrayList<>();
        TABLE.stream().filter(test).forEach(k -> out.add(k.name()));
        return Collections.unmodifiableSet(new LinkedHashSet<>(out));
    }
}
