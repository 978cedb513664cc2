package dev.airgen.runtime.validation;

import com.networknt.schema.format.Format;
import com.networknt.schema.format.Formats;
import com.networknt.schema.regex.JDKRegularExpressionFactory;
import com.networknt.schema.regex.RegularExpression;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeType;

/**
 * A small validator for the keywords request schemas actually use, run before networknt so that the
 * common case, a valid request, costs a plain walk over the tree instead of a full evaluation.
 *
 * <p>It is a shortcut, never the judge: it answers {@link Verdict#VALID} only when networknt would find
 * no error, {@link Verdict#INVALID} only when networknt would find one, and {@link Verdict#UNSURE}
 * whenever the two could disagree (a number like {@code 1.0} against {@code integer}, a fractional
 * {@code multipleOf}, a value equal to an exclusive bound after rounding, ...). The caller runs networknt
 * for anything but {@code VALID}, so every reported error still comes from networknt. A schema that uses
 * a keyword this class does not know, or a reference it cannot resolve locally, is not compiled at all
 * ({@link #compile} returns null) and always goes to networknt.
 *
 * <p>{@code pattern} uses networknt's own regular-expression factory, so the two agree on it by
 * construction; {@code format} is decided here only for plain UUIDs and plain web URLs, which networknt
 * accepts, and is networknt's to decide otherwise.
 */
final class FastValidator {

    /** What the shortcut knows about an instance. */
    enum Verdict {
        VALID, INVALID, UNSURE;

        Verdict and(Verdict other) {
            if (this == INVALID || other == INVALID) {
                return INVALID;
            }
            return this == UNSURE || other == UNSURE ? UNSURE : VALID;
        }

        Verdict not() {
            return this == VALID ? INVALID : this == INVALID ? VALID : UNSURE;
        }
    }

    /**
     * A property name or enum string of the schema, interned: the generated classes name their properties and enum
     * values with literals, which are interned, so looking one up ends at an identity check instead of comparing
     * characters.
     */
    private static String name(String text) {
        return text.intern();
    }

    /** One compiled (sub)schema. */
    @FunctionalInterface
    private interface Check {
        Verdict check(JsonNode instance);
    }

    /** Thrown while compiling when the schema needs something the shortcut does not implement. */
    private static final class Unsupported extends RuntimeException {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /** Keywords that carry no assertion. */
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "default", "examples",
            "$comment", "deprecated", "$defs", "definitions", "$schema", "$id", "contentMediaType", "contentEncoding");

    private static final Set<String> DIALECTS = Set.of("https://json-schema.org/draft/2019-09/schema",
            "https://json-schema.org/draft/2019-09/schema#");

    private static final Map<String, Format> FORMATS = new HashMap<>();

    static {
        for (Format f : Formats.DEFAULT) {
            FORMATS.put(f.getName(), f);
        }
    }

    private final Check root;

    private FastValidator(Check root) {
        this.root = root;
    }

    /** The shortcut for {@code schema}, or null when it uses anything the shortcut cannot decide exactly. */
    static @Nullable FastValidator compile(JsonNode schema) {
        try {
            Compiler compiler = new Compiler(schema);
            return new FastValidator(compiler.compile(schema, true));
        } catch (RuntimeException unsupported) {
            return null;
        }
    }

    /** The verdict on one instance; never throws for any JSON input. */
    Verdict check(JsonNode instance) {
        try {
            return root.check(instance);
        } catch (RuntimeException unexpected) {
            return Verdict.UNSURE;
        }
    }

    // ------------------------------------------------------------------ compiling

    private static final class Compiler {
        private final JsonNode document;
        private final Map<String, Check[]> byPointer = new HashMap<>();

        Compiler(JsonNode document) {
            this.document = document;
        }

