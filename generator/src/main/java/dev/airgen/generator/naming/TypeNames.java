package dev.airgen.generator.naming;

import com.palantir.javapoet.ClassName;
import dev.airgen.generator.schema.NamedType;
import dev.airgen.generator.schema.ObjectType;
import dev.airgen.generator.schema.TaskModel;
import dev.airgen.generator.schema.UnionType;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Java names of a generation, kept beside the type model instead of inside it: the class of every
 * request, result and named type, which types each class nests, and which sealed interfaces a variant
 * implements. Built once by {@link TypeNamer}; read by the emitter.
 */
public final class TypeNames {

    private final Map<TaskModel, ClassName> requests;
    private final Map<NamedType, ClassName> names;
    private final Map<ClassName, List<NamedType>> nested;
    private final List<ClassName> holders;
    private final Map<ObjectType, List<UnionType>> unionsOfVariant;
    private final Set<ObjectType> results;

    TypeNames(Map<TaskModel, ClassName> requests, Map<NamedType, ClassName> names, Map<ClassName, List<NamedType>> nested,
              List<ClassName> holders, Map<ObjectType, List<UnionType>> unionsOfVariant, Set<ObjectType> results) {
        this.requests = requests;
        this.names = names;
        this.nested = nested;
        this.holders = List.copyOf(holders);
        this.unionsOfVariant = unionsOfVariant;
        this.results = results;
    }

    /** The request class of a task. */
    public ClassName request(TaskModel task) {
        return requests.get(task);
    }

    /** The class of a named type reachable from the generated tasks. */
    public ClassName of(NamedType type) {
        ClassName name = names.get(type);
        if (name == null) {
            throw new IllegalStateException("no name for " + type.origin());
        }
        return name;
    }

    /**
     * The types declared inside a class, in the order their names were given. A type that appears in several
     * places of one shared schema file is declared once.
     */
    public List<NamedType> nestedIn(ClassName enclosing) {
        return nested.getOrDefault(enclosing, List.of());
    }

    /** Top-level classes that only hold types declared by shared schema files (none for a self-contained bundle). */
    public List<ClassName> holders() {
        return holders;
    }

    /** The discriminated unions a variant class implements. */
    public List<UnionType> unionsOf(ObjectType variant) {
        return unionsOfVariant.getOrDefault(variant, List.of());
    }

    /** Whether a type is the result class of some task (it then implements {@code TaskResult}). */
    public boolean isResult(NamedType type) {
        return type instanceof ObjectType o && results.contains(o);
    }

    static <K, V> Map<K, V> identityMap() {
        return new IdentityHashMap<>();
    }
}
