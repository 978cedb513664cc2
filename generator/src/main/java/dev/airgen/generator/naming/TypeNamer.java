package dev.airgen.generator.naming;

import dev.airgen.generator.SchemaException;
import dev.airgen.generator.schema.ArrayType;
import dev.airgen.generator.schema.Deduplicator;
import dev.airgen.generator.schema.EnumType;
import dev.airgen.generator.schema.MapType;
import dev.airgen.generator.schema.NamedType;
import dev.airgen.generator.schema.ObjectType;
import dev.airgen.generator.schema.Property;
import dev.airgen.generator.schema.TaskModel;
import dev.airgen.generator.schema.TypeNode;
import dev.airgen.generator.schema.UnionType;
import dev.airgen.generator.source.EntryKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Gives every class a name, deterministically and from the schemas alone: never from the order in which
 * files were read. Each type gets a list of ever more specific candidates (the schema's own name, then
 * prefixed by the task family, then by the model that uses it, then by its path); types whose candidates
 * collide in a package all move on to their next candidate together, so no type "wins" by being first.
 * A collision that survives every candidate fails with the locations of both schemas.
 */
public final class TypeNamer {

    /** Sub-package for provider settings classes. */
    public static final String PROVIDERS = "providers";
    /** Sub-package for every other nested type. */
    public static final String TYPES = "types";

    /** How one type is reached: the name its place suggests, by which task, along which path. */
    private record Usage(String base, String owner, String taskWord, String path, String provider) {
    }

    private final String packageName;
    private final Deduplicator dedup;
    private final Map<NamedType, List<Usage>> usages = new IdentityHashMap<>();
    private final Map<NamedType, Boolean> resultRoots = new IdentityHashMap<>();
    private final Map<NamedType, String> packages = new IdentityHashMap<>();
    private final Map<ObjectType, List<UnionType>> unionsOfVariant = new IdentityHashMap<>();
    private final Map<TaskModel, String> requestNames = new LinkedHashMap<>();

    public TypeNamer(String packageName, Deduplicator dedup) {
        this.packageName = packageName;
        this.dedup = dedup;
    }

    /** Names every request class and every type reachable from the tasks. */
    public void name(List<TaskModel> tasks) {
        nameRequests(tasks);
        for (TaskModel task : tasks) {
            String owner = stem(requestNames.get(task));
            String taskWord = taskWord(task.taskType());
            for (Property p : task.request().properties()) {
                walk(p.type(), Names.upperCamel(p.name()), owner, taskWord, p.name(), null, task.request());
            }
            ObjectType result = dedup.canonical(task.result());
            resultRoots.put(result, true);
            record(result, new Usage(taskWord + (task.taskType().endsWith("Inference") ? "Inference" : "") + "Result", owner, taskWord, "", null));
            walkChildren(result, owner, taskWord, "");
        }
        assignNames();
    }

    /** The generated simple name of a task's request class. */
    public String requestName(TaskModel task) {
        return requestNames.get(task);
    }

    /** The discriminated unions a variant class implements. */
    public List<UnionType> unionsOf(ObjectType variant) {
        return unionsOfVariant.getOrDefault(variant, List.of());
    }

    /** Whether a type is the result class of some task (it then implements {@code TaskResult}). */
    public boolean isResult(NamedType type) {
        return resultRoots.containsKey(type);
    }

    // --- requests --------------------------------------------------------------------------------

