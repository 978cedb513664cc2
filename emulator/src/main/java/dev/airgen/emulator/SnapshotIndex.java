package dev.airgen.emulator;

import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.airgen.schema.snapshot.BundledSnapshot;
import dev.airgen.schema.snapshot.CatalogEntry;
import dev.airgen.schema.snapshot.EntryKind;
import dev.airgen.schema.snapshot.SchemaMap;
import dev.airgen.schema.snapshot.Snapshot;
import dev.airgen.schema.snapshot.SnapshotEntry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the emulator looks up in a snapshot read by schema-core's {@code SnapshotReader}: the schema for a
 * task's model, architecture or task type, what the model search and the schemas service answer, the
 * bundle's bytes as served, and each request schema compiled once. Immutable but for that cache.
 */
final class SnapshotIndex {

    /** A schema chosen for one task, with what the emulator needs to answer it. */
    record Target(String key, JsonNode requestSchema, JsonNode responseSchema, String slug, String air,
                  String taskType) {
    }

    private final Snapshot snapshot;
    private final byte[] schemaMapBytes;
    private final List<ObjectNode> catalog;
    private final String version;
    private final Map<String, SnapshotEntry> inferenceByAir = new LinkedHashMap<>();
    private final Map<String, SnapshotEntry> inferenceBySlug = new LinkedHashMap<>();
    private final Map<String, ObjectNode> catalogByAir = new LinkedHashMap<>();
    private final Map<String, ObjectNode> catalogBySlug = new LinkedHashMap<>();
    private final Map<String, SnapshotEntry> architectures = new LinkedHashMap<>();
    private final Map<String, SnapshotEntry> modalities = new LinkedHashMap<>();
    private final Map<String, SnapshotEntry> operations = new LinkedHashMap<>();
    private final Map<String, SnapshotEntry> utilities = new LinkedHashMap<>();
    private final Set<String> taskTypes = new LinkedHashSet<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final SchemaRegistry registry;
    private final ObjectNode registryDocument;
    private final Set<String> providerKeys;

