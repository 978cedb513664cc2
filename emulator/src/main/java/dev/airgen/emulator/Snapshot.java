package dev.airgen.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Schema;
import dev.airgen.schema.snapshot.SchemaMap;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An immutable Runware schema snapshot: the schemas service bundle ({@code schema-map.json}) plus
 * an optional catalog of model metadata. The emulator validates tasks against it and serves it on
 * its schemas endpoints.
 */
public final class Snapshot {

    /** Classpath folder of the snapshot bundled by {@code airgen-model-schemas}. */
    public static final String BUNDLED_RESOURCE_DIR = "airgen/snapshot/";

    /** A schema chosen for one task, with what the emulator needs to answer it. */
    record Target(String key, JsonNode requestSchema, JsonNode responseSchema, String slug, String air,
                  String taskType) {
    }

    private final byte[] schemaMapBytes;
    private final ObjectNode schemaMap;
    private final List<ObjectNode> catalog;
    private final String version;
    private final Map<String, ObjectNode> inferenceByAir = new LinkedHashMap<>();
    private final Map<String, ObjectNode> inferenceBySlug = new LinkedHashMap<>();
    private final Map<String, ObjectNode> catalogByAir = new LinkedHashMap<>();
    private final Map<String, ObjectNode> catalogBySlug = new LinkedHashMap<>();
    private final Set<String> taskTypes = new LinkedHashSet<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final SchemaRegistry registry;
    private final ObjectNode registryDocument;
    private final Set<String> providerKeys;

