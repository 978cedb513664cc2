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

    /**
     * Every change from {@code before} to {@code after}: breaking ones first, each group in name order.
     * Types are matched by the schema location they were generated from, then by name; a type matched to
     * one of another name was renamed.
     */
    public static List<Change> between(ApiSurface before, ApiSurface after) {
        Map<String, ApiSurface.TypeApi> old = before.types();
        Map<String, ApiSurface.TypeApi> now = after.types();
        Map<String, String> matched = new TreeMap<>();
        Map<String, String> bySchema = new HashMap<>();
        for (ApiSurface.TypeApi t : now.values()) {
            if (t.schema() != null) {
                bySchema.putIfAbsent(t.schema() + "|" + kindOf(t), t.name());
            }
        }
        Set<String> taken = new TreeSet<>();
        for (ApiSurface.TypeApi t : old.values()) {
            String target = t.schema() == null ? null : bySchema.get(t.schema() + "|" + kindOf(t));
            if (target != null && taken.add(target)) {
                matched.put(t.name(), target);
            }
        }
        for (ApiSurface.TypeApi t : old.values()) {
            if (!matched.containsKey(t.name()) && now.containsKey(t.name()) && taken.add(t.name())) {
                matched.put(t.name(), t.name());
            }
        }
        List<Change> changes = new ArrayList<>();
        Set<String> gone = new TreeSet<>();
        for (ApiSurface.TypeApi type : old.values()) {
            String target = matched.get(type.name());
            if (target == null) {
                gone.add(type.name());
                if (!insideAny(type.name(), gone)) {
                    changes.add(new Change(Kind.TYPE_REMOVED, type.name(), null));
                }
            } else if (!target.equals(type.name())) {
                gone.add(type.name());
                if (!insideAny(type.name(), gone)) {
                    changes.add(new Change(Kind.TYPE_RENAMED, type.name(), "-> " + target));
                }
            } else {
                compareMembers(type, now.get(target), changes);
            }
        }
        Set<String> arrived = new TreeSet<>();
        for (ApiSurface.TypeApi type : now.values()) {
            if (!taken.contains(type.name())) {
                arrived.add(type.name());
                if (!insideAny(type.name(), arrived)) {
                    changes.add(new Change(Kind.TYPE_ADDED, type.name(), null));
                }
            }
        }
        changes.sort((a, b) -> a.breaking() != b.breaking() ? (a.breaking() ? -1 : 1)
                : a.kind() != b.kind() ? a.kind().compareTo(b.kind()) : (a.type() + a.detail()).compareTo(b.type() + b.detail()));
        return changes;
    }

    private static String kindOf(ApiSurface.TypeApi type) {
        return type.declaration().contains(" interface ") ? "interface" : "class";
    }

    /** Whether an enclosing type of {@code name} is in {@code names} (its own change already says it all). */
    private static boolean insideAny(String name, Set<String> names) {
        for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            if (names.contains(name.substring(0, dot))) {
                return true;
            }
        }
        return false;
    }

    private static void compareMembers(ApiSurface.TypeApi old, ApiSurface.TypeApi now, List<Change> changes) {
        if (!old.declaration().equals(now.declaration())) {
            changes.add(new Change(Kind.TYPE_CHANGED, old.name(), "from '" + old.declaration() + "' to '" + now.declaration() + "'"));
        }
        boolean openEnum = old.declaration().contains("OpenEnum<");
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
