package dev.airgen.generator.schema;

import dev.airgen.generator.lang.Names;
import dev.airgen.generator.lang.ScalarKind;
import dev.airgen.schema.SchemaException;
import dev.airgen.schema.keyword.Keywords;
import dev.airgen.schema.resolve.EmbeddedIds;
import dev.airgen.schema.resolve.Origin;
import dev.airgen.schema.resolve.SchemaRef;
import dev.airgen.schema.resolve.SchemaResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Turns JSON Schemas into the intermediate type model. It resolves {@code $ref}s, folds {@code allOf} parts
 * into one object (a property defined differently by two parts is an error naming both), separates
 * cross-field rules from shape, and classifies every schema as object, map, array, open enum, constant,
 * union, media input, scalar or any-value. It never guesses silently: a schema it cannot read is a
 * {@link SchemaException} at the schema's location.
 */
public final class TypeModelBuilder {

    /** Which side of the wire a schema describes; media inputs exist only on requests. */
    public enum Side { REQUEST, RESPONSE }

    /** A mapped schema: its type, and whether {@code null} is also allowed. */
    public record Mapped(TypeNode type, boolean nullable) {
    }

    private record Context(Side side, boolean media) {
    }

    private record MemoKey(SchemaRef target, Side side, boolean media) {
    }

    /**
     * Keywords that only annotate; a {@code $ref} with nothing else beside it is a plain reference, and where
     * {@code allOf} parts state different values of one the first wins.
     */
    private static final Set<String> ANNOTATIONS = Keywords.ANNOTATIONS;

    /**
     * Keywords the collected view reads itself or leaves out: references and {@code allOf} parts are folded
     * in, members are collected by name, identity and definitions constrain nothing in place.
     */
    private static final Set<String> STRUCTURE = union(Keywords.CONJUNCTION, Keywords.MEMBERS, Keywords.IDENTITY,
            Keywords.DEFINITIONS);

    /** Object-level keywords that constrain combinations of properties rather than their shape. */
    private static final Set<String> RULE_KEYWORDS = Keywords.CROSS_FIELD;

    /** Keywords that may appear in a property of a rule-only schema (refinements, not new shapes). */
    private static final Set<String> REFINEMENTS = Keywords.NARROWING;

    /** Request properties whose untyped or string values are media references. */
    private static final Pattern MEDIA_NAME = Pattern.compile("(?i).*(image|images|mask|video|videos|audio|audios|media)");

    private final SchemaResolver resolver;
    private final Map<MemoKey, Mapped> memo = new HashMap<>();
    private final Set<MemoKey> inProgress = new HashSet<>();

    @SafeVarargs
    private static Set<String> union(Set<String>... keywords) {
        Set<String> all = new LinkedHashSet<>();
        for (Set<String> k : keywords) {
            all.addAll(k);
        }
        return java.util.Collections.unmodifiableSet(all);
    }

