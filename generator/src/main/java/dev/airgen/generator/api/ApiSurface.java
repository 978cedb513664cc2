package dev.airgen.generator.api;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * The public Java API of a generation: every public type with its declaration, the schema location it was
 * generated from, and its public members. It is read from the same JavaPoet specifications the sources are
 * written from, so it is exact. Type names are relative to the generated package, so two generations into
 * different packages compare equal.
 *
 * <p>Used to compare the API of two snapshots ({@link ApiDiff}), to check that a model's API does not
 * depend on which other models are generated, and as golden listings in tests.
 */
public final class ApiSurface {

    /**
     * One public type.
     *
     * @param name        name relative to the package: {@code GoogleVeo31Request.Inputs}
     * @param declaration modifiers, kind, supertypes: {@code public static final class … extends GeneratedObject}
     * @param schema      the schema location the type was generated from, or null
     * @param members     public fields, constructors and methods, sorted
     */
    public record TypeApi(String name, String declaration, String schema, List<Member> members) {

        public TypeApi {
            members = List.copyOf(members);
        }
    }

    /**
     * One public member.
     *
     * @param kind      {@code field}, {@code constructor} or {@code method}
     * @param name      its simple name ({@code <init>} for constructors)
     * @param signature what a caller depends on: static-ness, type or return type, name, parameter types
     */
    public record Member(String kind, String name, String signature) implements Comparable<Member> {

        @Override
        public int compareTo(Member o) {
            return signature.compareTo(o.signature);
        }
    }

    private static final Pattern JAVA_LANG = Pattern.compile("\\bjava\\.lang\\.(?=[A-Z])");

    private final SortedMap<String, TypeApi> types;

    private ApiSurface(SortedMap<String, TypeApi> types) {
        this.types = Collections.unmodifiableSortedMap(types);
    }

    /**
     * Reads the API of generated top-level classes.
     *
     * @param packageName the generated package, left out of every name
     * @param topLevel    the top-level specifications with their class names
     * @param schemas     schema location per generated class (may miss classes that have none)
     */
    public static ApiSurface of(String packageName, Map<ClassName, TypeSpec> topLevel, Map<ClassName, String> schemas) {
        SortedMap<String, TypeApi> types = new TreeMap<>();
        Pattern own = Pattern.compile("\\b" + Pattern.quote(packageName + "."));
        topLevel.forEach((name, spec) -> add(types, name, spec, false, schemas, own));
        return new ApiSurface(types);
    }

    /** The types of several surfaces together; a type listed twice keeps its last listing. */
    public static ApiSurface union(java.util.Collection<ApiSurface> parts) {
        SortedMap<String, TypeApi> types = new TreeMap<>();
        parts.forEach(part -> types.putAll(part.types));
        return new ApiSurface(types);
    }

    /** No types at all: what there was before a first snapshot. */
    public static ApiSurface empty() {
        return new ApiSurface(new TreeMap<>());
    }

    /** Every public type, by relative name. */
    public SortedMap<String, TypeApi> types() {
        return types;
    }

    /** The part of the API declared inside one top-level class (the class itself and everything nested in it). */
    public ApiSurface of(String topLevelName) {
        SortedMap<String, TypeApi> part = new TreeMap<>();
        types.forEach((name, type) -> {
            if (name.equals(topLevelName) || name.startsWith(topLevelName + ".")) {
                part.put(name, type);
            }
        });
        return new ApiSurface(part);
    }

    /** The listing as text: one line per type, then its members indented, types in name order. */
    public String listing() {
        StringBuilder out = new StringBuilder();
        for (TypeApi type : types.values()) {
            out.append(type.declaration()).append('\n');
            if (type.schema() != null) {
                out.append("  // schema: ").append(type.schema()).append('\n');
            }
            for (Member m : type.members()) {
                out.append("  ").append(m.signature()).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiSurface other && types.equals(other.types);
    }

    @Override
    public int hashCode() {
        return types.hashCode();
    }

    @Override
    public String toString() {
        return listing();
    }

    // --- reading specifications ------------------------------------------------------------------

    private static void add(SortedMap<String, TypeApi> types, ClassName name, TypeSpec spec, boolean inInterface,
                            Map<ClassName, String> schemas, Pattern own) {
        boolean isInterface = spec.kind() == TypeSpec.Kind.INTERFACE;
        if (!spec.modifiers().contains(Modifier.PUBLIC) && !inInterface) {
            return;
        }
        String relative = String.join(".", name.simpleNames());
        StringBuilder declaration = new StringBuilder();
        for (Modifier m : sorted(spec.modifiers())) {
            declaration.append(m).append(' ');
        }
        if (inInterface && !spec.modifiers().contains(Modifier.STATIC) && !isInterface) {
            declaration.append("static ");
        }
        declaration.append(spec.kind().name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(relative);
        if (spec.superclass() != null && !spec.superclass().equals(ClassName.OBJECT)) {
            declaration.append(" extends ").append(render(spec.superclass(), own));
        }
        if (!spec.superinterfaces().isEmpty()) {
            List<String> interfaces = new ArrayList<>();
            spec.superinterfaces().forEach(i -> interfaces.add(render(i, own)));
            Collections.sort(interfaces);
            declaration.append(isInterface ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        List<Member> members = new ArrayList<>();
        for (FieldSpec f : spec.fieldSpecs()) {
            if (f.modifiers().contains(Modifier.PUBLIC) || isInterface) {
                members.add(new Member("field", f.name(), "field " + staticWord(f.modifiers(), isInterface)
                        + render(f.type(), own) + " " + f.name()));
            }
        }
        for (MethodSpec m : spec.methodSpecs()) {
            if (!m.modifiers().contains(Modifier.PUBLIC) && !(isInterface && !m.modifiers().contains(Modifier.PRIVATE))) {
                continue;
            }
            List<String> parameters = new ArrayList<>();
            for (ParameterSpec p : m.parameters()) {
                parameters.add(render(p.type(), own));
            }
            if (m.isConstructor()) {
                members.add(new Member("constructor", "<init>", "constructor " + relative + "(" + String.join(", ", parameters) + ")"));
            } else {
                members.add(new Member("method", m.name(), "method " + staticWord(m.modifiers(), false)
                        + (m.modifiers().contains(Modifier.ABSTRACT) ? "abstract " : "")
                        + render(m.returnType(), own) + " " + m.name() + "(" + String.join(", ", parameters) + ")"));
            }
        }
        Collections.sort(members);
        types.put(relative, new TypeApi(relative, declaration.toString(), schemas.get(name), members));
        for (TypeSpec nested : spec.typeSpecs()) {
            add(types, name.nestedClass(nested.name()), nested, isInterface, schemas, own);
        }
    }

    private static List<Modifier> sorted(java.util.Set<Modifier> modifiers) {
        List<Modifier> out = new ArrayList<>(modifiers);
        Collections.sort(out);
        return out;
    }

    private static String staticWord(java.util.Set<Modifier> modifiers, boolean implicit) {
        return modifiers.contains(Modifier.STATIC) || implicit ? "static " : "";
    }

    private static String render(TypeName type, Pattern own) {
        String text = own.matcher(type.toString().replace("@org.jspecify.annotations.Nullable ", "@Nullable ")).replaceAll("");
        return JAVA_LANG.matcher(text).replaceAll("");
    }
}
