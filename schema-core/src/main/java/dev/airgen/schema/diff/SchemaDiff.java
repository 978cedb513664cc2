package dev.airgen.schema.diff;

import dev.airgen.schema.keyword.Keywords;
import dev.airgen.schema.resolve.LocalRefs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Compares two versions of one request schema, parameter by parameter, and says what a caller written
 * against the old one would notice. Follows {@code $ref}s inside each schema; nested objects and array
 * items are compared too, as are the alternatives of {@code anyOf}/{@code oneOf} when their count is
 * unchanged.
 */
public final class SchemaDiff {

    /** Nesting guard for recursive schemas. */
    private static final int MAX_DEPTH = 32;

    private final JsonNode oldRoot;
    private final JsonNode newRoot;
    private final List<Change> changes = new ArrayList<>();
    private final Set<String> entered = new HashSet<>();

    private SchemaDiff(JsonNode oldRoot, JsonNode newRoot) {
        this.oldRoot = oldRoot;
        this.newRoot = newRoot;
    }

    /** Every difference, in schema order: removed and changed parameters first, then new ones. */
    public static List<Change> compare(JsonNode oldSchema, JsonNode newSchema) {
        SchemaDiff diff = new SchemaDiff(oldSchema, newSchema);
        diff.object("", oldSchema, newSchema, 0);
        return List.copyOf(diff.changes);
    }

    private void node(String path, JsonNode oldNode, JsonNode newNode, int depth) {
        JsonNode before = deref(oldNode, oldRoot);
        JsonNode after = deref(newNode, newRoot);
        if (depth > MAX_DEPTH || before.equals(after)) {
            return;
        }
        // A recursive schema ($ref back to an enclosing definition) is compared once, at its first use.
        String refs = ref(oldNode) + "|" + ref(newNode);
        if (!refs.equals("|") && !entered.add(refs)) {
            return;
        }
        try {
            compareNodes(path, before, after, depth);
        } finally {
            if (!refs.equals("|")) {
                entered.remove(refs);
            }
        }
    }

    private static String ref(JsonNode node) {
        return node.isObject() && node.path("$ref").isString() ? node.get("$ref").asString() : "";
    }

    private void compareNodes(String path, JsonNode before, JsonNode after, int depth) {
        type(path, before, after);
        values(path, before, after);
        for (int i = 0; i < Keywords.LOWER_BOUNDS.size(); i++) {
            bound(path, Keywords.LOWER_BOUNDS.get(i), before, after, true);
            bound(path, Keywords.UPPER_BOUNDS.get(i), before, after, false);
        }
        object(path, before, after, depth);
        if (before.has("items") && after.has("items") && before.get("items").isObject() && after.get("items").isObject()) {
            node(path + "[]", before.get("items"), after.get("items"), depth + 1);
        }
        for (String keyword : Keywords.ALTERNATIVES) {
            alternatives(path, keyword, before, after, depth);
        }
    }

    private void object(String path, JsonNode before, JsonNode after, int depth) {
        JsonNode oldProps = deref(before, oldRoot).path("properties");
        JsonNode newProps = deref(after, newRoot).path("properties");
        if (!oldProps.isObject() && !newProps.isObject()) {
            return;
        }
        Set<String> oldRequired = names(deref(before, oldRoot).path("required"));
        Set<String> newRequired = names(deref(after, newRoot).path("required"));
        for (Map.Entry<String, JsonNode> property : oldProps.properties()) {
            String name = property.getKey();
            String at = join(path, name);
            if (!newProps.has(name)) {
                changes.add(new Change(Change.Kind.PARAMETER_REMOVED, at, ""));
                continue;
            }
            if (newRequired.contains(name) && !oldRequired.contains(name)) {
                changes.add(new Change(Change.Kind.NEWLY_REQUIRED, at, ""));
            } else if (oldRequired.contains(name) && !newRequired.contains(name)) {
                changes.add(new Change(Change.Kind.NO_LONGER_REQUIRED, at, ""));
            }
            node(at, property.getValue(), newProps.get(name), depth + 1);
        }
        for (Map.Entry<String, JsonNode> property : newProps.properties()) {
            String name = property.getKey();
            if (!oldProps.has(name)) {
                // A new parameter that callers must now send breaks every existing request.
                changes.add(newRequired.contains(name)
                        ? new Change(Change.Kind.NEWLY_REQUIRED, join(path, name), "new parameter")
                        : new Change(Change.Kind.PARAMETER_ADDED, join(path, name), ""));
            }
        }
    }

