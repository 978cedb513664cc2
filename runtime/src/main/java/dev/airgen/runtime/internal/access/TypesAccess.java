package dev.airgen.runtime.internal.access;

import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The types package's tree builder, handed over when that builder's class initialises: the JSON tree of a
 * generated object or runtime value, built from the pairs the object lists (which only the types package can
 * ask for) rather than through Jackson's serializer lookup.
 */
public final class TypesAccess {

    /** The class whose initialisation installs the builder. */
    private static final String BUILDER = "dev.airgen.runtime.types.JsonTreeBuilder";

    /** Set by the builder's static initialiser; read after that class's initialisation, which orders the two. */
    private static @Nullable Function<@Nullable Object, JsonNode> installed;

    private TypesAccess() {
    }

    /** Called once, by the builder's class as it initialises; later calls change nothing. */
    public static void installTrees(Function<@Nullable Object, JsonNode> builder) {
        if (installed == null) {
            installed = Objects.requireNonNull(builder, "builder");
        }
    }

    /** The JSON tree of {@code value}, as the runtime's mapper would write it. */
    public static JsonNode tree(@Nullable Object value) {
        return Trees.BUILDER.apply(value);
    }

    /** Initialises the builder's class the first time a tree is asked for (thread-safe, as class initialisation is). */
    private static final class Trees {
        static final Function<@Nullable Object, JsonNode> BUILDER = load();

        private static Function<@Nullable Object, JsonNode> load() {
            try {
                Class.forName(TypesAccess.BUILDER, true, TypesAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the runtime's types package is incomplete: no " + TypesAccess.BUILDER, e);
            }
            return Objects.requireNonNull(installed, "the tree builder did not install itself");
        }
    }
}