        Check compile(JsonNode schema, boolean isRoot) {
            if (schema.isBoolean()) {
                Verdict fixed = schema.booleanValue() ? Verdict.VALID : Verdict.INVALID;
                return instance -> fixed;
            }
            if (!schema.isObject()) {
                throw new Unsupported("schema is neither an object nor a boolean");
            }
            if (schema.has("$schema") && !DIALECTS.contains(schema.get("$schema").asString(""))) {
                throw new Unsupported("dialect " + schema.get("$schema"));
            }
            if (!isRoot && schema.has("$id")) {
                throw new Unsupported("embedded $id");
            }
            List<Check> checks = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, JsonNode> e : schema.properties()) {
                String keyword = e.getKey();
                JsonNode value = e.getValue();
                seen.add(keyword);
                if (ANNOTATIONS.contains(keyword)) {
                    continue;
                }
                switch (keyword) {
                    case "type" -> checks.add(type(value));
                    case "enum" -> checks.add(oneOfValues(array(value, keyword)));
                    case "const" -> checks.add(oneOfValues(List.of(value)));
                    case "minimum" -> checks.add(bound(number(value, keyword), true, false));
                    case "maximum" -> checks.add(bound(number(value, keyword), false, false));
                    case "exclusiveMinimum" -> checks.add(bound(number(value, keyword), true, true));
                    case "exclusiveMaximum" -> checks.add(bound(number(value, keyword), false, true));
                    case "multipleOf" -> checks.add(multipleOf(number(value, keyword)));
                    case "minLength" -> checks.add(length(count(value, keyword), true));
                    case "maxLength" -> checks.add(length(count(value, keyword), false));
                    case "pattern" -> checks.add(pattern(value));
                    case "format" -> checks.add(format(value));
                    case "minItems" -> checks.add(size(JsonNodeType.ARRAY, count(value, keyword), true));
                    case "maxItems" -> checks.add(size(JsonNodeType.ARRAY, count(value, keyword), false));
                    case "minProperties" -> checks.add(size(JsonNodeType.OBJECT, count(value, keyword), true));
                    case "maxProperties" -> checks.add(size(JsonNodeType.OBJECT, count(value, keyword), false));
                    case "uniqueItems" -> {
                        if (value.asBoolean(false)) {
                            checks.add(FastValidator::unique);
                        }
                    }
                    case "required" -> checks.add(required(array(value, keyword)));
                    case "dependentRequired" -> checks.add(dependentRequired(value));
                    case "properties", "additionalProperties" -> {
                        // compiled together below: additionalProperties depends on the declared names
                    }
                    case "items" -> checks.add(items(value));
                    case "contains" -> checks.add(contains(compile(value, false)));
                    case "allOf" -> checks.add(allOf(branches(value, keyword)));
                    case "anyOf" -> checks.add(anyOf(branches(value, keyword)));
                    case "oneOf" -> checks.add(oneOf(branches(value, keyword)));
                    case "not" -> {
                        Check negated = compile(value, false);
                        checks.add(instance -> negated.check(instance).not());
                    }
                    case "if", "then", "else" -> {
                        // compiled together below
                    }
                    case "$ref" -> checks.add(ref(value));
                    default -> throw new Unsupported("keyword " + keyword);
                }
            }
            if (seen.contains("properties") || seen.contains("additionalProperties")) {
                checks.add(properties(schema.get("properties"), schema.get("additionalProperties")));
            }
            if (seen.contains("if")) {
                checks.add(condition(compile(schema.get("if"), false),
                        seen.contains("then") ? compile(schema.get("then"), false) : null,
                        seen.contains("else") ? compile(schema.get("else"), false) : null));
            }
            return all(checks);
        }

        private List<Check> branches(JsonNode value, String keyword) {
            List<Check> out = new ArrayList<>();
            for (JsonNode branch : array(value, keyword)) {
                out.add(compile(branch, false));
            }
            if (out.isEmpty()) {
                throw new Unsupported("empty " + keyword);
            }
            return out;
        }

        /** A reference inside this document; compiled once per target, cycles included. */
        private Check ref(JsonNode value) {
            String ref = value.asString("");
            if (!ref.equals("#") && !ref.startsWith("#/") || ref.indexOf('%') >= 0) {
                throw new Unsupported("$ref " + ref);
            }
            Check[] slot = byPointer.get(ref);
            if (slot == null) {
                slot = new Check[1];
                byPointer.put(ref, slot);
                JsonNode target = document.at(ref.substring(1));
                if (target.isMissingNode()) {
                    throw new Unsupported("unresolved $ref " + ref);
                }
                slot[0] = compile(target, false);
            }
            Check[] resolved = slot;
            return instance -> resolved[0].check(instance);
        }

