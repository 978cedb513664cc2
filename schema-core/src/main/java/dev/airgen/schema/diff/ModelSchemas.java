package dev.airgen.schema.diff;

import dev.airgen.schema.snapshot.EntryKind;
import dev.airgen.schema.snapshot.SchemaMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The request schema of every model in a snapshot document, keyed the way the change report names
 * models: the AIR for models, {@code architecture sdxl}, {@code modality image}, {@code operation
 * caption-image} and {@code utility imageUpload} for the rest. The bundle's layout is read by
 * {@link SchemaMap}; entries it cannot key are still compared, under their slug or position.
 */
public final class ModelSchemas {

    private ModelSchemas() {
    }

    /** The models of a schemas-service bundle ({@code schema-map.json}). */
    public static Map<String, JsonNode> ofBundle(JsonNode bundle) {
        Map<String, JsonNode> models = new TreeMap<>();
        inference(bundle).forEach((air, entry) -> models.put(air, entry.path("requestSchema")));
        SchemaMap.KEYED_SECTIONS.forEach((section, kind) -> {
            String label = kind.name().toLowerCase(Locale.ROOT);
            for (Map.Entry<String, JsonNode> e : bundle.path(section).properties()) {
                models.put(label + " " + e.getKey(), SchemaMap.requestOf(e.getValue()));
            }
        });
        int index = 0;
        String label = EntryKind.UTILITY.name().toLowerCase(Locale.ROOT);
        for (JsonNode utility : bundle.path("utilities")) {
            String name = SchemaMap.utilityKey(utility);
            models.put(label + " " + (name != null ? name : "#" + index), utility.path("requestSchema"));
            index++;
        }
        return models;
    }

    /** The bundle's {@code inference} entries by AIR (see {@link SchemaMap#air}), else by {@code slug}. */
    public static Map<String, JsonNode> inference(JsonNode bundle) {
        Map<String, JsonNode> entries = new TreeMap<>();
        int index = 0;
        for (JsonNode entry : bundle.path("inference")) {
            String air = SchemaMap.air(entry);
            if (air == null) {
                air = SchemaMap.text(entry, "slug");
            }
            entries.put(air != null ? air : "inference #" + index, entry);
            index++;
        }
        return entries;
    }

    /**
     * The model of a {@code /resolve/{air}} document; the AIR comes from the schema's constant
     * {@code model}, else from the URL-encoded file name.
     */
    public static Map<String, JsonNode> ofResolved(String fileName, JsonNode document) {
        JsonNode request = document.path("requestSchema");
        String air = SchemaMap.modelConst(request);
        Map<String, JsonNode> models = new TreeMap<>();
        models.put(air != null ? air : SchemaMap.airFromFileName(fileName), request);
        return models;
    }
}