    private Snapshot(byte[] schemaMapBytes, byte[] catalogBytes) {
        this.schemaMapBytes = schemaMapBytes.clone();
        JsonNode map = parse(schemaMapBytes, "schema-map.json");
        if (!map.isObject()) {
            throw new IllegalArgumentException("schema-map.json must be a JSON object, found " + map.getNodeType());
        }
        this.schemaMap = (ObjectNode) map;
        JsonNode v = schemaMap.get("version");
        this.version = v != null && v.isString() ? v.stringValue() : "dev";
        JsonNode inference = schemaMap.get("inference");
        if (inference != null && !inference.isArray()) {
            throw new IllegalArgumentException("schema-map.json: 'inference' must be an array");
        }
        if (inference != null) {
            int i = 0;
            for (JsonNode entry : inference) {
                if (!entry.isObject() || !entry.path("requestSchema").isObject()) {
                    throw new IllegalArgumentException("schema-map.json: inference[" + i + "] needs an object 'requestSchema'");
                }
                String air = SchemaMap.air(entry);
                String slug = JsonNodes.text(entry, "slug");
                if (air != null) {
                    inferenceByAir.putIfAbsent(air, (ObjectNode) entry);
                }
                if (slug != null) {
                    inferenceBySlug.putIfAbsent(slug, (ObjectNode) entry);
                }
                String tt = taskTypeOf(entry.get("requestSchema"));
                if (tt != null) {
                    taskTypes.add(tt);
                }
                i++;
            }
        }
        List<ObjectNode> cat = new ArrayList<>();
        if (catalogBytes != null) {
            JsonNode c = parse(catalogBytes, "catalog.json");
            if (c.isObject() && c.has("models")) {
                c = c.get("models");
            }
            if (!c.isArray()) {
                throw new IllegalArgumentException("catalog.json must be a JSON array of model entries");
            }
            int i = 0;
            for (JsonNode entry : c) {
                String air = JsonNodes.text(entry, "air");
                if (!entry.isObject() || air == null) {
                    throw new IllegalArgumentException("catalog.json: entry " + i + " needs a string 'air'");
                }
                cat.add((ObjectNode) entry);
                catalogByAir.putIfAbsent(air, (ObjectNode) entry);
                String slug = JsonNodes.text(entry, "slug");
                if (slug != null) {
                    catalogBySlug.putIfAbsent(slug, (ObjectNode) entry);
                }
                String tt = JsonNodes.text(entry, "taskType");
                if (tt != null) {
                    taskTypes.add(tt);
                }
                i++;
            }
        }
        this.catalog = Collections.unmodifiableList(cat);
        for (JsonNode s : schemaMap.path("architectures")) {
            addTaskType(taskTypeOf(SchemaMap.requestOf(s)));
        }
        schemaMap.path("modalities").propertyNames().forEach(m -> addTaskType(modalityTaskType(m)));
        for (JsonNode s : schemaMap.path("operations")) {
            addTaskType(taskTypeOf(SchemaMap.requestOf(s)));
        }
        for (JsonNode u : schemaMap.path("utilities")) {
            addTaskType(SchemaMap.utilityKey(u));
        }
        this.providerKeys = SchemaMap.providerKeys(schemaMap);
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09, b -> b
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                .schemaLoader(l -> l.fetchRemoteResources(false)));
        this.registryDocument = buildRegistry();
    }

    private void addTaskType(String t) {
        if (t != null) {
            taskTypes.add(t);
        }
    }

    private static JsonNode parse(byte[] bytes, String what) {
        try {
            return JsonNodes.parse(bytes);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The snapshot bundled in {@code airgen-model-schemas}; read once per class loader and shared, being immutable. */
    public static Snapshot bundled() {
        return BundledHolder.INSTANCE;
    }

    private static final class BundledHolder {
        static final Snapshot INSTANCE = readBundled();
    }

    private static Snapshot readBundled() {
        ClassLoader cl = Snapshot.class.getClassLoader();
        byte[] map = readResource(cl, BUNDLED_RESOURCE_DIR + "schema-map.json");
        if (map == null) {
            throw new IllegalStateException("no " + BUNDLED_RESOURCE_DIR + "schema-map.json on the classpath");
        }
        return new Snapshot(map, readResource(cl, BUNDLED_RESOURCE_DIR + "catalog.json"));
    }

    /**
     * Loads a snapshot from a {@code schema-map.json} file, or from a folder that holds one (and
     * optionally a {@code catalog.json} beside it).
     */
    public static Snapshot load(Path path) {
        try {
            Path map = Files.isDirectory(path) ? path.resolve("schema-map.json") : path;
            if (!Files.isRegularFile(map)) {
                throw new IllegalArgumentException("no schema-map.json at " + map);
            }
            Path cat = map.resolveSibling("catalog.json");
            return new Snapshot(Files.readAllBytes(map), Files.isRegularFile(cat) ? Files.readAllBytes(cat) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot at " + path, e);
        }
    }

    /** A snapshot from JSON text; {@code catalogJson} may be null. */
    public static Snapshot of(String schemaMapJson, String catalogJson) {
        return new Snapshot(schemaMapJson.getBytes(StandardCharsets.UTF_8),
                catalogJson == null ? null : catalogJson.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readResource(ClassLoader cl, String name) {
        try (InputStream in = cl.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    /** The bundle's version ({@code yyyyMMddHHmmss}, or {@code dev}). */
    public String version() {
        return version;
    }

    /** Every AIR the snapshot knows, from its schemas and its catalog. */
    public Set<String> airs() {
        Set<String> all = new LinkedHashSet<>(inferenceByAir.keySet());
        all.addAll(catalogByAir.keySet());
        return Collections.unmodifiableSet(all);
    }

    /** The exact bytes of {@code schema-map.json}, as served by the releases endpoints. */
    public byte[] schemaMapBytes() {
        return schemaMapBytes.clone();
    }

    byte[] schemaMapBytesShared() {
        return schemaMapBytes;
    }

    List<ObjectNode> catalog() {
        return catalog;
    }

    boolean knowsTaskType(String taskType) {
        return taskTypes.contains(taskType);
    }

    boolean knowsModel(String air) {
        return inferenceByAir.containsKey(air) || catalogByAir.containsKey(air);
    }

    ObjectNode catalogEntry(String air) {
        return catalogByAir.get(air);
    }

    ObjectNode registryDocument() {
        return registryDocument;
    }

    /** The first task type a schema accepts (see {@link SchemaMap#taskTypes}), or null. */
    static String taskTypeOf(JsonNode schema) {
        Set<String> all = SchemaMap.taskTypes(schema);
        return all.isEmpty() ? null : all.iterator().next();
    }

    /**
     * The task type of a modality's schema: the one it pins, else the modality's name followed by
     * {@code Inference} (how Runware names them: {@code imageInference}, {@code 3dInference}).
     */
    private String modalityTaskType(String modality) {
        String pinned = taskTypeOf(SchemaMap.requestOf(schemaMap.path("modalities").get(modality)));
        return pinned != null ? pinned : modality + "Inference";
    }

    /** The provider keys the snapshot's {@code providerSettings} declare. */
    Set<String> providerKeys() {
        return providerKeys;
    }

    /** The schema for a model AIR: its own entry, else its catalog architecture. Null when neither exists. */
    Target targetForModel(String air) {
        ObjectNode own = inferenceByAir.get(air);
        if (own != null) {
            return new Target("inference:" + air, own.get("requestSchema"), own.get("responseSchema"),
                    JsonNodes.text(own, "slug"), air, taskTypeOf(own.get("requestSchema")));
        }
        ObjectNode cat = catalogByAir.get(air);
        if (cat == null) {
            return null;
        }
        Target arch = targetForArchitecture(JsonNodes.text(cat, "architecture"), air, JsonNodes.text(cat, "slug"));
        String catalogType = JsonNodes.text(cat, "taskType");
        // A training model names the architecture it trains, not one whose inference schema it runs.
        return arch != null && (catalogType == null || taskTypesOf(arch.requestSchema()).contains(catalogType)) ? arch : null;
    }

    /** The schema of an architecture of this bundle for a model of it; null when the bundle has no such architecture. */
    Target targetForArchitecture(String architecture, String air, String slug) {
        JsonNode archSchema = architecture == null ? null : SchemaMap.requestOf(schemaMap.path("architectures").get(architecture));
        if (archSchema == null || !archSchema.isObject()) {
            return null;
        }
        return new Target("architecture:" + architecture, archSchema, null, slug, air, taskTypeOf(archSchema));
    }

    /** The architecture key of this bundle that {@code name} means, or null: exact, else ignoring case and punctuation. */
    String architectureKey(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        JsonNode archs = schemaMap.path("architectures");
        if (archs.get(name) != null && archs.get(name).isObject()) {
            return name;
        }
        String wanted = squash(name);
        for (Map.Entry<String, JsonNode> e : archs.properties()) {
            if (e.getValue().isObject() && squash(e.getKey()).equals(wanted)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static String squash(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Every task type a schema accepts (see {@link SchemaMap#taskTypes}). */
    static Set<String> taskTypesOf(JsonNode schema) {
        return SchemaMap.taskTypes(schema);
    }

    /** Schemas that apply to a task type without a model of its own (modality, operations, utility). */
    List<Target> targetsForTaskType(String taskType) {
        List<Target> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> m : schemaMap.path("modalities").properties()) {
            JsonNode s = SchemaMap.requestOf(m.getValue());
            if (taskType.equals(modalityTaskType(m.getKey())) && s != null && s.isObject()) {
                out.add(new Target("modality:" + m.getKey(), s, null, null, null, taskType));
            }
        }
        for (Map.Entry<String, JsonNode> op : schemaMap.path("operations").properties()) {
            JsonNode request = SchemaMap.requestOf(op.getValue());
            if (taskType.equals(taskTypeOf(request)) && request.isObject()) {
                out.add(new Target("operation:" + op.getKey(), request, SchemaMap.responseOf(op.getValue()), op.getKey(), null, taskType));
            }
        }
        for (JsonNode u : schemaMap.path("utilities")) {
            if (taskType.equals(SchemaMap.utilityKey(u)) && u.path("requestSchema").isObject()) {
                out.add(new Target("utility:" + taskType, u.get("requestSchema"), u.get("responseSchema"),
                        taskType, null, taskType));
            }
        }
        return out;
    }

    /** What {@code /resolve/{air}} answers: by AIR or slug; null when the snapshot does not know it. */
    Target resolve(String airOrSlug) {
        String air = airOrSlug;
        if (!knowsModel(air)) {
            ObjectNode bySlug = inferenceBySlug.get(airOrSlug);
            if (bySlug == null) {
                bySlug = catalogBySlug.get(airOrSlug);
            }
            if (bySlug == null) {
                return null;
            }
            air = JsonNodes.text(bySlug, "air");
            if (air == null) {
                return null;
            }
        }
        Target t = targetForModel(air);
        if (t != null) {
            return t;
        }
        ObjectNode cat = catalogByAir.get(air);
        String tt = JsonNodes.text(cat, "taskType");
        List<Target> byType = tt == null ? List.of() : targetsForTaskType(tt);
        Target first = byType.isEmpty() ? null : byType.get(0);
        return new Target(first == null ? "none" : first.key(), first == null ? null : first.requestSchema(),
                null, JsonNodes.text(cat, "slug"), air, tt);
    }

    String slugOf(String air) {
        ObjectNode e = inferenceByAir.get(air);
        String slug = e == null ? null : JsonNodes.text(e, "slug");
        return slug != null ? slug : JsonNodes.text(catalogByAir.get(air), "slug");
    }

    /** Compiles a target's request schema once; networknt schemas are safe to share between threads. */
    Schema compiled(Target target) {
        return compiled.computeIfAbsent(target.key(), k -> {
            ObjectNode copy = ((ObjectNode) target.requestSchema()).deepCopy();
            // Many model schemas may share one $id; each gets its own location so none shadows another.
            copy.remove("$id");
            JsonNode dialect = copy.get("$schema");
            if (dialect != null && (!dialect.isString() || !KNOWN_DIALECTS.contains(dialect.stringValue().replaceAll("#$", "")))) {
                // An unknown meta-schema would have to be fetched; validate with the default dialect instead.
                copy.remove("$schema");
            }
            String location = "urn:airgen:snapshot:" + URLEncoder.encode(k, StandardCharsets.UTF_8);
            return registry.getSchema(SchemaLocation.of(location), copy);
        });
    }

    private static final Set<String> KNOWN_DIALECTS = Set.of(
            "http://json-schema.org/draft-04/schema", "http://json-schema.org/draft-06/schema",
            "http://json-schema.org/draft-07/schema", "https://json-schema.org/draft/2019-09/schema",
            "https://json-schema.org/draft/2020-12/schema");

    private ObjectNode buildRegistry() {
        ObjectNode doc = JsonNodes.object();
        doc.put("version", version);
        ObjectNode models = doc.putObject("models");
        for (Map.Entry<String, ObjectNode> e : inferenceByAir.entrySet()) {
            ObjectNode m = models.putObject(e.getKey());
            m.put("taskType", taskTypeOf(e.getValue().get("requestSchema")));
            m.put("id", JsonNodes.text(e.getValue(), "slug"));
        }
        for (Map.Entry<String, ObjectNode> e : catalogByAir.entrySet()) {
            if (!models.has(e.getKey())) {
                ObjectNode m = models.putObject(e.getKey());
                m.put("taskType", JsonNodes.text(e.getValue(), "taskType"));
                m.put("id", JsonNodes.text(e.getValue(), "slug"));
            }
        }
        ObjectNode arch = doc.putObject("architectureTaskTypes");
        for (Map.Entry<String, JsonNode> e : schemaMap.path("architectures").properties()) {
            arch.put(e.getKey(), taskTypeOf(SchemaMap.requestOf(e.getValue())));
        }
        ObjectNode mod = doc.putObject("modalityTaskTypes");
        schemaMap.path("modalities").propertyNames().forEach(k -> mod.put(k, modalityTaskType(k)));
        return doc;
    }

    /** A copy of this snapshot whose bundle says {@code newVersion}; handy for release tests. */
    public Snapshot withVersion(String newVersion) {
        ObjectNode copy = schemaMap.deepCopy();
        copy.put("version", newVersion);
        byte[] cat = catalogByAir.isEmpty() ? null : JsonNodes.MAPPER.writeValueAsBytes(catalog);
        return new Snapshot(JsonNodes.MAPPER.writeValueAsBytes(copy), cat);
    }

    @Override
    public String toString() {
        return "Snapshot[version=" + version + ", models=" + airs().size() + "]";
    }
}