    private void nameRequests(List<TaskModel> tasks) {
        Map<TaskModel, List<String>> candidates = new LinkedHashMap<>();
        for (TaskModel task : tasks) {
            String key = task.entry().key();
            String stem = switch (task.entry().kind()) {
                case MODEL -> Names.upperCamel(task.entry().slug() != null ? task.entry().slug() : key);
                case MODALITY -> key.equals("3d") ? "ThreeD" : Names.upperCamel(key);
                case ARCHITECTURE, OPERATION -> Names.upperCamel(key);
                case UTILITY -> Names.upperCamel(task.taskType());
            };
            String kindWord = Names.upperCamel(task.entry().kind().name());
            candidates.put(task, List.of(stem + "Request", stem + kindWord + "Request",
                    Names.upperCamel(task.entry().kind() == EntryKind.MODEL ? key.replace(':', ' ').replace('@', ' ') : key)
                            + kindWord + "Request"));
        }
        Map<TaskModel, Integer> level = new LinkedHashMap<>();
        tasks.forEach(t -> level.put(t, 0));
        while (true) {
            Map<String, List<TaskModel>> byName = new TreeMap<>();
            for (TaskModel t : tasks) {
                byName.computeIfAbsent(candidates.get(t).get(level.get(t)).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(t);
            }
            boolean clash = false;
            for (List<TaskModel> group : byName.values()) {
                if (group.size() > 1) {
                    clash = true;
                    for (TaskModel t : group) {
                        if (level.get(t) + 1 >= candidates.get(t).size()) {
                            throw new SchemaException(group.get(0).entry().request().origin().file(),
                                    group.get(0).entry().request().origin().pointer(),
                                    "request class name '" + candidates.get(t).get(level.get(t)) + "' is also derived from "
                                            + group.get(1).entry().request().origin() + "; no distinct name is left");
                        }
                        level.put(t, level.get(t) + 1);
                    }
                }
            }
            if (!clash) {
                break;
            }
        }
        tasks.forEach(t -> requestNames.put(t, candidates.get(t).get(level.get(t))));
    }

    private static String stem(String requestName) {
        return requestName.substring(0, requestName.length() - "Request".length());
    }

    /** {@code videoInference} → {@code Video}; other task types name themselves. */
    static String taskWord(String taskType) {
        String word = taskType.endsWith("Inference") ? taskType.substring(0, taskType.length() - "Inference".length()) : taskType;
        return word.equals("3d") ? "ThreeD" : Names.upperCamel(word);
    }

    // --- usages ----------------------------------------------------------------------------------

    private void walk(TypeNode node, String base, String owner, String taskWord, String path, String provider, ObjectType parent) {
        node = dedup.canonical(node);
        if (node instanceof ArrayType a) {
            walk(a.items(), Names.upperCamel(Names.singular(Names.lowerCamel(base))), owner, taskWord, path, provider, parent);
        } else if (node instanceof MapType m) {
            walk(m.values(), base + "Value", owner, taskWord, path, provider, parent);
        } else if (node instanceof NamedType named) {
            boolean first = !usages.containsKey(named);
            record(named, new Usage(base, owner, taskWord, path, provider));
            if (first || !visitedFrom(named, owner)) {
                markVisited(named, owner);
                if (named instanceof ObjectType o) {
                    walkChildren(o, owner, taskWord, path);
                } else if (named instanceof UnionType u) {
                    for (UnionType.Variant v : u.variants()) {
                        String variantBase = u.discriminator() != null
                                ? Names.upperCamel(v.name()) + base
                                : base + Names.upperCamel(v.name());
                        TypeNode type = dedup.canonical(v.type());
                        if (u.discriminator() != null && type instanceof ObjectType variant) {
                            List<UnionType> unions = unionsOfVariant.computeIfAbsent(variant, k -> new ArrayList<>());
                            if (unions.stream().noneMatch(x -> x == u)) {
                                unions.add(u);
                            }
                        }
                        walk(type, variantBase, owner, taskWord, path + "." + v.name(), provider, null);
                    }
                }
            }
        }
    }

    private final Map<NamedType, Set<String>> visited = new IdentityHashMap<>();

    private boolean visitedFrom(NamedType type, String owner) {
        return visited.getOrDefault(type, Set.of()).contains(owner);
    }

    private void markVisited(NamedType type, String owner) {
        visited.computeIfAbsent(type, k -> new java.util.HashSet<>()).add(owner);
    }

    private void walkChildren(ObjectType object, String owner, String taskWord, String path) {
        boolean providerWrapper = path.equals("providerSettings") || path.endsWith(".providerSettings");
        for (Property p : object.properties()) {
            String childPath = path.isEmpty() ? p.name() : path + "." + p.name();
            if (providerWrapper && dedup.canonical(p.type()) instanceof ObjectType) {
                walk(p.type(), Names.upperCamel(p.name()) + "Settings", owner, taskWord, childPath, p.name(), object);
            } else {
                walk(p.type(), Names.upperCamel(p.name()), owner, taskWord, childPath, null, object);
            }
        }
        if (object.extraType() != null) {
            walk(object.extraType(), "AdditionalValue", owner, taskWord, path + ".*", null, object);
        }
    }

    private void record(NamedType type, Usage usage) {
        usages.computeIfAbsent(type, k -> new ArrayList<>()).add(usage);
    }

    // --- names -----------------------------------------------------------------------------------

    private void assignNames() {
        List<NamedType> types = new ArrayList<>(usages.keySet());
        Map<NamedType, List<String>> candidates = new IdentityHashMap<>();
        for (NamedType type : types) {
            candidates.put(type, candidates(type));
            packages.put(type, packageFor(type));
        }
        // Unions that are sealed interfaces need their variants in the same package.
        for (Map.Entry<ObjectType, List<UnionType>> e : unionsOfVariant.entrySet()) {
            packages.put(e.getKey(), packages.get(e.getValue().get(0)));
        }
        Map<NamedType, Integer> level = new IdentityHashMap<>();
        types.forEach(t -> level.put(t, 0));
        Set<String> requestNamesLower = new TreeSet<>();
        requestNames.values().forEach(n -> requestNamesLower.add(n.toLowerCase(Locale.ROOT)));
        while (true) {
            Map<String, List<NamedType>> byName = new HashMap<>();
            for (NamedType t : types) {
                String name = candidates.get(t).get(level.get(t));
                byName.computeIfAbsent(packages.get(t) + "." + name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(t);
            }
            boolean clash = false;
            for (Map.Entry<String, List<NamedType>> e : new TreeMap<>(byName).entrySet()) {
                List<NamedType> group = e.getValue();
                NamedType any = group.get(0);
                String simple = candidates.get(any).get(level.get(any));
                boolean reserved = Names.RESERVED_TYPES.contains(simple)
                        || packages.get(any).equals(packageName) && requestNamesLower.contains(simple.toLowerCase(Locale.ROOT));
                if (group.size() > 1 || reserved) {
                    clash = true;
                    NamedType winner = reserved ? null : mostUsed(group);
                    for (NamedType t : group) {
                        if (t == winner) {
                            continue;
                        }
                        if (level.get(t) + 1 >= candidates.get(t).size()) {
                            NamedType other = group.size() > 1 ? group.get(group.get(0) == t ? 1 : 0) : t;
                            throw new SchemaException(t.origin().file(), t.origin().pointer(), "no distinct class name: '"
                                    + simple + "' is also the name derived for " + other.origin()
                                    + (reserved ? " (or a reserved name)" : ""));
                        }
                        level.put(t, level.get(t) + 1);
                    }
                }
            }
            if (!clash) {
                break;
            }
        }
        for (NamedType t : types) {
            t.assignName(packages.get(t), candidates.get(t).get(level.get(t)));
        }
    }

    /** The type used by strictly the most tasks keeps a contested name; on a tie nobody does. */
    private NamedType mostUsed(List<NamedType> group) {
        NamedType best = null;
        int bestCount = -1;
        boolean tie = false;
        for (NamedType t : group) {
            int count = owners(t);
            if (count > bestCount) {
                best = t;
                bestCount = count;
                tie = false;
            } else if (count == bestCount) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    private int owners(NamedType type) {
        Set<String> owners = new TreeSet<>();
        usages.get(type).forEach(u -> owners.add(u.owner()));
        return owners.size();
    }

    private String packageFor(NamedType type) {
        if (resultRoots.containsKey(type)) {
            return packageName;
        }
        for (Usage u : usages.get(type)) {
            if (u.provider() != null || u.path().endsWith("providerSettings")) {
                return packageName + "." + PROVIDERS;
            }
        }
        return packageName + "." + TYPES;
    }

    /** The candidate names of a type, from most to least preferred. */
    private List<String> candidates(NamedType type) {
        List<Usage> all = usages.get(type);
        Usage first = Collections.min(all, (a, b) -> {
            int c = a.owner().compareTo(b.owner());
            return c != 0 ? c : a.path().compareTo(b.path());
        });
        String owner = first.owner();
        Set<String> taskWords = new TreeSet<>();
        all.forEach(u -> taskWords.add(u.taskWord()));
        String pathWords = Names.upperCamel(first.path().replace('.', ' '));
        if (resultRoots.containsKey(type)) {
            String base = mostCommonBase(all);
            return List.of(base, taskWords.size() == 1 ? taskWords.iterator().next() + "Result" : base + "Shared",
                    owner + "Result", owner + "Result" + Names.upperCamel(type.origin().file()));
        }
        String base = preferredBase(type, all);
        if (first.provider() != null) {
            String provider = Names.upperCamel(first.provider());
            String ownerPart = owner.startsWith(provider) ? owner : provider + owner;
            return List.of(base, provider + (taskWords.size() == 1 ? taskWords.iterator().next() : "") + "Settings",
                    ownerPart + "Settings", ownerPart + pathWords + "Settings");
        }
        String taskWord = taskWords.size() == 1 ? taskWords.iterator().next() : null;
        // "Audio" + "AudioSettings" would stutter; such a type goes straight to the model's name.
        String level1 = taskWord == null ? base + "Shared" : base.startsWith(taskWord) ? owner + first.base() : taskWord + base;
        String byPath = owner + pathWords + (pathWords.endsWith(first.base()) ? "" : first.base());
        // Last resort: the path plus what kind of type it is, so an object "voice" holding an enum "voice"
        // still gets two names.
        String kind = type instanceof ObjectType ? "Object" : type instanceof EnumType ? "Enum" : "Union";
        return List.of(base, level1, owner + first.base(), byPath, owner + pathWords + kind);
    }

    private static String preferredBase(NamedType type, List<Usage> all) {
        if (type.title() != null) {
            String title = Names.upperCamel(type.title());
            if (Names.words(type.title()).size() <= 4 && !title.startsWith("V")) {
                return title;
            }
        }
        if (type.definitionName() != null) {
            return Names.upperCamel(type.definitionName());
        }
        if (type instanceof ObjectType o && o.properties().size() == 1 && all.stream().anyMatch(u -> u.path().endsWith("providerSettings"))) {
            return Names.upperCamel(o.properties().get(0).name()) + "ProviderSettings";
        }
        return mostCommonBase(all);
    }

    private static String mostCommonBase(List<Usage> all) {
        Map<String, Integer> counts = new TreeMap<>();
        all.forEach(u -> counts.merge(u.base(), 1, Integer::sum));
        String best = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (best == null || e.getValue() > counts.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }
}