    private void type(String path, JsonNode before, JsonNode after) {
        Set<String> oldTypes = types(before);
        Set<String> newTypes = types(after);
        if (oldTypes.isEmpty() || newTypes.isEmpty() || oldTypes.equals(newTypes)) {
            if (!oldTypes.isEmpty() && newTypes.isEmpty()) {
                changes.add(new Change(Change.Kind.TYPE_WIDENED, path, String.join("|", oldTypes) + " -> any"));
            } else if (oldTypes.isEmpty() && !newTypes.isEmpty()) {
                changes.add(new Change(Change.Kind.TYPE_CHANGED, path, "any -> " + String.join("|", newTypes)));
            }
            return;
        }
        String detail = String.join("|", oldTypes) + " -> " + String.join("|", newTypes);
        changes.add(new Change(accepts(newTypes, oldTypes) ? Change.Kind.TYPE_WIDENED : Change.Kind.TYPE_CHANGED, path, detail));
    }

    /** Whether every value of the old types is still accepted; {@code number} covers {@code integer}. */
    private static boolean accepts(Set<String> newTypes, Set<String> oldTypes) {
        for (String type : oldTypes) {
            if (!newTypes.contains(type) && !(type.equals("integer") && newTypes.contains("number"))) {
                return false;
            }
        }
        return true;
    }

    /** {@code enum} and {@code const}, both read as the set of allowed values. */
    private void values(String path, JsonNode before, JsonNode after) {
        Set<JsonNode> oldValues = allowed(before);
        Set<JsonNode> newValues = allowed(after);
        if (oldValues == null && newValues == null) {
            return;
        }
        if (oldValues == null) {
            changes.add(new Change(Change.Kind.ENUM_NARROWED, path, "now only " + show(newValues)));
            return;
        }
        if (newValues == null) {
            changes.add(new Change(Change.Kind.ENUM_WIDENED, path, "any value now"));
            return;
        }
        Set<JsonNode> removed = new LinkedHashSet<>(oldValues);
        removed.removeAll(newValues);
        Set<JsonNode> added = new LinkedHashSet<>(newValues);
        added.removeAll(oldValues);
        if (!removed.isEmpty()) {
            changes.add(new Change(Change.Kind.ENUM_NARROWED, path, "removed " + show(removed)));
        }
        if (!added.isEmpty()) {
            changes.add(new Change(Change.Kind.ENUM_WIDENED, path, "added " + show(added)));
        }
    }

    private void bound(String path, String keyword, JsonNode before, JsonNode after, boolean lower) {
        JsonNode oldBound = before.get(keyword);
        JsonNode newBound = after.get(keyword);
        boolean hadOne = oldBound != null && oldBound.isNumber();
        boolean hasOne = newBound != null && newBound.isNumber();
        if (!hadOne && !hasOne) {
            return;
        }
        String detail = keyword + " " + (hadOne ? oldBound.toString() : "none") + " -> " + (hasOne ? newBound.toString() : "none");
        if (hadOne && hasOne) {
            int order = newBound.decimalValue().compareTo(oldBound.decimalValue());
            if (order != 0) {
                boolean narrowed = lower ? order > 0 : order < 0;
                changes.add(new Change(narrowed ? Change.Kind.RANGE_NARROWED : Change.Kind.RANGE_WIDENED, path, detail));
            }
        } else {
            changes.add(new Change(hasOne ? Change.Kind.RANGE_NARROWED : Change.Kind.RANGE_WIDENED, path, detail));
        }
    }

    private void alternatives(String path, String keyword, JsonNode before, JsonNode after, int depth) {
        JsonNode oldOptions = before.get(keyword);
        JsonNode newOptions = after.get(keyword);
        if (oldOptions == null || newOptions == null || !oldOptions.isArray() || !newOptions.isArray()) {
            return;
        }
        if (oldOptions.size() == newOptions.size()) {
            for (int i = 0; i < oldOptions.size(); i++) {
                node(path, oldOptions.get(i), newOptions.get(i), depth + 1);
            }
            return;
        }
        String detail = keyword + " " + oldOptions.size() + " -> " + newOptions.size();
        changes.add(new Change(newOptions.size() < oldOptions.size() ? Change.Kind.ALTERNATIVES_REMOVED
                : Change.Kind.ALTERNATIVES_ADDED, path, detail));
    }

    /** Follows a local {@code $ref} ({@code #/$defs/x}) to its target; anything else is compared as written. */
    private static JsonNode deref(JsonNode node, JsonNode root) {
        return LocalRefs.follow(node, root);
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        Set<String> types = new LinkedHashSet<>();
        if (type != null && type.isString()) {
            types.add(type.asString());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        }
        return types;
    }

    private static Set<JsonNode> allowed(JsonNode schema) {
        if (schema.has("const")) {
            return new LinkedHashSet<>(List.of(schema.get("const")));
        }
        JsonNode values = schema.get("enum");
        if (values == null || !values.isArray()) {
            return null;
        }
        Set<JsonNode> set = new LinkedHashSet<>();
        values.forEach(set::add);
        return set;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        array.forEach(n -> {
            if (n.isString()) {
                names.add(n.asString());
            }
        });
        return names;
    }

    private static String show(Set<JsonNode> values) {
        List<String> shown = new ArrayList<>();
        values.forEach(v -> shown.add(v.isString() ? v.asString() : v.toString()));
        return String.join(", ", shown);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
