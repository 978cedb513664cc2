package dev.airgen.generator.naming;

import com.palantir.javapoet.ClassName;
import dev.airgen.generator.lang.Names;
import dev.airgen.generator.schema.ArrayType;
import dev.airgen.generator.schema.EnumType;
import dev.airgen.generator.schema.MapType;
import dev.airgen.generator.schema.NamedType;
import dev.airgen.generator.schema.ObjectType;
import dev.airgen.generator.schema.Property;
import dev.airgen.generator.schema.TaskModel;
import dev.airgen.generator.schema.TypeNode;
import dev.airgen.generator.schema.UnionType;
import dev.airgen.schema.resolve.Origin;
import dev.airgen.schema.snapshot.SnapshotEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Names every class by ownership: a type belongs to the schema that declares it, and its name depends on
 * nothing else.
 *
 * <ul>
 *   <li>A task's request class is named by {@link RequestNames}; its result is the nested class {@code Result}.</li>
 *   <li>A type declared inside a task's own request or response schema is nested in the class of the object
 *       or union whose property, items, values or alternative it is ({@code GoogleVeo31Request.Inputs.FrameImage}),
 *       named after that property. A {@code $defs} entry is nested in the request (or result) class under its
 *       key. The objects under {@code providerSettings} are nested beside the wrapper, one per provider key
 *       ({@code GoogleVeo31Request.GoogleSettings}).</li>
 *   <li>A type declared by a shared schema file (one that is no task's own schema) is nested, once, in a holder
 *       class named after that file ({@code CommonTypes.Lora}).</li>
 * </ul>
 *
 * <p>Inside one class, names are handed out in schema order by a {@link NameScope}; a name that is a Java
 * keyword, a {@code java.lang} or common JDK name, a name of an enclosing class, or a name the generated code
 * uses itself gets a kind word ({@code DurationEnum}), and a name taken twice gets a number.
 */
public final class TypeNamer {

    private static final Comparator<Origin> BY_LOCATION = Comparator.comparing(Origin::file).thenComparing(Origin::pointer);

    private final String packageName;
    private final Map<TaskModel, ClassName> requests = new IdentityHashMap<>();
    private final Map<NamedType, ClassName> names = new IdentityHashMap<>();
    private final Map<ClassName, List<NamedType>> nested = new LinkedHashMap<>();
    private final Map<ClassName, NameScope> scopes = new HashMap<>();
    private final Map<ObjectType, List<UnionType>> unionsOfVariant = new IdentityHashMap<>();
    private final Set<ObjectType> results = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<NamedType> foreign = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<NamedType> foreignOrder = new ArrayList<>();

    private TypeNamer(String packageName) {
        this.packageName = packageName;
    }

    /**
     * Names the tasks' classes.
     *
     * @param snapshot     every entry of the snapshot, included or not
     * @param requestNames simple request class names by {@link RequestNames#id}, computed over the whole snapshot
     */
    public static TypeNames name(String packageName, List<TaskModel> tasks, List<SnapshotEntry> snapshot,
                                 Map<String, String> requestNames) {
        TypeNamer namer = new TypeNamer(packageName);
        Map<String, Integer> entriesPerFile = new HashMap<>();
        for (SnapshotEntry e : snapshot) {
            entriesPerFile.merge(e.request().origin().file(), 1, Integer::sum);
        }
        List<TaskModel> sorted = new ArrayList<>(tasks);
        sorted.sort(Comparator.comparing(t -> RequestNames.id(t.entry())));
        for (TaskModel task : sorted) {
            String file = task.entry().request().origin().file();
            namer.nameTask(task, requestNames.get(RequestNames.id(task.entry())), entriesPerFile.getOrDefault(file, 0) == 1 ? file : null);
        }
        List<ClassName> holders = namer.nameShared(requestNames.values());
        return new TypeNames(namer.requests, namer.names, namer.nested, holders, namer.unionsOfVariant, namer.results);
    }

    // --- tasks -----------------------------------------------------------------------------------

    /**
     * The schemas a task owns: its request schema, the response schema it is read with, and the whole file
     * when the file holds no other task's schema (a {@code /resolve} or OpenAPI document of one model).
     */
    private record Owner(Origin request, Origin response, String ownFile, ClassName requestClass, ClassName resultClass) {

        boolean owns(Origin origin) {
            return within(origin, request) || within(origin, response) || origin.file().equals(ownFile);
        }

        /** Where a {@code $defs} entry of this task is declared: the result class for its response, else the request class. */
        ClassName topFor(Origin origin) {
            return within(origin, response) && !within(origin, request) ? resultClass : requestClass;
        }

        private static boolean within(Origin origin, Origin root) {
            return origin.file().equals(root.file()) && (origin.pointer().equals(root.pointer())
                    || origin.pointer().startsWith(root.pointer()) && origin.pointer().charAt(root.pointer().length()) == '/');
        }
    }

    private void nameTask(TaskModel task, String requestName, String ownFile) {
        ClassName request = ClassName.get(packageName, requestName);
        ClassName result = request.nestedClass("Result");
        requests.put(task, request);
        declare(task.request(), request, null);
        scopes.put(request, NameScope.forTypes(reservedFor(request, "Result")));
        results.add(task.result());
        declare(task.result(), result, request);
        Owner owner = new Owner(task.entry().request().origin(), task.responseSchema().origin(), ownFile, request, result);
        walkObject(task.request(), request, owner);
        walkObject(task.result(), result, owner);
    }

    private void walkObject(ObjectType object, ClassName enclosing, Owner owner) {
        for (Property p : object.properties()) {
            if (p.name().equals("providerSettings") && p.type() instanceof ObjectType wrapper && !wrapper.properties().isEmpty()) {
                ClassName wrapperName = visit(wrapper, enclosing, "ProviderSettings", owner, false);
                if (wrapperName != null) {
                    // One class per provider key, declared beside the wrapper so users import it directly.
                    for (Property provider : wrapper.properties()) {
                        String base = Names.upperCamel(provider.name()) + (provider.type() instanceof ObjectType ? "Settings" : "");
                        visit(provider.type(), enclosing, base, owner, true);
                    }
                }
                continue;
            }
            visit(p.type(), enclosing, Names.upperCamel(p.name()), owner, true);
        }
        if (object.extraType() != null) {
            visit(object.extraType(), enclosing, "AdditionalProperty", owner, true);
        }
    }

    /**
     * Names a type reached from {@code enclosing} under {@code base} if the owner declares it, and walks
     * on. Returns its class, or null for types without a class.
     */
    private ClassName visit(TypeNode node, ClassName enclosing, String base, Owner owner, boolean descend) {
        if (node instanceof ArrayType a) {
            return visit(a.items(), enclosing, singular(base), owner, descend);
        }
        if (node instanceof MapType m) {
            return visit(m.values(), enclosing, base + "Value", owner, descend);
        }
        if (!(node instanceof NamedType type)) {
            return null;
        }
        ClassName known = names.get(type);
        if (known != null) {
            return known;
        }
        if (!owner.owns(type.origin())) {
            collectForeign(type);
            return null;
        }
        boolean definition = type.definitionName() != null;
        ClassName parent = definition ? owner.topFor(type.origin()) : enclosing;
        String preferred = definition ? Names.upperCamel(type.definitionName()) : base;
        ClassName name = parent.nestedClass(scope(parent).allocate(candidates(preferred, type)));
        declare(type, name, parent);
        if (type instanceof ObjectType o) {
            if (!(descend || o.properties().isEmpty())) {
                return name;
            }
            walkObject(o, name, owner);
        } else if (type instanceof UnionType u) {
            for (UnionType.Variant v : u.variants()) {
                recordVariant(u, v);
                visit(v.type(), name, variantBase(u, v, name), owner, true);
            }
        }
        return name;
    }

    private void recordVariant(UnionType union, UnionType.Variant variant) {
        if (union.discriminator() != null && variant.type() instanceof ObjectType o) {
            List<UnionType> unions = unionsOfVariant.computeIfAbsent(o, k -> new ArrayList<>());
            if (unions.stream().noneMatch(x -> x == union)) {
                unions.add(union);
            }
        }
    }

    private static String variantBase(UnionType union, UnionType.Variant v, ClassName unionName) {
        if (union.discriminator() != null && v.tag() != null) {
            return Names.upperCamel(v.tag().asString());
        }
        if (v.type() instanceof NamedType named && named.title() != null && Names.words(named.title()).size() <= 4) {
            return Names.upperCamel(named.title());
        }
        String word = Names.upperCamel(v.name());
        return Names.RESERVED_TYPES.contains(word) ? unionName.simpleName() + word : word;
    }

    private void declare(NamedType type, ClassName name, ClassName parent) {
        names.put(type, name);
        if (parent != null) {
            nested.computeIfAbsent(parent, k -> new ArrayList<>()).add(type);
        }
    }

    private NameScope scope(ClassName enclosing) {
        return scopes.computeIfAbsent(enclosing, c -> NameScope.forTypes(reservedFor(c, "Unknown")));
    }

    /** A nested class may not repeat an enclosing class's name, nor take names the generated code uses. */
    private static Set<String> reservedFor(ClassName enclosing, String extra) {
        Set<String> reserved = new HashSet<>(Names.RESERVED_TYPES);
        reserved.add(extra);
        for (ClassName c = enclosing; c != null; c = c.enclosingClassName()) {
            reserved.add(c.simpleName());
        }
        return reserved;
    }

    private static List<String> candidates(String base, NamedType type) {
        String kind = type instanceof ObjectType ? "Object" : type instanceof EnumType ? "Enum" : "Union";
        return List.of(base, base + kind);
    }

    /** {@code FrameImages} → {@code FrameImage}: array items are named in the singular. */
    private static String singular(String upperCamel) {
        String singular = Names.singular(Names.lowerCamel(upperCamel));
        return Character.toUpperCase(singular.charAt(0)) + singular.substring(1);
    }

    // --- shared schema files ---------------------------------------------------------------------

    /** Remembers a type no task owns, and every type below it, for {@link #nameShared}. */
    private void collectForeign(NamedType root) {
        List<TypeNode> stack = new ArrayList<>();
        stack.add((TypeNode) root);
        while (!stack.isEmpty()) {
            TypeNode node = stack.remove(stack.size() - 1);
            if (node instanceof ArrayType a) {
                stack.add(a.items());
            } else if (node instanceof MapType m) {
                stack.add(m.values());
            } else if (node instanceof NamedType t && !names.containsKey(t) && foreign.add(t)) {
                foreignOrder.add(t);
                if (t instanceof ObjectType o) {
                    o.properties().forEach(p -> stack.add(p.type()));
                    if (o.extraType() != null) {
                        stack.add(o.extraType());
                    }
                } else if (t instanceof UnionType u) {
                    for (UnionType.Variant v : u.variants()) {
                        recordVariant(u, v);
                        stack.add(v.type());
                    }
                }
            }
        }
    }

    /**
     * Declares the types of shared schema files, flat in one holder class per file, in the order of their
     * location, so that neither the include list nor the order tasks were read in changes a name.
     */
    private List<ClassName> nameShared(java.util.Collection<String> requestNames) {
        Map<String, List<NamedType>> byFile = new TreeMap<>();
        for (NamedType t : foreignOrder) {
            if (!names.containsKey(t)) {
                byFile.computeIfAbsent(t.origin().file(), k -> new ArrayList<>()).add(t);
            }
        }
        NameScope topLevel = NameScope.forTypes(NameScope.union(Names.RESERVED_TYPES, requestNames));
        topLevel.claim("RunwareCatalog");
        List<ClassName> holders = new ArrayList<>();
        for (Map.Entry<String, List<NamedType>> file : byFile.entrySet()) {
            String stem = fileStem(file.getKey());
            ClassName holder = ClassName.get(packageName, topLevel.allocate(List.of(Names.upperCamel(stem) + "Types")));
            holders.add(holder);
            NameScope scope = NameScope.forTypes(reservedFor(holder, "Unknown"));
            List<NamedType> types = new ArrayList<>(file.getValue());
            types.sort(Comparator.comparing(NamedType::origin, BY_LOCATION));
            Map<Origin, ClassName> byOrigin = new HashMap<>();
            for (NamedType t : types) {
                ClassName same = byOrigin.get(t.origin());
                if (same != null) {
                    names.put(t, same); // the same declaration reached twice: one class
                    continue;
                }
                String base = t.definitionName() != null ? Names.upperCamel(t.definitionName())
                        : baseOf(t.origin().pointer(), stem.substring(stem.lastIndexOf(' ') + 1));
                ClassName name = holder.nestedClass(scope.allocate(candidates(base, t)));
                byOrigin.put(t.origin(), name);
                declare(t, name, holder);
            }
        }
        return holders;
    }

    private static String fileStem(String file) {
        String name = file.endsWith(".json") ? file.substring(0, file.length() - ".json".length()) : file;
        return name.replace('/', ' ').replace(':', ' ');
    }

    /** {@code /$defs/Lora/properties/mode} → {@code LoraMode}; the file's root → the file's name. */
    private static String baseOf(String pointer, String fileStem) {
        StringBuilder out = new StringBuilder();
        String[] tokens = pointer.split("/");
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i].replace("~1", "/").replace("~0", "~");
            boolean keyword = token.equals("properties") || token.equals("$defs") || token.equals("definitions")
                    || token.equals("items") || token.equals("additionalProperties") || token.matches("\\d+")
                    || token.equals("oneOf") || token.equals("anyOf") || token.equals("allOf");
            if (!keyword) {
                out.append(Names.upperCamel(token));
            }
        }
        return out.length() == 0 ? Names.upperCamel(fileStem) : out.toString();
    }
}
