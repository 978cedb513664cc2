package dev.airgen.modelschemas;

import dev.airgen.schema.snapshot.SchemaMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the committed snapshot from the classpath, exactly as consumers of the jar do. */
final class Snapshot {

    static final String SCHEMA_MAP = "airgen/snapshot/schema-map.json";
    static final String CATALOG = "airgen/snapshot/catalog.json";

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static JsonNode schemaMap;
    private static JsonNode catalog;

    private Snapshot() {
    }

    static synchronized JsonNode schemaMap() {
        if (schemaMap == null) {
            schemaMap = resource(SCHEMA_MAP);
        }
        return schemaMap;
    }

    static synchronized JsonNode catalog() {
        if (catalog == null) {
            catalog = resource(CATALOG);
        }
        return catalog;
    }

    static JsonNode resource(String name) {
        try (InputStream in = Snapshot.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A schema of the bundle with the name tests report it under. */
    record NamedSchema(String name, JsonNode schema, boolean request) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<NamedSchema> allSchemas() {
        JsonNode map = schemaMap();
        List<NamedSchema> out = new ArrayList<>();
        for (JsonNode e : map.path("inference")) {
            String air = SchemaMap.air(e);
            out.add(new NamedSchema("inference " + air + " request", SchemaMap.requestOf(e), true));
            out.add(new NamedSchema("inference " + air + " response", e.path("responseSchema"), false));
        }
        for (String group : SchemaMap.KEYED_SECTIONS.keySet()) {
            map.path(group).properties().forEach(p -> out.add(new NamedSchema(group + " " + p.getKey(), SchemaMap.requestOf(p.getValue()), true)));
        }
        for (JsonNode e : map.path("utilities")) {
            String key = SchemaMap.utilityKey(e);
            out.add(new NamedSchema("utility " + key + " request", SchemaMap.requestOf(e), true));
            out.add(new NamedSchema("utility " + key + " response", e.path("responseSchema"), false));
        }
        map.path("errors").properties().forEach(p -> out.add(new NamedSchema("errors " + p.getKey(), p.getValue(), false)));
        return out;
    }
}