    SnapshotIndex(Snapshot snapshot) {
        this.snapshot = snapshot;
        this.version = snapshot.version() != null ? snapshot.version() : "dev";
        String bundleFile = null;
        List<JsonNode> requests = new ArrayList<>();
        for (SnapshotEntry e : snapshot.entries()) {
            JsonNode request = e.request().node();
            requests.add(request);
            switch (e.kind()) {
                case MODEL -> {
                    inferenceByAir.putIfAbsent(e.key(), e);
                    if (e.slug() != null) {
                        inferenceBySlug.putIfAbsent(e.slug(), e);
                    }
                    addTaskType(taskTypeOf(request));
                }
                case ARCHITECTURE -> {
                    architectures.put(e.key(), e);
                    addTaskType(taskTypeOf(request));
                }
                case MODALITY -> {
                    modalities.put(e.key(), e);
                    addTaskType(modalityTaskType(e.key()));
                }
                case OPERATION -> {
                    operations.put(e.key(), e);
                    addTaskType(taskTypeOf(request));
                }
                case UTILITY -> {
                    utilities.put(e.key(), e);
                    addTaskType(e.key());
                }
            }
            if (bundleFile == null && fromBundle(e)) {
                bundleFile = e.request().document().file();
            }
        }
        this.schemaMapBytes = bundleFile == null ? null : snapshot.bytes(bundleFile).orElse(null);
        // The catalog the snapshot ships; the models its schemas name answer a search only when it has none.
        Set<String> schemaFiles = new LinkedHashSet<>();
        inferenceByAir.values().forEach(e -> schemaFiles.add(e.request().document().file()));
        List<ObjectNode> shipped = new ArrayList<>();
        List<ObjectNode> all = new ArrayList<>();
        for (CatalogEntry c : snapshot.catalog()) {
            ObjectNode node = toJson(c);
            all.add(node);
            if (!schemaFiles.contains(c.origin().file())) {
                shipped.add(node);
            }
            catalogByAir.putIfAbsent(c.air(), node);
            if (c.slug() != null) {
                catalogBySlug.putIfAbsent(c.slug(), node);
            }
            addTaskType(c.taskType());
        }
        this.catalog = Collections.unmodifiableList(shipped.isEmpty() ? all : shipped);
        this.providerKeys = SchemaMap.providerKeys(requests);
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09, b -> b
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                .schemaLoader(l -> l.fetchRemoteResources(false)));
        this.registryDocument = buildRegistry();
    }

    /** Whether an entry was read from a {@code schema-map.json} bundle (whose bytes the releases endpoints serve). */
    private static boolean fromBundle(SnapshotEntry e) {
        String p = e.request().document().pointer();
        return p.startsWith("/inference/") || p.startsWith("/utilities/")
                || SchemaMap.KEYED_SECTIONS.keySet().stream().anyMatch(section -> p.startsWith("/" + section + "/"));
    }

    private static ObjectNode toJson(CatalogEntry c) {
        ObjectNode node = JsonNodes.object();
        node.put("air", c.air());
        putText(node, "slug", c.slug());
        putText(node, "name", c.name());
        putText(node, "creator", c.creator());
        putText(node, "taskType", c.taskType());
        putText(node, "architecture", c.architecture());
        if (!c.capabilities().isEmpty()) {
            ArrayNode caps = node.putArray("capabilities");
            c.capabilities().forEach(caps::add);
        }
        putText(node, "status", c.status());
        putText(node, "releasedAt", c.releasedAt());
        return node;
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private void addTaskType(String t) {
        if (t != null) {
            taskTypes.add(t);
        }
    }

    /** The snapshot bundled in {@code airgen-model-schemas}; read once per class loader and shared, being immutable. */
    static SnapshotIndex bundled() {
        return BundledHolder.INSTANCE;
    }

    private static final class BundledHolder {
        static final SnapshotIndex INSTANCE = new SnapshotIndex(BundledSnapshot.read(SnapshotIndex.class.getClassLoader())
                .orElseThrow(() -> new IllegalStateException("no " + BundledSnapshot.RESOURCE_DIR + "/schema-map.json on the classpath")));
    }

    /** The snapshot this index was built from. */
    Snapshot snapshot() {
        return snapshot;
    }

    /** The bundle's version ({@code yyyyMMddHHmmss}, or {@code dev}). */
    String version() {
        return version;
    }

    /** Every AIR the snapshot knows, from its schemas and its catalog. */
    Set<String> airs() {
        Set<String> all = new LinkedHashSet<>(inferenceByAir.keySet());
        all.addAll(catalogByAir.keySet());
        return Collections.unmodifiableSet(all);
    }

    /** The exact bytes of the snapshot's bundle, as served by the releases endpoints; null when it has none. */
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
        SnapshotEntry entry = modalities.get(modality);
        String pinned = entry == null ? null : taskTypeOf(entry.request().node());
        return pinned != null ? pinned : modality + "Inference";
    }

    /** The provider keys the snapshot's {@code providerSettings} declare. */
    Set<String> providerKeys() {
        return providerKeys;
    }

    /** The schema for a model AIR: its own entry, else its catalog architecture. Null when neither exists. */
    Target targetForModel(String air) {
        SnapshotEntry own = inferenceByAir.get(air);
        if (own != null) {
            return new Target("inference:" + air, own.request().node(), response(own), own.slug(), air,
                    taskTypeOf(own.request().node()));
        }
        ObjectNode cat = catalogByAir.get(air);
        if (cat == null) {
            return null;
        }
        Target arch = targetForArchitecture(JsonNodes.text(cat, "architecture"), air, JsonNodes.text(cat, "slug"));
        String catalogType = JsonNodes.text(cat, "taskType");
        // A training model names the architecture it trains, not one whose inference schema it runs.
        return arch != null && (catalogType == null || SchemaMap.taskTypes(arch.requestSchema()).contains(catalogType)) ? arch : null;
    }

    private static JsonNode response(SnapshotEntry entry) {
        return entry.response() == null ? null : entry.response().node();
    }

    /** The schema of an architecture of this bundle for a model of it; null when the bundle has no such architecture. */
    Target targetForArchitecture(String architecture, String air, String slug) {
        SnapshotEntry entry = architecture == null ? null : architectures.get(architecture);
        JsonNode archSchema = entry == null ? null : entry.request().node();
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
        if (architectures.containsKey(name) && architectures.get(name).request().node().isObject()) {
            return name;
        }
        String wanted = squash(name);
        for (Map.Entry<String, SnapshotEntry> e : architectures.entrySet()) {
            if (e.getValue().request().node().isObject() && squash(e.getKey()).equals(wanted)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static String squash(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Schemas that apply to a task type without a model of its own (modality, operations, utility). */
    List<Target> targetsForTaskType(String taskType) {
        List<Target> out = new ArrayList<>();
        for (Map.Entry<String, SnapshotEntry> m : modalities.entrySet()) {
            JsonNode s = m.getValue().request().node();
            if (taskType.equals(modalityTaskType(m.getKey())) && s.isObject()) {
                out.add(new Target("modality:" + m.getKey(), s, null, null, null, taskType));
            }
        }
        for (Map.Entry<String, SnapshotEntry> op : operations.entrySet()) {
            JsonNode request = op.getValue().request().node();
            if (taskType.equals(taskTypeOf(request)) && request.isObject()) {
                out.add(new Target("operation:" + op.getKey(), request, response(op.getValue()), op.getKey(), null, taskType));
            }
        }
        SnapshotEntry utility = utilities.get(taskType);
        if (utility != null && utility.request().node().isObject()) {
            out.add(new Target("utility:" + taskType, utility.request().node(), response(utility), taskType, null, taskType));
        }
        return out;
    }

    /** What {@code /resolve/{air}} answers: by AIR or slug; null when the snapshot does not know it. */
    Target resolve(String airOrSlug) {
        String air = airOrSlug;
        if (!knowsModel(air)) {
            SnapshotEntry bySlug = inferenceBySlug.get(airOrSlug);
            ObjectNode catalogBySlugEntry = bySlug == null ? catalogBySlug.get(airOrSlug) : null;
            if (bySlug != null) {
                air = bySlug.key();
            } else if (catalogBySlugEntry != null) {
                air = JsonNodes.text(catalogBySlugEntry, "air");
            } else {
                return null;
            }
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
        SnapshotEntry e = inferenceByAir.get(air);
        String slug = e == null ? null : e.slug();
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
        for (Map.Entry<String, SnapshotEntry> e : inferenceByAir.entrySet()) {
            ObjectNode m = models.putObject(e.getKey());
            m.put("taskType", taskTypeOf(e.getValue().request().node()));
            m.put("id", e.getValue().slug());
        }
        for (Map.Entry<String, ObjectNode> e : catalogByAir.entrySet()) {
            if (!models.has(e.getKey())) {
                ObjectNode m = models.putObject(e.getKey());
                m.put("taskType", JsonNodes.text(e.getValue(), "taskType"));
                m.put("id", JsonNodes.text(e.getValue(), "slug"));
            }
        }
        ObjectNode arch = doc.putObject("architectureTaskTypes");
        architectures.forEach((key, entry) -> arch.put(key, taskTypeOf(entry.request().node())));
        ObjectNode mod = doc.putObject("modalityTaskTypes");
        modalities.keySet().forEach(k -> mod.put(k, modalityTaskType(k)));
        return doc;
    }

    @Override
    public String toString() {
        return "SnapshotIndex[version=" + version + ", models=" + airs().size() + "]";
    }
}
