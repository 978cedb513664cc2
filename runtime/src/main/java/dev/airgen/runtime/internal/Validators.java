package dev.airgen.runtime.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Lets the client validate the Jackson tree it already built, while the public validator's API speaks only
 * {@code JsonValue}, and compile a schema ahead of its first use. The validator class registers its entry
 * points here when it is initialised; the client calls them through here. The types are parameters so that
 * this package, which both of them use, names neither of them: the validation package and the client each
 * depend on this one, never the reverse.
 */
public final class Validators {

    /**
     * A validator's tree-level entry points.
     *
     * @param <V> the validator's type
     * @param <R> the type of one violation it reports
     */
    public interface Access<V, R> {
        List<R> validate(V validator, @Nullable ClassLoader loader, String resource, JsonNode instance);

        /** Compiles the schema in {@code resource} now, so that its first validation does not wait for it. */
        void compile(V validator, @Nullable ClassLoader loader, String resource);
    }

    private record Registered<V, R>(Class<V> validatorType, Access<V, R> entryPoint) {
    }

    private static volatile @Nullable Registered<?, ?> registered;

    private Validators() {
    }

    /** Called once, from the validator class's static initialiser. */
    public static <V, R> void register(Class<V> validatorType, Access<V, R> entryPoint) {
        registered = new Registered<>(validatorType, entryPoint);
    }

    /**
     * Validates {@code instance} with {@code validator}; the list holds the violations the registered entry
     * point reports, of the type it reports them in.
     *
     * @throws IllegalStateException when {@code validator} is not of the registered validator type
     */
    public static <V, R> List<R> validate(V validator, @Nullable ClassLoader loader, String resource, JsonNode instance) {
        return Validators.<V, R>access(validator).validate(validator, loader, resource, instance);
    }

    /** Compiles the schema in {@code resource} with {@code validator} ahead of its first validation. */
    public static <V> void compile(V validator, @Nullable ClassLoader loader, String resource) {
        access(validator).compile(validator, loader, resource);
    }

    @SuppressWarnings("unchecked")
    private static <V, R> Access<V, R> access(V validator) {
        // An instance exists, so its class has been initialised and has registered itself.
        Registered<?, ?> r = registered;
        if (r == null || !r.validatorType().isInstance(validator)) {
            throw new IllegalStateException(validator.getClass().getName() + " has no registered tree-level entry point");
        }
        return (Access<V, R>) r.entryPoint();
    }
}
