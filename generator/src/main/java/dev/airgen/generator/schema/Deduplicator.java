package dev.airgen.generator.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds named types that are structurally identical (same properties, required and nullable bits, value
 * types, constraints, rules; for enumerations the same values for the same parameter) and maps each to one
 * canonical instance, so that a shape repeated
 * by hundreds of models becomes one class. Descriptions and titles do not count: the canonical instance's
 * documentation is used. The first instance met wins; since tasks are visited in sorted order, so is that.
 */
public final class Deduplicator {

    private final Map<TypeNode, Integer> ids = new IdentityHashMap<>();
    private final Map<String, Integer> idsByKey = new HashMap<>();
    private final Map<Integer, NamedType> canonicalById = new HashMap<>();
    private final Map<NamedType, NamedType> canonical = new IdentityHashMap<>();
    private final Set<TypeNode> stack = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    /** Registers every named type reachable from {@code roots}; request roots keep their own identity. */
    public void add(List<TaskModel> tasks) {
        for (TaskModel task : tasks) {
            for (Property p : task.request().properties()) {
                id(p.type());
            }
            if (task.request().extraType() != null) {
                id(task.request().extraType());
            }
            canonical.put(task.request(), task.request());
            id(task.result());
        }
    }

    /** The instance that stands for {@code type} (itself when it has no twin). */
    @SuppressWarnings("unchecked")
    public <T extends TypeNode> T canonical(T type) {
        if (type instanceof NamedType named) {
            NamedType c = canonical.get(named);
            return c == null ? type : (T) c;
        }
        return type;
    }

    /** Every canonical named type, in the order first met. */
    public List<NamedType> types() {
        Set<NamedType> out = new LinkedHashSet<>(canonical.values());
        return new ArrayList<>(out);
    }

    private int id(TypeNode node) {
        Integer known = ids.get(node);
        if (known != null) {
            return known;
        }
        if (!stack.add(node)) {
            // A back edge of a recursive type: identity by place keeps the key finite.
            return idsByKey.computeIfAbsent("rec:" + node.origin(), k -> idsByKey.size());
        }
        String key;
        try {
            key = key(node);
        } finally {
            stack.remove(node);
        }
        int id = idsByKey.computeIfAbsent(key, k -> idsByKey.size());
        ids.put(node, id);
        if (node instanceof NamedType named) {
            NamedType first = canonicalById.putIfAbsent(id, named);
            canonical.put(named, first == null ? named : first);
        }
        return id;
    }

    private String key(TypeNode node) {
        StringBuilder k = new StringBuilder();
        if (node instanceof ObjectType o) {
            k.append("O{");
            for (Property p : o.properties()) {
                k.append(p.name()).append(p.required() ? '!' : '?').append(p.nullable() ? "n" : "")
                        .append(':').append(id(p.type())).append(p.constraints().keywords()).append(',');
            }
            k.append("|x=").append(o.extra()).append(o.extraType() == null ? "" : "#" + id(o.extraType()));
            for (Rule r : o.rules()) {
                k.append("|r=").append(r.schema());
            }
            k.append('}');
        } else if (node instanceof EnumType e) {
            k.append("E").append(e.kind()).append(e.values()).append('@').append(role(e));
        } else if (node instanceof UnionType u) {
            k.append("U").append(u.discriminator()).append('{');
            for (UnionType.Variant v : u.variants()) {
                k.append(v.name()).append('=').append(v.shape()).append(v.tag()).append(':').append(id(v.type())).append(',');
            }
            k.append('}');
        } else if (node instanceof ArrayType a) {
            k.append("A").append(a.itemsNullable() ? "n" : "").append(id(a.items())).append(a.constraints().keywords());
        } else if (node instanceof MapType m) {
            k.append("M").append(id(m.values()));
        } else if (node instanceof ScalarType s) {
            k.append("S").append(s.kind()).append(s.constraints().keywords());
        } else if (node instanceof ConstType c) {
            k.append("C").append(c.value());
        } else if (node instanceof MediaType m) {
            k.append("media").append(m.constraints().keywords());
        } else {
            k.append("any");
        }
        return k.toString();
    }

    /**
     * What an enumeration is for: its definition name, else the property it was written for. Equal
     * values for different properties (1 and 2 as {@code channels} and as {@code quality}) stay two
     * types, so a setter never takes a type named after another parameter.
     */
    private static String role(EnumType e) {
        if (e.definitionName() != null) {
            return e.definitionName();
        }
        String pointer = e.origin().pointer();
        int at = pointer.lastIndexOf("/properties/");
        if (at < 0) {
            return "";
        }
        String rest = pointer.substring(at + "/properties/".length());
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }
}