    public TypeModelBuilder(SchemaResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Maps a task's request or response schema, which must be an object with declared properties, and
     * applies the task contract: {@code taskType} and {@code taskUUID} are plain strings on every task (the
     * request needs {@code taskUUID}), even where a schema omits them or lists every task type.
     *
     * @throws SchemaException when it is not
     */
    public ObjectType root(SchemaRef ref, Side side) {
        Collected c = collect(resolver.enter(ref), new HashSet<>());
        if (c.properties.isEmpty() && !c.has("oneOf") && !c.has("anyOf")) {
            throw c.origin().error("a task schema must be an object with properties");
        }
        // A task whose shape is oneOf of objects (mediaStorage: upload or delete) becomes one class with
        // every branch's properties; which combination applies stays a documented rule.
        return (ObjectType) mapObject(c, new Context(side, false), null, null, side);
    }

    /** Every task has these on the wire even when a schema omits them; the runtime's contract types rely on them. */
    private static void applyTaskContract(ObjectType type, Side side) {
        if (side == Side.RESPONSE) {
            ensureString(type, "taskType", false);
        }
        ensureString(type, "taskUUID", side == Side.REQUEST);
    }

    private static void ensureString(ObjectType type, String name, boolean required) {
        Property existing = type.property(name);
        if (existing != null && !(existing.type() instanceof ScalarType s && s.kind() == ScalarKind.STRING)
                && !(existing.type() instanceof ConstType c && c.value().isString())) {
            // The task contract reads these as plain strings; an enumeration here (getResponse lists every
            // task type) keeps its values in the documentation and in the schema the validator uses.
            String values = existing.type() instanceof EnumType e ? " One of: " + e.values() + "." : "";
            type.replace(existing, new Property(name,
                    new ScalarType(existing.origin(), ScalarKind.STRING, existing.constraints()), existing.required(),
                    existing.nullable(), (existing.description() == null ? "" : existing.description()) + values,
                    existing.defaultValue(), existing.examples(), existing.deprecated(), existing.constraints(), existing.origin()));
        }
        if (type.property(name) == null) {
            Origin origin = type.origin().child("properties");
            type.addFirst(new Property(name, new ScalarType(origin, ScalarKind.STRING, Constraints.NONE), required, false,
                    "Added by AIRgen: every task carries it.", null, List.of(), false, Constraints.NONE, origin));
        }
    }

    /** Whether a schema can stand for a task: an object with properties, or a oneOf/anyOf of such objects. */
    public boolean describesTask(SchemaRef ref) {
        JsonNode node = resolver.enter(ref).node();
        if (!node.isObject()) {
            return false;
        }
        Collected c = collect(resolver.enter(ref), new HashSet<>());
        return !c.properties.isEmpty() || c.has("oneOf") || c.has("anyOf");
    }

    /** Maps any schema; exposed for tests of individual keywords. */
    public Mapped map(SchemaRef ref, Side side, String propertyName) {
        return map(ref, contextFor(propertyName, new Context(side, false)));
    }

    /** Counts nested {@link #map} calls, so that absurdly deep schemas fail at the level that is too deep. */
    private int depth;

    private Mapped map(SchemaRef ref, Context context) {
        if (depth >= SchemaLimits.MAX_NESTING) {
            throw ref.origin().error("schemas nest more than " + SchemaLimits.MAX_NESTING + " levels deep below the task here");
        }
        depth++;
        try {
            return mapNested(ref, context);
        } finally {
            depth--;
        }
    }

    private Mapped mapNested(SchemaRef ref, Context context) {
        ref = resolver.enter(ref);
        JsonNode node = ref.node();
        if (node.isBoolean()) {
            return new Mapped(new AnyType(ref.origin()), true);
        }
        if (!node.isObject()) {
            throw ref.origin().error("a schema must be an object or a boolean, found " + node.getNodeType().name().toLowerCase());
        }
        if (node.path("$ref").isString() && onlyAnnotationsBeside(node)) {
            SchemaRef target = resolver.resolve(ref, node.get("$ref").asString());
            MemoKey key = new MemoKey(target, context.side(), context.media());
            Mapped known = memo.get(key);
            if (known != null) {
                return known;
            }
            if (!inProgress.add(key)) {
                throw ref.origin().error("recursive $ref '" + node.get("$ref").asString()
                        + "' through a schema that is not an object cannot be typed");
            }
            try {
                Mapped mapped = mapCollected(collect(target, new HashSet<>()), context, definitionName(target), key);
                memo.put(key, mapped);
                return mapped;
            } finally {
                inProgress.remove(key);
            }
        }
        return mapCollected(collect(ref, new HashSet<>()), context, null, null);
    }

    private static boolean onlyAnnotationsBeside(JsonNode node) {
        for (String name : node.propertyNames()) {
            if (!name.equals("$ref") && !ANNOTATIONS.contains(name) && !Keywords.DEFINITIONS.contains(name)) {
                return false;
            }
        }
        return true;
    }

    /** The {@code $defs}/{@code definitions} key a reference points at, used as the preferred class name. */
    private static String definitionName(SchemaRef target) {
        String pointer = target.pointer();
        int slash = pointer.lastIndexOf('/');
        String parent = slash > 0 ? pointer.substring(0, slash) : "";
        if (parent.endsWith("/$defs") || parent.endsWith("/definitions") || parent.endsWith("/schemas")) {
            return pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        }
        return null;
    }

    // --- collecting: $ref siblings and allOf folded into one view -------------------------------

    private Collected collect(SchemaRef ref, Set<SchemaRef> visiting) {
        Collected c = new Collected(ref);
        collectInto(c, ref, visiting);
        return c;
    }

    private void collectInto(Collected c, SchemaRef ref, Set<SchemaRef> visiting) {
        ref = resolver.enter(ref);
        if (!visiting.add(ref)) {
            throw ref.origin().error("$ref/allOf cycle: this schema includes itself");
        }
        JsonNode node = ref.node();
        if (node.isBoolean()) {
            if (!node.asBoolean()) {
                throw ref.origin().error("'false' schema inside allOf or $ref can never be satisfied");
            }
            visiting.remove(ref);
            return;
        }
        if (!node.isObject()) {
            throw ref.origin().error("a schema must be an object or a boolean, found " + node.getNodeType().name().toLowerCase());
        }
        if (node.path("$ref").isString()) {
            collectInto(c, resolver.resolve(ref, node.get("$ref").asString()), visiting);
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String keyword = field.getKey();
            if (!STRUCTURE.contains(keyword)) {
                put(c, keyword, field.getValue(), ref);
            }
        }
        JsonNode properties = node.path("properties");
        if (!properties.isMissingNode() && !properties.isObject()) {
            throw ref.origin().child("properties").error("'properties' must be an object");
        }
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
            SchemaRef sub = new SchemaRef(ref.document(), ref.pointer() + "/properties/" + EmbeddedIds.escape(p.getKey()));
            SchemaRef existing = c.properties.get(p.getKey());
            if (existing == null) {
                c.properties.put(p.getKey(), sub);
            } else if (!sameShape(existing.node(), sub.node())) {
                throw sub.origin().error("property '" + p.getKey() + "' is defined differently by another allOf part at "
                        + existing.origin());
            }
        }
        JsonNode required = node.path("required");
        if (!required.isMissingNode()) {
            if (!required.isArray()) {
                throw ref.origin().child("required").error("'required' must be an array of property names");
            }
            required.forEach(r -> c.required.add(r.asString()));
        }
        JsonNode allOf = node.path("allOf");
        if (!allOf.isMissingNode() && !allOf.isArray()) {
            throw ref.origin().child("allOf").error("'allOf' must be an array of schemas");
        }
        for (int i = 0; i < allOf.size(); i++) {
            SchemaRef part = new SchemaRef(ref.document(), ref.pointer() + "/allOf/" + i);
            SchemaRef resolved = part.node().path("$ref").isString() && onlyAnnotationsBeside(part.node())
                    ? resolver.resolve(part, part.node().get("$ref").asString()) : part;
            if (isRuleOnly(resolved.node())) {
                c.rules.add(new Collected.Located(resolved.node(), resolved));
            } else {
                collectInto(c, part, visiting);
            }
        }
        visiting.remove(ref);
    }

