package dev.airgen.generator.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed in the public Java API between two generations, in the terms of code that uses it: types
 * added, removed or renamed (same schema location, other name), members added or removed, methods whose
 * signature changed, enumeration constants removed.
 */
public final class ApiDiff {

    /** One API change. */
    public record Change(Kind kind, String type, String detail) {

        /** Whether code compiled against the old API may no longer compile. */
        public boolean breaking() {
            return kind.breaking;
        }

        /** {@code type removed: GoogleVeo31Request.Duration}. */
        public String describe() {
            return kind.label + ": " + type + (detail == null ? "" : " " + detail);
        }
    }

    /** Kinds of change, with whether they break callers. */
    public enum Kind {
        TYPE_REMOVED("type removed", true),
        TYPE_RENAMED("type renamed", true),
        TYPE_CHANGED("type declaration changed", true),
        MEMBER_REMOVED("member removed", true),
        SIGNATURE_CHANGED("signature changed", true),
        CONSTANT_REMOVED("enum constant removed", true),
        TYPE_ADDED("type added", false),
        MEMBER_ADDED("member added", false),
        CONSTANT_ADDED("enum constant added", false);

        private final String label;
        private final boolean breaking;

        Kind(String label, boolean breaking) {
            this.label = label;
            this.breaking = breaking;
        }
    }

    private ApiDiff() {
    }

    /** Every change from {@code before} to {@code after}: breaking ones first, each group in name order. */
    public static List<Change> between(ApiSurface before, ApiSurface after) {
        List<Change> changes = new ArrayList<>();
        Map<String, ApiSurface.TypeApi> old = before.types();
        Map<String, ApiSurface.TypeApi> now = after.types();
        Map<String, String> renamedTo = renames(old, now);
        Set<String> renamedTargets = new TreeSet<>(renamedTo.values());
        for (ApiSurface.TypeApi type : old.values()) {
            ApiSurface.TypeApi current = now.get(type.name());
            if (current == null) {
                String target = renamedTo.get(type.name());
                if (target != null) {
                    changes.add(new Change(Kind.TYPE_RENAMED, type.name(), "-> " + target));
                } else if (!insideRemoved(type.name(), old, now, renamedTo)) {
                    changes.add(new Change(Kind.TYPE_REMOVED, type.name(), null));
                }
                continue;
            }
            compareMembers(type, current, changes);
        }
        for (ApiSurface.TypeApi type : now.values()) {
            if (!old.containsKey(type.name()) && !renamedTargets.contains(type.name()) && !insideAdded(type.name(), old)) {
                changes.add(new Change(Kind.TYPE_ADDED, type.name(), null));
            }
        }
        changes.sort((a, b) -> a.breaking() != b.breaking() ? (a.breaking() ? -1 : 1)
                : a.kind() != b.kind() ? a.kind().compareTo(b.kind()) : (a.type() + a.detail()).compareTo(b.type() + b.detail()));
        return changes;
    }

    /** A removed type and an added one generated from the same schema location are a rename. */
    private static Map<String, String> renames(Map<String, ApiSurface.TypeApi> old, Map<String, ApiSurface.TypeApi> now) {
        Map<String, String> addedBySchema = new HashMap<>();
        for (ApiSurface.TypeApi t : now.values()) {
            if (!old.containsKey(t.name()) && t.schema() != null) {
                addedBySchema.putIfAbsent(t.schema() + "|" + kindOf(t), t.name());
            }
        }
        Map<String, String> renamed = new TreeMap<>();
        for (ApiSurface.TypeApi t : old.values()) {
            if (!now.containsKey(t.name()) && t.schema() != null) {
                String target = addedBySchema.get(t.schema() + "|" + kindOf(t));
                if (target != null) {
                    renamed.put(t.name(), target);
                }
            }
        }
        return renamed;
    }

    private static String kindOf(ApiSurface.TypeApi type) {
        String d = type.declaration();
        return d.contains(" interface ") ? "interface" : "class";
    }

    /** Nested types of a removed or renamed type are not listed again. */
    private static boolean insideRemoved(String name, Map<String, ApiSurface.TypeApi> old, Map<String, ApiSurface.TypeApi> now,
                                         Map<String, String> renamedTo) {
        for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            String outer = name.substring(0, dot);
            if (old.containsKey(outer) && !now.containsKey(outer)) {
                return true;
            }
        }
        return false;
    }

    /** Nested types of an added type are not listed again. */
    private static boolean insideAdded(String name, Map<String, ApiSurface.TypeApi> old) {
        int dot = name.indexOf('.');
        while (dot > 0) {
            if (!old.containsKey(name.substring(0, dot))) {
                return true;
            }
            dot = name.indexOf('.', dot + 1);
        }
        return false;
    }

    private static void compareMembers(ApiSurface.TypeApi old, ApiSurface.TypeApi now, List<Change> changes) {
        if (!old.declaration().equals(now.declaration())) {
            changes.add(new Change(Kind.TYPE_CHANGED, old.name(), "from '" + old.declaration() + "' to '" + now.declaration() + "'"));
        }
        boolean openEnum = old.declaration().contains(" extends OpenEnum<");
        Map<String, Set<String>> before = byName(old.members());
        Map<String, Set<String>> after = byName(now.members());
        Set<String> allNames = new TreeSet<>(before.keySet());
        allNames.addAll(after.keySet());
        for (String name : allNames) {
            Set<String> b = before.getOrDefault(name, Set.of());
            Set<String> a = after.getOrDefault(name, Set.of());
            if (a.equals(b)) {
                continue;
            }
            Set<String> removed = new TreeSet<>(b);
            removed.removeAll(a);
            Set<String> added = new TreeSet<>(a);
            added.removeAll(b);
            boolean constant = openEnum && name.startsWith("field ");
            if (!removed.isEmpty() && !added.isEmpty() && !constant) {
                changes.add(new Change(Kind.SIGNATURE_CHANGED, old.name(), String.join(", ", removed) + " -> " + String.join(", ", added)));
                continue;
            }
            for (String r : removed) {
                changes.add(new Change(constant ? Kind.CONSTANT_REMOVED : Kind.MEMBER_REMOVED, old.name(), r));
            }
            for (String n : added) {
                changes.add(new Change(constant ? Kind.CONSTANT_ADDED : Kind.MEMBER_ADDED, old.name(), n));
            }
        }
    }

    private static Map<String, Set<String>> byName(List<ApiSurface.Member> members) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (ApiSurface.Member m : members) {
            out.computeIfAbsent(m.kind() + " " + m.name(), k -> new TreeSet<>()).add(m.signature());
        }
        return out;
    }
}
