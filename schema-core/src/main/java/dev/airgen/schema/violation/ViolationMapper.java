package dev.airgen.schema.violation;

import com.networknt.schema.SchemaLocation;
import com.networknt.schema.path.NodePath;
import dev.airgen.schema.keyword.Keywords;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Turns networknt's errors into {@link Finding}s that name the parameters at fault, the one way AIRgen does
 * it (the runtime reports them as dotted names, the emulator as Runware error codes, see {@link RunwareStyle}):
 * <ul>
 *   <li>errors inside the branches of a failed {@code oneOf}/{@code anyOf} explain that failure and are folded
 *       into it; a failed {@code anyOf} is one finding however many branches failed;</li>
 *   <li>a cross-field rule (branches that constrain several properties of one object) names every property it
 *       constrains, and lists the branches' {@code title}s as what is allowed;</li>
 *   <li>a rule under {@code then}/{@code else} also names the properties its {@code if} looks at;</li>
 *   <li>a name that only leads to a more precise one ({@code inputs} before {@code inputs.frameImages}) is dropped.</li>
 * </ul>
 * Instances are cheap and hold no state besides the schema lookup; use one per validated schema.
 */
public final class ViolationMapper {

    private final Function<SchemaLocation, JsonNode> nodeAt;

    /** @param nodeAt the schema node at a location networknt reports, or null when unknown */
    public ViolationMapper(Function<SchemaLocation, JsonNode> nodeAt) {
        this.nodeAt = nodeAt;
    }

    /**
     * A mapper over the given documents by absolute IRI (without fragment); a location's fragment is followed
     * inside its document.
     */
    public static ViolationMapper over(Map<String, JsonNode> documents) {
        return new ViolationMapper(location -> nodeIn(documents, location));
    }

    /** The node a location names inside one of {@code documents}; null when the document is unknown. */
    public static JsonNode nodeIn(Map<String, JsonNode> documents, SchemaLocation location) {
        String iri = location.getAbsoluteIri().toString();
        int hash = iri.indexOf('#');
        JsonNode doc = documents.get(hash < 0 ? iri : iri.substring(0, hash));
        if (doc == null) {
            return null;
        }
        NodePath fragment = location.getFragment();
        JsonNode node = doc;
        for (int i = 0; fragment != null && i < fragment.getNameCount() && node != null; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
        }
        return node;
    }


    /** The findings for one validation's errors, in the order networknt reported them, without repeats. */
    public List<Finding> map(List<com.networknt.schema.Error> errors) {
        List<String> composite = new ArrayList<>();
        for (com.networknt.schema.Error e : errors) {
            if (Keywords.ALTERNATIVES.contains(e.getKeyword())) {
                composite.add(e.getEvaluationPath().toString());
            }
        }
        // A failed anyOf shows up only as the failures of its branches: gather them under the anyOf.
        Map<String, List<com.networknt.schema.Error>> anyOfGroups = new LinkedHashMap<>();
        Map<String, Finding> out = new LinkedHashMap<>();
        for (com.networknt.schema.Error e : errors) {
            String eval = e.getEvaluationPath().toString();
            if (absorbed(eval, composite)) {
                continue;
            }
            int branch = eval.indexOf("/anyOf/");
            if (branch >= 0) {
                String key = eval.substring(0, branch + "/anyOf".length());
                anyOfGroups.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
                out.putIfAbsent("anyOf|" + key, null);
                continue;
            }
            Finding v = toFinding(e);
            out.putIfAbsent(v.parameters() + "|" + v.keyword() + "|" + v.message(), v);
        }
        List<Finding> result = new ArrayList<>();
        for (Map.Entry<String, Finding> entry : out.entrySet()) {
            if (entry.getValue() != null) {
                result.add(entry.getValue());
            } else {
                Finding v = anyOf(anyOfGroups.get(entry.getKey().substring("anyOf|".length())));
                if (!result.contains(v)) {
                    result.add(v);
                }
            }
        }
        return List.copyOf(result);
    }

    /** One violation for an anyOf none of whose branches matched. */
    private Finding anyOf(List<com.networknt.schema.Error> branchErrors) {
        com.networknt.schema.Error first = branchErrors.get(0);
        NodePath eval = first.getEvaluationPath();
        int at = indexOf(eval, "anyOf");
        List<Object> child = segments(first.getInstanceLocation());
        int consumed = Math.min(child.size(), consumedAfter(eval, at + 1));
        List<Object> holder = child.subList(0, child.size() - consumed);
        JsonNode branches = null;
        SchemaLocation location = first.getSchemaLocation();
        if (location != null && location.getFragment() != null) {
            int fragmentAt = indexOf(location.getFragment(), "anyOf");
            if (fragmentAt >= 0) {
                branches = nodeAt.apply(new SchemaLocation(location.getAbsoluteIri(),
                        truncate(location.getFragment(), fragmentAt + 1)));
            }
        }
        Set<String> params = new LinkedHashSet<>();
        String message = "matches none of the allowed alternatives";
        if (branches != null && branches.isArray()) {
            if (holder.isEmpty() || combinationRule(branches)) {
                for (JsonNode branch : branches) {
                    collectNames(branch, holder, params, 0);
                }
            }
            message += allowedTitles(branches);
        }
        if (params.isEmpty()) {
            params.add(render(holder));
        }
        if (branches == null || allowedTitles(branches).isEmpty()) {
            List<String> why = new ArrayList<>();
            for (com.networknt.schema.Error e : branchErrors) {
                String where = render(segments(e.getInstanceLocation()));
                why.add((where.isEmpty() ? "" : where + " ") + e.getMessage());
            }
            message += ": " + String.join("; ", why);
        }
        return Finding.at(dropPrefixes(params), "anyOf", message,
                location == null ? "" : location.toString());
    }