    private static void put(Collected c, String keyword, JsonNode value, SchemaRef owner) {
        Collected.Located existing = c.keywords.get(keyword);
        if (existing == null) {
            c.keywords.put(keyword, new Collected.Located(value, owner));
            return;
        }
        if (existing.value().equals(value) || ANNOTATIONS.contains(keyword)) {
            return;
        }
        if (keyword.equals("type")) {
            Set<String> a = typeSet(existing.value());
            a.retainAll(typeSet(value));
            if (a.isEmpty()) {
                throw owner.origin().child("type").error("allOf parts require incompatible types " + existing.value()
                        + " (at " + existing.origin("type") + ") and " + value);
            }
            c.keywords.put(keyword, new Collected.Located(a.size() == 1
                    ? tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(a.iterator().next())
                    : toArray(a), existing.owner()));
            return;
        }
        if (RULE_KEYWORDS.contains(keyword)) {
            c.rules.add(new Collected.Located(wrap(keyword, value), owner));
            return;
        }
        throw owner.origin().child(keyword).error("'" + keyword + "' is " + value + " here but " + existing.value()
                + " at " + existing.origin(keyword) + "; allOf parts must agree");
    }

    private static JsonNode wrap(String keyword, JsonNode value) {
        return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().set(keyword, value);
    }

    private static JsonNode toArray(Set<String> types) {
        var array = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        types.forEach(array::add);
        return array;
    }

    private static Set<String> typeSet(JsonNode type) {
        Set<String> out = new LinkedHashSet<>();
        if (type.isString()) {
            out.add(type.asString());
        } else {
            type.forEach(t -> out.add(t.asString()));
        }
        return out;
    }

    /** Equal once annotations are ignored: the same property repeated by two allOf parts is fine. */
    private static boolean sameShape(JsonNode a, JsonNode b) {
        return withoutAnnotations(a).equals(withoutAnnotations(b));
    }

