package dev.airgen.runtime.internal;

import java.util.Objects;

/**
 * A classpath resource as seen from one class loader: the key of the runtime's caches of schema documents
 * and compiled schemas.
 *
 * <p>A plain class rather than a record on purpose: a record's {@code equals} and {@code hashCode} are
 * linked through {@code invokedynamic} on first use, which costs tens of milliseconds in a fresh JVM, and
 * these keys are hashed on the way to an application's first request.
 */
public final class ResourceKey {

    private final ClassLoader loader;
    private final String resource;

    public ResourceKey(ClassLoader loader, String resource) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    public ClassLoader loader() {
        return loader;
    }

    /** The resource name, as the caller chose to spell it (with or without a leading {@code /}). */
    public String resource() {
        return resource;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceKey k && k.loader == loader && k.resource.equals(resource);
    }

    @Override
    public int hashCode() {
        return 31 * System.identityHashCode(loader) + resource.hashCode();
    }

    @Override
    public String toString() {
        return resource;
    }
}