    private static int indexOf(NodePath path, String name) {
        for (int i = 0; i < path.getNameCount(); i++) {
            if (name.equals(path.getElement(i))) {
                return i;
            }
        }
        return -1;
    }

    /** How many instance segments the schema path from {@code from} on steps into. */
    private static int consumedAfter(NodePath path, int from) {
        int consumed = 0;
        for (int i = Math.max(0, from); i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (Keywords.NAMED_MEMBER_STEP.contains(element)) {
                consumed++;
                i++;
            } else if (Keywords.ELEMENT_STEP.contains(element)) {
                consumed++;
            }
        }
        return consumed;
    }

    /** Errors inside the branches of a failed oneOf/anyOf explain that failure; they are not rules of their own. */
    private static boolean absorbed(String eval, List<String> composite) {
        for (String c : composite) {
            if (eval.length() > c.length() && eval.startsWith(c) && eval.charAt(c.length()) == '/') {
                return true;
            }
        }
        return false;
    }

    private Finding toFinding(com.networknt.schema.Error e) {
        List<Object> at = segments(e.getInstanceLocation());
        String keyword = e.getKeyword() == null ? "schema" : e.getKeyword();
        Set<String> params = new LinkedHashSet<>();
        String message = e.getMessage();
        switch (keyword) {
            case "required", "additionalProperties", "unevaluatedProperties" -> {
                params.add(render(append(at, e.getProperty())));
            }
            case "dependentRequired", "dependencies" -> {
                Object[] args = e.getArguments();
                if (args != null && args.length > 0 && args[0] != null) {
                    params.add(render(append(at, String.valueOf(args[0]))));
                }
                if (e.getProperty() != null) {
                    params.add(render(append(at, e.getProperty())));
                }
            }
            case "oneOf", "anyOf" -> {
                JsonNode branches = e.getSchemaNode();
                if (branches != null && branches.isArray() && (at.isEmpty() || combinationRule(branches))) {
                    for (JsonNode branch : branches) {
                        collectNames(branch, at, params, 0);
                    }
                    message = message + allowedTitles(branches);
                } else if (branches != null && branches.isArray()) {
                    message = message + allowedConstants(branches);
                }
            }
            case "not" -> {
                JsonNode negated = e.getSchemaNode();
                if (negated != null && negated.isObject() && (at.isEmpty() || combinationRule(negated))) {
                    collectNames(negated, at, params, 0);
                    if (!params.isEmpty()) {
                        message = "must not combine " + String.join(" and ", params);
                    }
                }
            }
            default -> {
            }
        }
        if (params.isEmpty()) {
            params.add(render(at));
        }
        params.addAll(conditionNames(e, at));
        List<String> ordered = dropPrefixes(params);
        return Finding.at(ordered, keyword, message,
                e.getSchemaLocation() == null ? "" : e.getSchemaLocation().toString());
    }

    /** For a rule under then/else, the parameters of the matching if also take part. */
    private Set<String> conditionNames(com.networknt.schema.Error e, List<Object> at) {
        Set<String> names = new LinkedHashSet<>();
        SchemaLocation location = e.getSchemaLocation();
        if (location == null || location.getFragment() == null) {
            return names;
        }
        NodePath fragment = location.getFragment();
        int branch = -1;
        for (int i = fragment.getNameCount() - 1; i >= 0; i--) {
            Object element = fragment.getElement(i);
            if ("then".equals(element) || "else".equals(element)) {
                branch = i;
                break;
            }
        }
        if (branch < 0) {
            return names;
        }
        int consumed = consumedAfter(fragment, branch + 1);
        if (consumed > at.size()) {
            return names;
        }
        SchemaLocation parent = new SchemaLocation(location.getAbsoluteIri(), truncate(fragment, branch));
        JsonNode holder = nodeAt.apply(parent);
        if (holder != null && holder.has("if")) {
            collectNames(holder.get("if"), at.subList(0, at.size() - consumed), names, 0);
        }
        return names;
    }

    private static NodePath truncate(NodePath path, int length) {
        NodePath out = new NodePath(path.getPathType());
        for (int i = 0; i < length; i++) {
            Object element = path.getElement(i);
            out = element instanceof Integer index ? out.append(index) : out.append(String.valueOf(element));
        }
        return out;
    }

