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

    private static volatile @Nullable Function<@Nullable Object, JsonNode> trees;

    private TypesAccess() {
    }

    /** Called once, by the builder's class as it initialises; later calls change nothing. */
    public static synchronized void installTrees(Function<@Nullable Object, JsonNode> builder) {
        if (trees == null) {
            trees = Objects.requireNonNull(builder, "builder");
        }
    }

    /** The JSON tree of {@code value}, as the runtime's mapper would write it. */
    public static JsonNode tree(@Nullable Object value) {
        Function<@Nullable Object, JsonNode> builder = trees;
        if (builder == null) {
            try {
                Class.forName(BUILDER, true, TypesAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the runtime's types package is incomplete: no " + BUILDER, e);
            }
            builder = Objects.requireNonNull(trees, "the tree builder did not install itself");
        }
        return builder.apply(value);
    }
}
