package dev.airgen.runtime.types;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;

/**
 * Every model of a generated snapshot, with lookups by AIR and by slug. Generated catalog classes
 * load one from the resource the generator wrote beside them; the data lives in a resource rather
 * than in code because hundreds of constants would overflow a class initializer.
 */
public final class ModelCatalog {

    private final ClassLoader loader;
    private final Map<String, ModelInfo> byAir;
    private final Map<String, ModelInfo> bySlug;

    private ModelCatalog(Collection<ModelInfo> models, ClassLoader loader) {
        this.loader = loader;
        Map<String, ModelInfo> airs = new LinkedHashMap<>();
        Map<String, ModelInfo> slugs = new LinkedHashMap<>();
        for (ModelInfo model : models) {
            airs.put(model.air(), model);
            if (model.slug() != null) {
                slugs.put(model.slug(), model);
            }
        }
        this.byAir = Collections.unmodifiableMap(airs);
        this.bySlug = Collections.unmodifiableMap(slugs);
    }

    /** Reads a catalog resource next to {@code anchor}. */
    public static ModelCatalog load(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("catalog resource " + resource + " not found beside " + anchor.getName());
            }
            return new ModelCatalog(Json.mapper().readValue(in, new TypeReference<java.util.List<ModelInfo>>() { }),
                    anchor.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog resource " + resource, e);
        }
    }

    public Optional<ModelInfo> byAir(String air) {
        return Optional.ofNullable(byAir.get(air));
    }

    public Optional<ModelInfo> bySlug(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    /** The model with this AIR; generated constants use it, so a missing one is a build defect. */
    public ModelInfo require(String air) {
        ModelInfo model = byAir.get(air);
        if (model == null) {
            throw new IllegalStateException("catalog has no model " + air);
        }
        return model;
    }

    /** The generated request class of a model, loaded beside the catalog; empty when it has none. */
    public Optional<Class<?>> requestType(ModelInfo model) {
        return load(model.requestClass());
    }

    /** The generated result class of a model, loaded beside the catalog; empty when it has none. */
    public Optional<Class<?>> resultType(ModelInfo model) {
        return load(model.resultClass());
    }

    private Optional<Class<?>> load(String className) {
        if (className == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(className, false, loader));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Every model in catalog order. */
    public Collection<ModelInfo> all() {
        return byAir.values();
    }
}