    /** Branches that constrain several properties of one object without declaring a type are cross-field rules. */
    private static boolean combinationRule(JsonNode schemaOrBranches) {
        if (schemaOrBranches.isArray()) {
            for (JsonNode branch : schemaOrBranches) {
                if (combinationRule(branch)) {
                    return true;
                }
            }
            return false;
        }
        return schemaOrBranches.isObject() && !schemaOrBranches.has("type") && !schemaOrBranches.has("$ref")
                && (schemaOrBranches.has("properties") || schemaOrBranches.has("required")
                || schemaOrBranches.has("dependentRequired"));
    }

    private static String allowedTitles(JsonNode branches) {
        List<String> titles = new ArrayList<>();
        for (JsonNode branch : branches) {
            if (branch.path("title").isString()) {
                titles.add(branch.get("title").asString());
            }
        }
        return titles.isEmpty() ? "" : " (allowed: " + String.join("; ", titles) + ")";
    }

    /** For alternatives that are each one constant value, those values as what is allowed; else nothing. */
    private static String allowedConstants(JsonNode branches) {
        List<String> values = new ArrayList<>();
        for (JsonNode branch : branches) {
            JsonNode value = branch.get("const");
            if (value == null || value.isContainer()) {
                return "";
            }
            values.add(value.isString() ? value.asString() : value.toString());
        }
        return values.isEmpty() ? "" : " (allowed: " + String.join("; ", values) + ")";
    }

    /** Names of the properties a schema constrains, as dotted paths below {@code at}. */
    private static void collectNames(JsonNode schema, List<Object> at, Set<String> out, int depth) {
        if (schema == null || !schema.isObject() || depth > 8) {
            return;
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            for (Map.Entry<String, JsonNode> p : properties.properties()) {
                List<Object> path = append(at, p.getKey());
                Set<String> deeper = new LinkedHashSet<>();
                collectNames(p.getValue(), path, deeper, depth + 1);
                if (deeper.isEmpty()) {
                    out.add(render(path));
                } else {
                    out.addAll(deeper);
                }
            }
        }
        JsonNode required = schema.get("required");
        if (required != null && required.isArray()) {
            for (JsonNode name : required) {
                out.add(render(append(at, name.asString())));
            }
        }
        JsonNode dependent = schema.get("dependentRequired");
        if (dependent != null && dependent.isObject()) {
            for (Map.Entry<String, JsonNode> d : dependent.properties()) {
                out.add(render(append(at, d.getKey())));
                for (JsonNode name : d.getValue()) {
                    out.add(render(append(at, name.asString())));
                }
            }
        }
        for (String inPlace : Keywords.IN_PLACE) {
            JsonNode value = schema.get(inPlace);
            if (value != null && value.isArray()) {
                for (JsonNode branch : value) {
                    collectNames(branch, at, out, depth + 1);
                }
            } else {
                collectNames(value, at, out, depth + 1);
            }
        }
    }

    /** Keeps {@code inputs.frameImages} and drops a bare {@code inputs} that only leads to it. */
    private static List<String> dropPrefixes(Set<String> names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            boolean prefixOfOther = false;
            if (!name.isEmpty() || names.size() > 1) {
                for (String other : names) {
                    if (!other.equals(name) && (name.isEmpty() || other.startsWith(name + ".")
                            || other.startsWith(name + "["))) {
                        prefixOfOther = true;
                        break;
                    }
                }
            }
            if (!prefixOfOther) {
                out.add(name);
            }
        }
        return out;
    }

    private static List<Object> segments(NodePath path) {
        List<Object> out = new ArrayList<>();
        if (path != null) {
            for (int i = 0; i < path.getNameCount(); i++) {
                out.add(path.getElement(i));
            }
        }
        return out;
    }

    private static List<Object> append(List<Object> at, Object segment) {
        List<Object> out = new ArrayList<>(at);
        if (segment != null) {
            out.add(segment);
        }
        return out;
    }

    /**
     * The paths (with array indices, {@code ""} for the root) of every number in an instance that no 64-bit
     * integer or finite double holds exactly enough to compare: not finite, or of magnitude 2^63 or more.
     * networknt gives up on such values (a whole number written as {@code 1e308} against an integer bound),
     * so a request holding one is refused naming them.
     */
    public static List<String> extremeNumbers(JsonNode instance) {
        List<String> out = new ArrayList<>();
        extremeNumbers(instance, new ArrayList<>(), out);
        return out;
    }

    private static void extremeNumbers(JsonNode node, List<Object> at, List<String> out) {
        if (node.isNumber()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d) || Math.abs(d) >= 0x1p63) {
                out.add(render(at));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                extremeNumbers(e.getValue(), append(at, e.getKey()), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                extremeNumbers(node.get(i), append(at, i), out);
            }
        }
    }

    /** A path as a dotted name with array indices: {@code lora[1].weight}. */
    public static String render(List<Object> path) {
        StringBuilder out = new StringBuilder();
        Iterator<Object> it = path.iterator();
        while (it.hasNext()) {
            Object segment = it.next();
            if (segment instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(segment);
            }
        }
        return out.toString();
    }
}