        private Check properties(JsonNode properties, JsonNode additional) {
            Map<String, Check> declared = new HashMap<>();
            if (properties != null) {
                if (!properties.isObject()) {
                    throw new Unsupported("properties is not an object");
                }
                for (Map.Entry<String, JsonNode> p : properties.properties()) {
                    declared.put(name(p.getKey()), compile(p.getValue(), false));
                }
            }
            Check others = additional == null ? null : compile(additional, false);
            String[] names = declared.keySet().toArray(new String[0]);
            Check[] checks = new Check[names.length];
            for (int i = 0; i < names.length; i++) {
                checks[i] = declared.get(names[i]);
            }
            return instance -> {
                if (!instance.isObject()) {
                    return Verdict.VALID;
                }
                Verdict verdict = Verdict.VALID;
                if (others == null && names.length < instance.size()) {
                    // Only declared names matter and there are fewer of them: look them up (a rule branch
                    // naming two properties of a thirty-field request checks two).
                    for (int i = 0; i < names.length && verdict != Verdict.INVALID; i++) {
                        JsonNode value = instance.get(names[i]);
                        if (value != null) {
                            verdict = verdict.and(checks[i].check(value));
                        }
                    }
                    return verdict;
                }
                for (Map.Entry<String, JsonNode> field : instance.properties()) {
                    Check check = declared.get(field.getKey());
                    if (check == null) {
                        check = others;
                    }
                    if (check != null) {
                        verdict = verdict.and(check.check(field.getValue()));
                        if (verdict == Verdict.INVALID) {
                            return verdict;
                        }
                    }
                }
                return verdict;
            };
        }