    private static JsonNode withoutAnnotations(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        var copy = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            if (!ANNOTATIONS.contains(f.getKey())) {
                copy.set(f.getKey(), withoutAnnotations(f.getValue()));
            }
        }
        return copy;
    }

    /**
     * An allOf part that only restricts combinations of values the object already declares (Runware's
     * cross-field rules): no type, no new property shapes.
     */
    private static boolean isRuleOnly(JsonNode part) {
        if (!part.isObject()) {
            return false;
        }
        boolean hasRule = false;
        for (String keyword : part.propertyNames()) {
            if (RULE_KEYWORDS.contains(keyword)) {
                hasRule = true;
            } else if (keyword.equals("properties")) {
                for (Map.Entry<String, JsonNode> p : part.get("properties").properties()) {
                    if (!isRefinement(p.getValue())) {
                        return false;
                    }
                }
                hasRule = true;
            } else if (!ANNOTATIONS.contains(keyword) && !keyword.equals("required")) {
                return false;
            }
        }
        return hasRule;
    }

    /**
     * A property schema that only narrows what the property already is: constants, ranges, required
     * members of a nested object, nested refinements, or rule keywords. It adds no shape of its own.
     */
    private static boolean isRefinement(JsonNode schema) {
        if (schema.isBoolean()) {
            return true;
        }
        for (String keyword : schema.propertyNames()) {
            if (keyword.equals("properties")) {
                for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
                    if (!isRefinement(p.getValue())) {
                        return false;
                    }
                }
            } else if (keyword.equals("items")) {
                if (!isRefinement(schema.get("items"))) {
                    return false;
                }
            } else if (!REFINEMENTS.contains(keyword) && !ANNOTATIONS.contains(keyword) && !RULE_KEYWORDS.contains(keyword)
                    && !keyword.equals("required")) {
                return false;
            }
        }
        return true;
    }

    // --- classification --------------------------------------------------------------------------

    private Mapped mapCollected(Collected c, Context context, String definitionName, MemoKey memoKey) {
        for (String unsupported : Keywords.DYNAMIC_REFERENCES) {
            if (c.has(unsupported)) {
                throw c.keywords.get(unsupported).origin(unsupported).error("'" + unsupported
                        + "' is not supported; use $ref to a $defs entry (recursion through $ref is supported)");
            }
        }
        boolean nullable = c.get("nullable") != null && c.get("nullable").asBoolean(false);
        Set<String> types = c.has("type") ? typeSet(c.get("type")) : null;
        if (types != null && types.remove("null")) {
            nullable = true;
        }
        Constraints constraints = Constraints.of(c.plainKeywords());
        if (c.has("const")) {
            JsonNode value = c.get("const");
            if (value.isNull()) {
                return new Mapped(new AnyType(c.origin()), true);
            }
            ScalarKind kind = ScalarKind.of(value);
            return new Mapped(kind == null ? new AnyType(c.origin()) : new ConstType(c.origin(), value, kind), nullable);
        }
        if (c.has("enum")) {
            return mapEnum(c, definitionName, nullable);
        }
        boolean objectish = (types != null && types.contains("object"))
                || (types == null && (!c.properties.isEmpty() || c.has("additionalProperties") || c.has("patternProperties")
                || !c.required.isEmpty()));
        String combinator = c.has("oneOf") ? "oneOf" : c.has("anyOf") ? "anyOf" : null;
        if (combinator != null && !objectish && (types == null || types.size() <= 1 && !types.contains("array"))) {
            if (c.has("oneOf") && c.has("anyOf")) {
                c.rules.add(new Collected.Located(wrap("anyOf", c.get("anyOf")), c.keywords.get("anyOf").owner()));
            }
            Mapped union = mapUnion(c, combinator, context, definitionName, types);
            return new Mapped(union.type(), union.nullable() || nullable);
        }
        if (types != null && types.size() > 1) {
            return new Mapped(mapTypeUnion(c, types, context, definitionName), nullable);
        }
        String type = types == null || types.isEmpty() ? inferType(c, objectish) : types.iterator().next();
        TypeNode node = switch (type) {
            case "object" -> mapObject(c, context, definitionName, memoKey, null);
            case "array" -> mapArray(c, context, constraints);
            case "string" -> context.media() ? new MediaType(c.origin(), constraints)
                    : new ScalarType(c.origin(), ScalarKind.STRING, constraints);
            case "integer" -> new ScalarType(c.origin(), constraints.exceedsInt() ? ScalarKind.LONG : ScalarKind.INTEGER, constraints);
            case "number" -> new ScalarType(c.origin(), ScalarKind.NUMBER, constraints);
            case "boolean" -> new ScalarType(c.origin(), ScalarKind.BOOLEAN, constraints);
            case "null" -> {
                nullable = true;
                yield new AnyType(c.origin());
            }
            case "any" -> context.media() ? new MediaType(c.origin(), constraints) : new AnyType(c.origin());
            default -> throw c.keywords.get("type").origin("type").error("unknown type '" + type + "'");
        };
        return new Mapped(node, nullable);
    }

    /**
     * A schema without {@code type}: infer it from the keywords it uses (an array's, else a string's, else a
     * number's), else it accepts anything.
     */
    private static String inferType(Collected c, boolean objectish) {
        if (objectish) {
            return "object";
        }
        for (String type : List.of("array", "string", "number")) {
            for (String keyword : c.keywords.keySet()) {
                if (type.equals(Keywords.checks(keyword))) {
                    return type;
                }
            }
        }
        return "any";
    }

    private Mapped mapEnum(Collected c, String definitionName, boolean nullable) {
        JsonNode values = c.get("enum");
        Origin origin = c.keywords.get("enum").origin("enum");
        if (!values.isArray() || values.isEmpty()) {
            throw origin.error("'enum' must be a non-empty array");
        }
        List<JsonNode> nonNull = new ArrayList<>();
        for (JsonNode v : values) {
            if (v.isNull()) {
                nullable = true;
            } else if (!nonNull.contains(v)) {
                nonNull.add(v);
            }
        }
        return new Mapped(enumOf(c, origin, nonNull, Map.of(), definitionName), nullable);
    }

    private TypeNode enumOf(Collected c, Origin origin, List<JsonNode> values, Map<JsonNode, String> docs, String definitionName) {
        if (values.size() > SchemaLimits.MAX_ENUM_VALUES) {
            throw origin.error("the enumeration has " + values.size() + " values; a generated class holds at most "
                    + SchemaLimits.MAX_ENUM_VALUES + " (its constants are created in one class initializer, which Java limits to 64 KiB of bytecode)");
        }
        if (values.isEmpty()) {
            return new AnyType(origin);
        }
        ScalarKind kind = commonKind(values);
        if (kind == ScalarKind.BOOLEAN) {
            return new ScalarType(origin, ScalarKind.BOOLEAN, Constraints.NONE);
        }
        if (kind == null) {
            // Mixed kinds ("auto" or a number): a union of the constants keeps every value typed.
            List<UnionType.Variant> variants = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (JsonNode v : values) {
                ScalarKind k = ScalarKind.of(v);
                if (k == null) {
                    throw origin.error("enum values must be strings, numbers or booleans, found " + v);
                }
                variants.add(new UnionType.Variant(unique(names, Names.constantStem(v)), new ConstType(origin, v, k), shapeOf(k), v));
            }
            return new UnionType(origin, c.text("title"), c.text("description"), definitionName, null, variants);
        }
        return new EnumType(origin, c.text("title"), c.text("description"), definitionName, kind, values, docs);
    }

    private static ScalarKind commonKind(List<JsonNode> values) {
        ScalarKind common = null;
        boolean exceedsInt = false;
        for (JsonNode v : values) {
            ScalarKind k = ScalarKind.of(v);
            if (k == null) {
                return null;
            }
            if (k == ScalarKind.LONG) {
                exceedsInt = true;
                k = ScalarKind.INTEGER;
            }
            if (common == null) {
                common = k;
            } else if (common != k) {
                if ((common == ScalarKind.INTEGER && k == ScalarKind.NUMBER) || (common == ScalarKind.NUMBER && k == ScalarKind.INTEGER)) {
                    common = ScalarKind.NUMBER;
                } else {
                    return null;
                }
            }
        }
        // An integer enumeration with a value beyond int is typed Long, so every constant compiles.
        return common == ScalarKind.INTEGER && exceedsInt ? ScalarKind.LONG : common;
    }

    private TypeNode mapArray(Collected c, Context context, Constraints constraints) {
        JsonNode items = c.get("items");
        if (items == null || items.isArray() || c.has("prefixItems")) {
            // Tuples have no single item type; their elements stay JSON values, checked by the validator.
            return new ArrayType(c.origin(), context.media() ? new MediaType(c.origin(), Constraints.NONE)
                    : new AnyType(c.origin()), true, constraints);
        }
        Collected.Located located = c.keywords.get("items");
        SchemaRef itemsRef = new SchemaRef(located.owner().document(), located.owner().pointer() + "/items");
        Mapped item = map(itemsRef, context);
        return new ArrayType(c.origin(), item.type(), item.nullable(), constraints);
    }

    /** @param task the side of the task this object is the root of, or null for any other object */
    private TypeNode mapObject(Collected c, Context context, String definitionName, MemoKey memoKey, Side task) {
        JsonNode additional = c.get("additionalProperties");
        boolean hasBranchProperties = false;
        for (Collected.Located rule : c.rules) {
            hasBranchProperties |= !branchProperties(rule).isEmpty();
        }
        for (String combinator : Keywords.ALTERNATIVES) {
            hasBranchProperties |= c.has(combinator) && !branchProperties(
                    new Collected.Located(wrap(combinator, c.get(combinator)), c.keywords.get(combinator).owner())).isEmpty();
        }
        if (c.properties.isEmpty() && c.required.isEmpty() && !hasBranchProperties && !c.has("oneOf") && !c.has("anyOf")) {
            Constraints constraints = Constraints.of(c.plainKeywords());
            if (additional != null && additional.isObject() && !additional.isEmpty()) {
                Collected.Located located = c.keywords.get("additionalProperties");
                Mapped values = map(new SchemaRef(located.owner().document(), located.owner().pointer() + "/additionalProperties"),
                        new Context(context.side(), false));
                return new MapType(c.origin(), values.type(), constraints);
            }
            return new MapType(c.origin(), new AnyType(c.origin()), constraints);
        }
        ObjectType object = new ObjectType(c.origin(), c.text("title"), c.text("description"), definitionName);
        if (memoKey != null) {
            memo.put(memoKey, new Mapped(object, false));
        }
        for (Map.Entry<String, SchemaRef> p : c.properties.entrySet()) {
            if (p.getValue().node().isBoolean() && !p.getValue().node().asBoolean()) {
                continue; // 'false': the property must not be sent, so it gets no accessor
            }
            object.add(property(p.getKey(), p.getValue(), c.required.contains(p.getKey()), context));
        }
        for (String keyword : RULE_KEYWORDS) {
            if (c.has(keyword) && !keyword.equals("then") && !keyword.equals("else")) {
                JsonNode rule = wrap(keyword, c.get(keyword));
                if (keyword.equals("if")) {
                    var ifThen = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                    ifThen.set("if", c.get("if"));
                    if (c.has("then")) {
                        ifThen.set("then", c.get("then"));
                    }
                    if (c.has("else")) {
                        ifThen.set("else", c.get("else"));
                    }
                    rule = ifThen;
                }
                c.rules.add(new Collected.Located(rule, c.keywords.get(keyword).owner()));
            }
        }
        Map<String, List<SchemaRef>> fromBranches = new LinkedHashMap<>();
        for (Collected.Located rule : c.rules) {
            branchProperties(rule).forEach((name, refs) -> fromBranches.computeIfAbsent(name, k -> new ArrayList<>()).addAll(refs));
        }
        for (Map.Entry<String, List<SchemaRef>> extra : fromBranches.entrySet()) {
            if (object.property(extra.getKey()) == null) {
                object.add(branchProperty(extra.getKey(), extra.getValue(), context));
            }
        }
        for (Collected.Located rule : c.rules) {
            String keyword = rule.value().propertyNames().iterator().next();
            object.add(new Rule(keyword, rule.value(), RuleSummaries.summarize(rule.value()), rule.owner().origin()));
        }
        for (String name : c.required) {
            if (object.property(name) == null) {
                Origin origin = c.origin().child("required");
                object.add(new Property(name, new AnyType(origin), true, true, null, null, List.of(), false,
                        Constraints.NONE, origin));
            }
        }
        if (additional != null && additional.isBoolean() && !additional.asBoolean()
                || c.get("unevaluatedProperties") != null && c.get("unevaluatedProperties").isBoolean()
                && !c.get("unevaluatedProperties").asBoolean()) {
            object.extra(ObjectType.Extra.FORBIDDEN, null);
        } else if (additional != null && additional.isObject() && !additional.isEmpty()) {
            Collected.Located located = c.keywords.get("additionalProperties");
            Mapped values = map(new SchemaRef(located.owner().document(), located.owner().pointer() + "/additionalProperties"),
                    new Context(context.side(), false));
            object.extra(ObjectType.Extra.TYPED, values.type());
        }
        if (task != null) {
            applyTaskContract(object, task);
        }
        object.freeze();
        return object;
    }

    /**
     * Properties that only a oneOf/anyOf branch of an object declares with a real shape. They become
     * optional properties of the object, so they can be set; which combination is allowed stays a rule.
     */
    private Map<String, List<SchemaRef>> branchProperties(Collected.Located rule) {
        Map<String, List<SchemaRef>> out = new LinkedHashMap<>();
        JsonNode value = rule.value();
        for (String combinator : Keywords.ALTERNATIVES) {
            JsonNode branches = value.path(combinator);
            for (int i = 0; i < branches.size(); i++) {
                JsonNode properties = branches.get(i).path("properties");
                for (Map.Entry<String, JsonNode> p : properties.properties()) {
                    if (!isRefinement(p.getValue())) {
                        String base = rule.owner().pointer() + "/" + combinator + "/" + i + "/properties/" + EmbeddedIds.escape(p.getKey());
                        out.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(new SchemaRef(rule.owner().document(), base));
                    }
                }
            }
        }
        return out;
    }

    /**
     * A property declared by several branches: one branch's schema when they agree; an enumeration when
     * each fixes a different constant (a tag such as {@code operation}); otherwise any JSON value.
     */
    private Property branchProperty(String name, List<SchemaRef> refs, Context context) {
        SchemaRef first = refs.get(0);
        List<JsonNode> constants = new ArrayList<>();
        boolean allSame = true;
        for (SchemaRef ref : refs) {
            allSame &= sameShape(first.node(), ref.node());
            JsonNode constant = ref.node().path("const");
            if (!constant.isMissingNode() && !constants.contains(constant)) {
                constants.add(constant);
            }
        }
        if (allSame) {
            return property(name, first, false, context);
        }
        Property template = property(name, first, false, context);
        TypeNode type = constants.size() == refs.size() || constants.size() > 1 && refs.stream().allMatch(r -> r.node().has("const"))
                ? enumOf(collect(first, new HashSet<>()), first.origin(), constants, Map.of(), null)
                : new AnyType(first.origin());
        return new Property(name, type, false, template.nullable(), template.description(), null, List.of(), false,
                Constraints.NONE, first.origin());
    }

    private Property property(String name, SchemaRef ref, boolean required, Context parent) {
        Mapped mapped = map(ref, contextFor(name, parent));
        Collected annotations = collectAnnotations(ref);
        List<JsonNode> examples = new ArrayList<>();
        JsonNode ex = annotations.get("examples");
        if (ex != null && ex.isArray()) {
            ex.forEach(examples::add);
        }
        if (annotations.get("example") != null) {
            examples.add(annotations.get("example"));
        }
        JsonNode deprecated = annotations.get("deprecated");
        return new Property(name, mapped.type(), required, mapped.nullable(), annotations.text("description"),
                annotations.get("default"), examples, deprecated != null && deprecated.asBoolean(false),
                Constraints.of(annotations.plainKeywords()), ref.origin());
    }

    /** Annotations of a property schema, following a plain {@code $ref} for those it does not state itself. */
    private Collected collectAnnotations(SchemaRef ref) {
        try {
            return collect(ref, new HashSet<>());
        } catch (SchemaException e) {
            return new Collected(ref);
        }
    }

    private static Context contextFor(String propertyName, Context parent) {
        return new Context(parent.side(), parent.side() == Side.REQUEST && propertyName != null
                && MEDIA_NAME.matcher(propertyName).matches());
    }

    // --- unions ----------------------------------------------------------------------------------

    private Mapped mapUnion(Collected c, String combinator, Context context, String definitionName, Set<String> outerTypes) {
        Collected.Located located = c.keywords.get(combinator);
        JsonNode branches = located.value();
        Origin origin = located.origin(combinator);
        if (!branches.isArray() || branches.isEmpty()) {
            throw origin.error("'" + combinator + "' must be a non-empty array of schemas");
        }
        if (branches.size() > SchemaLimits.MAX_ENUM_VALUES) {
            throw origin.error("'" + combinator + "' has " + branches.size() + " alternatives; a generated type holds at most "
                    + SchemaLimits.MAX_ENUM_VALUES);
        }
        List<SchemaRef> refs = new ArrayList<>();
        List<Collected> collected = new ArrayList<>();
        boolean nullable = false;
        for (int i = 0; i < branches.size(); i++) {
            SchemaRef branch = new SchemaRef(located.owner().document(), located.owner().pointer() + "/" + combinator + "/" + i);
            Collected b = collect(branch, new HashSet<>());
            if (isNullOnly(b)) {
                nullable = true;
                continue;
            }
            refs.add(branch);
            collected.add(b);
        }
        if (refs.isEmpty()) {
            return new Mapped(new AnyType(origin), true);
        }
        // Enumerations written as oneOf of consts (each with its own title or description).
        if (collected.stream().allMatch(b -> b.has("const") || b.has("enum") && b.get("enum").isArray())) {
            List<JsonNode> values = new ArrayList<>();
            Map<JsonNode, String> docs = new LinkedHashMap<>();
            for (Collected b : collected) {
                List<JsonNode> branchValues = new ArrayList<>();
                if (b.has("const")) {
                    branchValues.add(b.get("const"));
                } else {
                    b.get("enum").forEach(branchValues::add);
                }
                for (JsonNode v : branchValues) {
                    if (v.isNull()) {
                        nullable = true;
                    } else if (!values.contains(v)) {
                        values.add(v);
                        String doc = b.text("title") != null ? b.text("title") : b.text("description");
                        if (doc != null && branchValues.size() == 1) {
                            docs.put(v, b.text("title") != null && b.text("description") != null
                                    ? b.text("title") + ": " + b.text("description") : doc);
                        }
                    }
                }
            }
            return new Mapped(enumOf(c, origin, values, docs, definitionName), nullable);
        }
        if (refs.size() == 1) {
            Mapped only = map(refs.get(0), context);
            return new Mapped(only.type(), only.nullable() || nullable);
        }
        String discriminator = discriminator(collected);
        if (discriminator != null) {
            List<UnionType.Variant> variants = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                JsonNode tag = tagOf(collected.get(i), discriminator);
                TypeNode variant = mapObject(collected.get(i), context, null, null, null);
                variants.add(new UnionType.Variant(tag.asString(), variant, UnionType.Shape.OBJECT, tag));
            }
            return new Mapped(new UnionType(origin, c.text("title"), c.text("description"), definitionName, discriminator, variants), nullable);
        }
        List<UnionType.Variant> variants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<UnionType.Shape, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < refs.size(); i++) {
            Collected b = collected.get(i);
            if (b.has("const")) {
                JsonNode value = b.get("const");
                ScalarKind kind = ScalarKind.of(value);
                if (kind == null) {
                    throw refs.get(i).origin().error("a const alternative must be a string, number or boolean");
                }
                variants.add(new UnionType.Variant(unique(names, Names.constantStem(value)), new ConstType(b.origin(), value, kind), shapeOf(kind), value));
                continue;
            }
            Mapped mapped = map(refs.get(i), context);
            nullable |= mapped.nullable();
            TypeNode type = mapped.type();
            if (type instanceof AnyType) {
                return new Mapped(type, true); // one alternative accepts anything, so the union does too
            }
            if (type instanceof UnionType inner && inner.discriminator() == null) {
                for (UnionType.Variant v : inner.variants()) {
                    variants.add(new UnionType.Variant(unique(names, v.name()), v.type(), v.shape(), v.tag()));
                }
                continue;
            }
            UnionType.Shape shape = shapeOf(type);
            Integer previous = seen.get(shape);
            if (previous != null && shape != UnionType.Shape.OBJECT) {
                continue; // two string forms (say uuid and uri) are one Java type; the validator tells them apart
            }
            seen.put(shape, variants.size());
            String name = shape == UnionType.Shape.OBJECT && b.text("title") != null
                    ? Names.lowerCamel(b.text("title")) : shapeName(shape, type);
            variants.add(new UnionType.Variant(unique(names, name), type, shape, null));
        }
        if (variants.size() == 1 && variants.get(0).tag() == null) {
            return new Mapped(variants.get(0).type(), nullable);
        }
        return new Mapped(new UnionType(origin, c.text("title"), c.text("description"), definitionName, null, variants), nullable);
    }

    private TypeNode mapTypeUnion(Collected c, Set<String> types, Context context, String definitionName) {
        List<UnionType.Variant> variants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Constraints constraints = Constraints.of(c.plainKeywords());
        for (String type : types) {
            TypeNode node = switch (type) {
                case "string" -> context.media() ? new MediaType(c.origin(), constraints) : new ScalarType(c.origin(), ScalarKind.STRING, constraints);
                case "integer" -> new ScalarType(c.origin(), ScalarKind.INTEGER, constraints);
                case "number" -> new ScalarType(c.origin(), ScalarKind.NUMBER, constraints);
                case "boolean" -> new ScalarType(c.origin(), ScalarKind.BOOLEAN, constraints);
                case "array" -> mapArray(c, context, constraints);
                case "object" -> mapObject(c, context, null, null, null);
                default -> throw c.keywords.get("type").origin("type").error("unknown type '" + type + "'");
            };
            UnionType.Shape shape = shapeOf(node);
            variants.add(new UnionType.Variant(unique(names, shapeName(shape, node)), node, shape, null));
        }
        return new UnionType(c.origin(), c.text("title"), c.text("description"), definitionName, null, variants);
    }

    private static boolean isNullOnly(Collected b) {
        JsonNode type = b.get("type");
        return type != null && (type.isString() && type.asString().equals("null")
                || type.isArray() && type.size() == 1 && type.get(0).asString().equals("null"))
                || b.has("const") && b.get("const").isNull();
    }

    /** A property that every branch fixes to a distinct string constant, checked in first-branch order. */
    private static String discriminator(List<Collected> branches) {
        for (Collected b : branches) {
            if (b.properties.isEmpty()) {
                return null;
            }
        }
        for (String candidate : branches.get(0).properties.keySet()) {
            Set<String> tags = new HashSet<>();
            boolean ok = true;
            for (Collected b : branches) {
                JsonNode tag = tagOf(b, candidate);
                if (tag == null || !tag.isString() || !tags.add(tag.asString())) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return candidate;
            }
        }
        return null;
    }

    private static JsonNode tagOf(Collected branch, String property) {
        SchemaRef ref = branch.properties.get(property);
        if (ref == null) {
            return null;
        }
        JsonNode node = ref.node();
        if (node.has("const")) {
            return node.get("const");
        }
        JsonNode values = node.path("enum");
        return values.isArray() && values.size() == 1 ? values.get(0) : null;
    }

    static UnionType.Shape shapeOf(ScalarKind kind) {
        return switch (kind) {
            case STRING -> UnionType.Shape.STRING;
            case INTEGER, LONG -> UnionType.Shape.INTEGER;
            case NUMBER -> UnionType.Shape.NUMBER;
            case BOOLEAN -> UnionType.Shape.BOOLEAN;
        };
    }

    static UnionType.Shape shapeOf(TypeNode type) {
        if (type instanceof ScalarType s) {
            return shapeOf(s.kind());
        }
        if (type instanceof ConstType k) {
            return shapeOf(k.kind());
        }
        if (type instanceof EnumType e) {
            return shapeOf(e.kind());
        }
        if (type instanceof MediaType) {
            return UnionType.Shape.STRING;
        }
        if (type instanceof ArrayType) {
            return UnionType.Shape.ARRAY;
        }
        return UnionType.Shape.OBJECT;
    }

    private static String shapeName(UnionType.Shape shape, TypeNode type) {
        if (type instanceof MediaType) {
            return "media";
        }
        return switch (shape) {
            case BOOLEAN -> "boolean";
            case INTEGER -> "integer";
            case NUMBER -> "number";
            case STRING -> "string";
            case ARRAY -> "list";
            case OBJECT -> type instanceof MapType ? "map" : "object";
            case NULL -> "null";
        };
    }

    private static String unique(Set<String> taken, String name) {
        String candidate = name;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = name + i;
        }
        return candidate;
    }
}
