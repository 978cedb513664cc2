package dev.airgen.runtime.internal;

import dev.airgen.runtime.validation.SchemaValidator;
import dev.airgen.runtime.validation.Violation;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Lets the client validate the Jackson tree it already built, while the public {@link SchemaValidator}
 * API speaks only {@code JsonValue}. {@code SchemaValidator} registers the tree-level entry point here when
 * it is initialised.
 */
public final class Validators {

    /** The tree-level entry points of {@link SchemaValidator}. */
    public interface Access {
        List<Violation> validate(SchemaValidator validator, ClassLoader loader, String resource, JsonNode instance);

        /** Compiles the schema in {@code resource} now, so that its first validation does not wait for it. */
        void compile(SchemaValidator validator, ClassLoader loader, String resource);
    }

    private static volatile Access access;

    private Validators() {
    }

    public static void register(Access entryPoint) {
        access = entryPoint;
    }

    public static List<Violation> validate(SchemaValidator validator, ClassLoader loader, String resource, JsonNode instance) {
        return access().validate(validator, loader, resource, instance);
    }

    public static void compile(SchemaValidator validator, ClassLoader loader, String resource) {
        access().compile(validator, loader, resource);
    }

    private static Access access() {
        Access a = access;
        if (a == null) {
            try {
                Class.forName(SchemaValidator.class.getName(), true, SchemaValidator.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = access;
        }
        return a;
    }
}