        private Check items(JsonNode value) {
            if (value.isArray()) {
                throw new Unsupported("items as an array");
            }
            Check item = compile(value, false);
            return instance -> {
                if (!instance.isArray()) {
                    return Verdict.VALID;
                }
                Verdict verdict = Verdict.VALID;
                for (JsonNode element : instance) {
                    verdict = verdict.and(item.check(element));
                    if (verdict == Verdict.INVALID) {
                        return verdict;
                    }
                }
                return verdict;
            };
        }
    }

    private static Check all(List<Check> checks) {
        if (checks.isEmpty()) {
            return instance -> Verdict.VALID;
        }
        if (checks.size() == 1) {
            return checks.get(0);
        }
        Check[] array = checks.toArray(new Check[0]);
        return instance -> {
            Verdict verdict = Verdict.VALID;
            for (Check c : array) {
                verdict = verdict.and(c.check(instance));
                if (verdict == Verdict.INVALID) {
                    return verdict;
                }
            }
            return verdict;
        };
    }

    private static List<JsonNode> array(JsonNode value, String keyword) {
        if (!value.isArray()) {
            throw new Unsupported(keyword + " is not an array");
        }
        List<JsonNode> out = new ArrayList<>();
        value.forEach(out::add);
        return out;
    }

    private static JsonNode number(JsonNode value, String keyword) {
        if (!value.isNumber() || isNonFinite(value)) {
            throw new Unsupported(keyword + " is not a finite number");
        }
        return value;
    }

    private static int count(JsonNode value, String keyword) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw new Unsupported(keyword + " is not a small non-negative integer");
        }
        return value.intValue();
    }

    // ------------------------------------------------------------------ keywords

    private static Check type(JsonNode value) {
        Set<String> names = new HashSet<>();
        if (value.isString()) {
            names.add(value.asString());
        } else if (value.isArray()) {
            value.forEach(n -> names.add(n.asString("")));
        } else {
            throw new Unsupported("type is neither a string nor an array");
        }
        EnumSet<JsonNodeType> exact = EnumSet.noneOf(JsonNodeType.class);
        boolean number = false;
        boolean integer = false;
        for (String name : names) {
            switch (name) {
                case "string" -> exact.add(JsonNodeType.STRING);
                case "object" -> exact.add(JsonNodeType.OBJECT);
                case "array" -> exact.add(JsonNodeType.ARRAY);
                case "boolean" -> exact.add(JsonNodeType.BOOLEAN);
                case "null" -> exact.add(JsonNodeType.NULL);
                case "number" -> number = true;
                case "integer" -> integer = true;
                default -> throw new Unsupported("type " + name);
            }
        }
        boolean anyNumber = number;
        boolean integersOnly = integer && !number;
        return instance -> {
            JsonNodeType kind = instance.getNodeType();
            if (kind == JsonNodeType.NUMBER) {
                if (isNonFinite(instance)) {
                    return Verdict.UNSURE;
                }
                if (anyNumber || integersOnly && instance.isIntegralNumber()) {
                    return Verdict.VALID;
                }
                // 1.0 may count as an integer depending on configuration: let networknt say
                return integersOnly && !instance.isIntegralNumber() ? Verdict.UNSURE : Verdict.INVALID;
            }
            if (kind == JsonNodeType.BINARY || kind == JsonNodeType.POJO || kind == JsonNodeType.MISSING) {
                return Verdict.UNSURE;
            }
            return exact.contains(kind) ? Verdict.VALID : Verdict.INVALID;
        };
    }

    /** {@code enum} and {@code const}: equal to one of the values. */
    private static Check oneOfValues(List<JsonNode> values) {
        List<JsonNode> allowed = List.copyOf(values);
        Set<String> strings = new HashSet<>();
        Set<Long> wholeNumbers = new HashSet<>();
        boolean otherNumbers = false;
        for (JsonNode v : values) {
            if (v.isString()) {
                strings.add(name(v.asString()));
            } else if (v.isInt() || v.isLong()) {
                wholeNumbers.add(v.longValue());
            } else if (v.isNumber()) {
                otherNumbers = true;
            }
        }
        boolean onlyWholeNumbers = !otherNumbers;
        return instance -> {
            if (instance.isString()) {
                return strings.contains(instance.asString()) ? Verdict.VALID : Verdict.INVALID;
            }
            // Whole numbers are compared by value everywhere, so a set lookup decides.
            if ((instance.isInt() || instance.isLong()) && onlyWholeNumbers) {
                return wholeNumbers.contains(instance.longValue()) ? Verdict.VALID : Verdict.INVALID;
            }
            for (JsonNode value : allowed) {
                if (value.equals(instance)) {
                    return Verdict.VALID;
                }
            }
            // Strings, booleans and null compare exactly everywhere. Numbers may be compared by value
            // (1 and 1.0 equal): a miss is proof only when no allowed number has the same value.
            // Containers may hold such numbers, so a miss there is no proof.
            JsonNodeType kind = instance.getNodeType();
            if (kind == JsonNodeType.STRING || kind == JsonNodeType.BOOLEAN || kind == JsonNodeType.NULL) {
                return Verdict.INVALID;
            }
            if (kind == JsonNodeType.NUMBER && !isNonFinite(instance)) {
                BigDecimal number = instance.decimalValue();
                for (JsonNode value : allowed) {
                    if (value.isNumber() && (isNonFinite(value) || value.decimalValue().compareTo(number) == 0)) {
                        return Verdict.UNSURE;
                    }
                }
                return Verdict.INVALID;
            }
            return Verdict.UNSURE;
        };
    }

    /** minimum, maximum and their exclusive forms; sure only when exact and double comparisons agree. */
    private static Check bound(JsonNode limitNode, boolean lower, boolean exclusive) {
        BigDecimal limit = limitNode.decimalValue();
        double limitDouble = limitNode.doubleValue();
        // A whole limit that a double holds exactly compares exactly with longs and with doubles, so
        // the common cases need no BigDecimal.
        boolean wholeLimit = limitNode.isIntegralNumber() && limitNode.canConvertToLong()
                && Math.abs(limitNode.longValue()) <= (1L << 53);
        long limitLong = wholeLimit ? limitNode.longValue() : 0;
        return instance -> {
            if (!instance.isNumber()) {
                return Verdict.VALID;
            }
            if (isNonFinite(instance)) {
                return Verdict.UNSURE;
            }
            if (wholeLimit && (instance.isInt() || instance.isLong())) {
                return within(Long.compare(instance.longValue(), limitLong), lower, exclusive) ? Verdict.VALID : Verdict.INVALID;
            }
            if (wholeLimit && (instance.isDouble() || instance.isFloat())) {
                // + 0.0 turns -0.0 into 0.0: numerically they are equal, and networknt compares numerically.
                return within(Double.compare(instance.doubleValue() + 0.0, limitLong), lower, exclusive) ? Verdict.VALID
                        : Verdict.INVALID;
            }
            int exact = instance.decimalValue().compareTo(limit);
            int approx = Double.compare(instance.doubleValue() + 0.0, limitDouble + 0.0);
            boolean okExact = within(exact, lower, exclusive);
            boolean okApprox = within(approx, lower, exclusive);
            if (okExact && okApprox) {
                return Verdict.VALID;
            }
            return !okExact && !okApprox ? Verdict.INVALID : Verdict.UNSURE;
        };
    }

    private static boolean within(int comparison, boolean lower, boolean exclusive) {
        if (lower) {
            return exclusive ? comparison > 0 : comparison >= 0;
        }
        return exclusive ? comparison < 0 : comparison <= 0;
    }

    /** Decided only for whole numbers; fractions depend on how the implementation divides. */
    private static Check multipleOf(JsonNode divisorNode) {
        boolean whole = divisorNode.isIntegralNumber() && divisorNode.canConvertToLong() && divisorNode.longValue() > 0;
        long divisor = whole ? divisorNode.longValue() : 0;
        return instance -> {
            if (!instance.isNumber()) {
                return Verdict.VALID;
            }
            if (!whole || !instance.isIntegralNumber() || !instance.canConvertToLong()) {
                return Verdict.UNSURE;
            }
            return instance.longValue() % divisor == 0 ? Verdict.VALID : Verdict.INVALID;
        };
    }

    /** minLength and maxLength count code points; when UTF-16 units would give another answer, unsure. */
    private static Check length(int limit, boolean lower) {
        return instance -> {
            if (!instance.isString()) {
                return Verdict.VALID;
            }
            String text = instance.asString();
            int units = text.length();
            // A string has between units/2 and units code points: most lengths are decided without counting.
            if (lower ? units / 2 >= limit : units <= limit) {
                return Verdict.VALID;
            }
            boolean byCodePoints = lower ? text.codePointCount(0, units) >= limit
                    : text.codePointCount(0, units) <= limit;
            boolean byUnits = lower ? text.length() >= limit : text.length() <= limit;
            if (byCodePoints != byUnits) {
                return Verdict.UNSURE;
            }
            return byCodePoints ? Verdict.VALID : Verdict.INVALID;
        };
    }

    private static Check pattern(JsonNode value) {
        if (!value.isString()) {
            throw new Unsupported("pattern is not a string");
        }
        RegularExpression regex = JDKRegularExpressionFactory.getInstance().getRegularExpression(value.asString());
        return instance -> !instance.isString() || regex.matches(instance.asString()) ? Verdict.VALID : Verdict.INVALID;
    }

    private static Check format(JsonNode value) {
        Format format = FORMATS.get(value.asString(""));
        if (format == null) {
            throw new Unsupported("format " + value);
        }
        if (!"uuid".equals(format.getName()) && !"uri".equals(format.getName())) {
            return instance -> instance.isString() ? Verdict.UNSURE : Verdict.VALID;
        }
        boolean uuid = "uuid".equals(format.getName());
        boolean uri = "uri".equals(format.getName());
        return instance -> {
            if (!instance.isString()) {
                return Verdict.VALID;
            }
            String text = instance.asString();
            // A uuid is checked by the same code networknt runs for it (UuidFormat, in the runtime's dialect), and
            // every plain web URL is a uri to networknt. Anything else is networknt's to decide: some of its formats
            // (duration, regex) check in a method the shortcut cannot call the same way, so answering here could
            // disagree with it.
            return uuid && UuidFormat.isUuid(text) || uri && plainWebUrl(text) ? Verdict.VALID : Verdict.UNSURE;
        };
    }

    /**
     * {@code http(s)://host[:port][/path][?query]} in plain ASCII with no escapes, brackets or fragment:
     * {@code java.net.URI} parses every such string as an absolute URI, which is all networknt's uri
     * format asks of it. Anything fancier is left to networknt.
     */
    static boolean plainWebUrl(String text) {
        int i = text.startsWith("https://") ? 8 : text.startsWith("http://") ? 7 : -1;
        if (i < 0) {
            return false;
        }
        int n = text.length();
        int hostStart = i;
        while (i < n && (isAlnum(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == '-')) {
            i++;
        }
        if (i == hostStart || !isAlnum(text.charAt(hostStart)) || !isAlnum(text.charAt(i - 1))) {
            return false;
        }
        if (i < n && text.charAt(i) == ':') {
            int portStart = ++i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            if (i == portStart || i - portStart > 5) {
                return false;
            }
        }
        if (i < n && text.charAt(i) != '/' && text.charAt(i) != '?') {
            return false;
        }
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (!isAlnum(c) && "-._~!$&'()*+,;=:@/?".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static Check size(JsonNodeType kind, int limit, boolean lower) {
        return instance -> {
            if (instance.getNodeType() != kind) {
                return Verdict.VALID;
            }
            int size = instance.size();
            return (lower ? size >= limit : size <= limit) ? Verdict.VALID : Verdict.INVALID;
        };
    }

    /** Decided when every element is a string or every element is a whole number; otherwise unsure. */
    private static Verdict unique(JsonNode instance) {
        if (!instance.isArray() || instance.size() < 2) {
            return Verdict.VALID;
        }
        Set<Object> seen = new HashSet<>();
        boolean strings = instance.get(0).isString();
        for (JsonNode element : instance) {
            Object key;
            if (strings && element.isString()) {
                key = element.asString();
            } else if (!strings && element.isIntegralNumber() && element.canConvertToLong()) {
                key = element.longValue();
            } else {
                return Verdict.UNSURE;
            }
            if (!seen.add(key)) {
                return Verdict.INVALID;
            }
        }
        return Verdict.VALID;
    }

    private static Check required(List<JsonNode> names) {
        String[] required = names.stream().map(n -> name(n.asString(""))).toArray(String[]::new);
        return instance -> {
            if (!instance.isObject()) {
                return Verdict.VALID;
            }
            for (String name : required) {
                if (!instance.has(name)) {
                    return Verdict.INVALID;
                }
            }
            return Verdict.VALID;
        };
    }

    private static Check dependentRequired(JsonNode value) {
        if (!value.isObject()) {
            throw new Unsupported("dependentRequired is not an object");
        }
        Map<String, Check> rules = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            rules.put(name(e.getKey()), required(array(e.getValue(), "dependentRequired")));
        }
        return instance -> {
            if (!instance.isObject()) {
                return Verdict.VALID;
            }
            for (Map.Entry<String, Check> rule : rules.entrySet()) {
                if (instance.has(rule.getKey()) && rule.getValue().check(instance) == Verdict.INVALID) {
                    return Verdict.INVALID;
                }
            }
            return Verdict.VALID;
        };
    }

    private static Check contains(Check item) {
        return instance -> instance.isArray() ? some(instance, item::check) : Verdict.VALID;
    }

    private static Check allOf(List<Check> branches) {
        return all(branches);
    }

    private static Check anyOf(List<Check> branches) {
        List<Check> copy = List.copyOf(branches);
        return instance -> some(copy, branch -> branch.check(instance));
    }

    /** VALID when one item is surely VALID, INVALID when every item surely is, else UNSURE. */
    private static <T> Verdict some(Iterable<T> items, java.util.function.Function<T, Verdict> verdictOf) {
        boolean unsure = false;
        for (T item : items) {
            Verdict v = verdictOf.apply(item);
            if (v == Verdict.VALID) {
                return Verdict.VALID;
            }
            unsure |= v == Verdict.UNSURE;
        }
        return unsure ? Verdict.UNSURE : Verdict.INVALID;
    }

    /** Valid when exactly one branch surely matches and every other surely does not. */
    private static Check oneOf(List<Check> branches) {
        Check[] array = branches.toArray(new Check[0]);
        return instance -> {
            int valid = 0;
            boolean unsure = false;
            for (Check branch : array) {
                Verdict v = branch.check(instance);
                if (v == Verdict.VALID) {
                    valid++;
                } else if (v == Verdict.UNSURE) {
                    unsure = true;
                }
            }
            if (valid > 1) {
                return Verdict.INVALID;
            }
            if (unsure) {
                return Verdict.UNSURE;
            }
            return valid == 1 ? Verdict.VALID : Verdict.INVALID;
        };
    }

    private static Check condition(Check condition, Check then, Check otherwise) {
        return instance -> {
            Verdict matched = condition.check(instance);
            Verdict ifTrue = then == null ? Verdict.VALID : null;
            Verdict ifFalse = otherwise == null ? Verdict.VALID : null;
            if (matched == Verdict.VALID) {
                return ifTrue != null ? ifTrue : then.check(instance);
            }
            if (matched == Verdict.INVALID) {
                return ifFalse != null ? ifFalse : otherwise.check(instance);
            }
            Verdict a = ifTrue != null ? ifTrue : then.check(instance);
            Verdict b = ifFalse != null ? ifFalse : otherwise.check(instance);
            return a == b ? a : Verdict.UNSURE;
        };
    }

    private static boolean isNonFinite(JsonNode number) {
        if (number.isDouble() || number.isFloat()) {
            double d = number.doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d);
        }
        return false;
    }
}
