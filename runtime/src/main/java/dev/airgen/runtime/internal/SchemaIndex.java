package dev.airgen.runtime.internal;

import dev.airgen.runtime.types.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Finds the request schema of a task given as plain JSON, through the index the generator writes beside
 * the classes ({@value #RESOURCE}): by the task's {@code model} AIR (the model's own schema, or for a
 * catalog model without one its architecture's, modality's or operation's), else by its task type. So an
 * untyped task is checked against the same schema as its generated class, and a community or freshly
 * trained AIR the index does not list is checked against its task type's modality schema.
 */
public final class SchemaIndex {

    /** The index resource the generator writes (one per generated package). */
    public static final String RESOURCE = "META-INF/airgen/schema-index.json";

    /** A schema for a task, and how it was chosen. */
    public record Found(ClassLoader loader, String resource, String reason) {
    }

    private final ClassLoader loader;
    private final Map<String, String> models = new LinkedHashMap<>();
    private final Map<String, String> taskTypes = new LinkedHashMap<>();

    private SchemaIndex(ClassLoader loader) {
        this.loader = loader;
    }

    /** Every index on {@code loader}'s class path, merged; the first one found wins a conflict. */
    public static SchemaIndex load(ClassLoader loader) {
        SchemaIndex index = new SchemaIndex(loader);
        try {
            Enumeration<URL> urls = loader.getResources(RESOURCE);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                try (InputStream in = url.openStream()) {
                    JsonNode root = Json.mapper().readTree(in);
                    root.path("models").properties().forEach(e -> index.models.putIfAbsent(e.getKey(), e.getValue().asString()));
                    root.path("taskTypes").properties().forEach(e -> index.taskTypes.putIfAbsent(e.getKey(),
                            e.getValue().asString()));
                } catch (IOException | RuntimeException e) {
                    Log.debug(() -> "ignoring unreadable schema index " + url + ": " + e);
                }
            }
        } catch (IOException e) {
            Log.debug(() -> "cannot list schema indexes: " + e);
        }
        return index;
    }

    /** The schema to check {@code task} against, or empty when nothing on the class path describes it. */
    public Optional<Found> find(String model, String taskType) {
        if (model != null) {
            String resource = models.get(model);
            if (resource != null) {
                return Optional.of(new Found(loader, resource, "model " + model));
            }
        }
        if (taskType != null) {
            String resource = taskTypes.get(taskType);
            if (resource != null) {
                return Optional.of(new Found(loader, resource, (model == null ? "" : "model " + model
                        + " is not in the generated catalog; ") + "the " + taskType + " schema"));
            }
        }
        return Optional.empty();
    }

    /** Whether the index knows any schema at all (no generated classes on the class path when false). */
    public boolean isEmpty() {
        return models.isEmpty() && taskTypes.isEmpty();
    }
}
