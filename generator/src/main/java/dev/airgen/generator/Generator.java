package dev.airgen.generator;

import dev.airgen.generator.emit.CatalogEmitter;
import dev.airgen.generator.emit.JavaEmitter;
import dev.airgen.generator.emit.SchemaBundler;
import dev.airgen.generator.naming.TypeNamer;
import dev.airgen.generator.schema.Constraints;
import dev.airgen.generator.schema.Deduplicator;
import dev.airgen.generator.schema.NamedType;
import dev.airgen.generator.schema.ObjectType;
import dev.airgen.generator.schema.Property;
import dev.airgen.generator.schema.ScalarKind;
import dev.airgen.generator.schema.ScalarType;
import dev.airgen.generator.schema.TaskModel;
import dev.airgen.generator.schema.TypeModelBuilder;
import dev.airgen.generator.source.CatalogEntry;
import dev.airgen.generator.source.EntryKind;
import dev.airgen.generator.source.Origin;
import dev.airgen.generator.source.SchemaDocument;
import dev.airgen.generator.source.SchemaRef;
import dev.airgen.generator.source.SchemaResolver;
import dev.airgen.generator.source.Snapshot;
import dev.airgen.generator.source.SnapshotEntry;
import dev.airgen.generator.source.SnapshotReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a snapshot and produces Java sources plus the schema resources they validate against.
 *
 * <pre>{@code
 * GenerationResult result = new Generator().generate(GeneratorConfig.of(Path.of("schema-map.json"), "com.example.runware"));
 * result.writeTo(sourcesDir, resourcesDir);
 * }</pre>
 *
 * <p>The pipeline runs one way: read the snapshot, map schemas to the type model, share identical types,
 * name everything, emit. Output depends only on the input: the same snapshot gives the same bytes.
 * Instances hold no state between runs and may be used from several threads.
 */
public final class Generator {

    private static final String STANDARD_RESULTS = "dev/airgen/generator/standard-results.json";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public GenerationResult generate(GeneratorConfig config) {
        Snapshot snapshot = SnapshotReader.read(config.snapshot());
        AirFilter filter = new AirFilter(config.includes(), config.excludes());
        filter.check(airs(snapshot));
        SchemaResolver resolver = snapshot.resolver();
        SchemaDocument standard = resolver.register(standardResults());
        TypeModelBuilder builder = new TypeModelBuilder(resolver);

        List<TaskModel> tasks = new ArrayList<>();
        for (SnapshotEntry entry : snapshot.entries()) {
            if (entry.kind() == EntryKind.MODEL && !filter.test(entry.key())) {
                continue;
            }
            ObjectType request = builder.root(entry.request(), TypeModelBuilder.Side.REQUEST);
            String taskType = constantTaskType(request, entry);
            ensureString(request, "taskUUID", true);
            // A missing or shapeless response schema ({} or true) gets the standard result of its task type.
            SchemaRef responseSchema = entry.response() != null && builder.describesTask(entry.response())
                    ? entry.response() : standardResult(standard, taskType);
            ObjectType result = builder.root(responseSchema, TypeModelBuilder.Side.RESPONSE);
            ensureString(result, "taskType", false);
            ensureString(result, "taskUUID", false);
            tasks.add(new TaskModel(entry, taskType, request, result, responseSchema));
        }
        if (!config.includes().isEmpty()) {
            tasks = withoutUnusedGeneralTasks(tasks, snapshot, filter);
        }
        if (tasks.isEmpty()) {
            throw new SchemaException(config.snapshot().getFileName().toString(), "",
                    "no task schema matches the include/exclude filters " + config.includes() + " / " + config.excludes());
        }

        Deduplicator dedup = new Deduplicator();
        dedup.add(tasks);
        TypeNamer namer = new TypeNamer(config.packageName(), dedup);
        namer.name(tasks);

        String resourceDir = config.packageName().replace('.', '/') + "/schemas/";
        SchemaBundler bundler = new SchemaBundler(resolver);
        Map<TaskModel, String> schemaResources = new LinkedHashMap<>();
        List<GeneratedFile> files = new ArrayList<>();
        for (TaskModel task : tasks) {
            String requestName = namer.requestName(task);
            schemaResources.put(task, "/" + resourceDir + requestName + ".json");
            files.add(GeneratedFile.resource(resourceDir + requestName + ".json", json(bundler.bundle(task.entry().request()))));
            files.add(GeneratedFile.resource(resourceDir + requestName + ".response.json", json(bundler.bundle(task.responseSchema()))));
        }
        JavaEmitter emitter = new JavaEmitter(config.packageName(), dedup, namer, stableLocations(tasks));
        files.addAll(emitter.emit(tasks, schemaResources));

        List<CatalogModel> catalog = catalog(snapshot, tasks, filter);
        List<CatalogEmitter.Row> rows = new ArrayList<>();
        for (CatalogModel m : catalog) {
            rows.add(new CatalogEmitter.Row(m.entry().air(), m.entry().slug(), m.entry().name(), m.entry().taskType(),
                    m.task() == null ? null : config.packageName() + "." + namer.requestName(m.task())));
        }
        files.add(CatalogEmitter.emit(config.packageName(), rows));
        files.add(GeneratedFile.resource(config.packageName().replace('.', '/') + "/" + CatalogEmitter.RESOURCE,
                json(catalogJson(catalog, rows, dedup))));
        files.sort(Comparator.comparing((GeneratedFile f) -> f.kind().ordinal()).thenComparing(GeneratedFile::relativePath));
        return new GenerationResult(files, report(snapshot, tasks, dedup, namer, rows, files, config.packageName()));
    }

    /** What the include and exclude globs are matched against: models with a schema, and catalog models. */
    private static java.util.Set<String> airs(Snapshot snapshot) {
        java.util.Set<String> airs = new java.util.TreeSet<>();
        for (SnapshotEntry entry : snapshot.entries()) {
            if (entry.kind() == EntryKind.MODEL) {
                airs.add(entry.key());
            }
        }
        snapshot.catalog().forEach(entry -> airs.add(entry.air()));
        return airs;
    }

    /**
     * With an include list, architecture, modality and operation requests are kept only when an included
     * catalog model is sent with them (a {@code civitai:} checkpoint needs its architecture's class);
     * utilities are always kept, since any application may upload media or search models.
     */
    private static List<TaskModel> withoutUnusedGeneralTasks(List<TaskModel> tasks, Snapshot snapshot, AirFilter filter) {
        java.util.Set<TaskModel> needed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (CatalogEntry entry : snapshot.catalog()) {
            if (filter.test(entry.air())) {
                TaskModel task = taskFor(entry, tasks);
                if (task != null) {
                    needed.add(task);
                }
            }
        }
        List<TaskModel> kept = new ArrayList<>();
        for (TaskModel task : tasks) {
            EntryKind kind = task.entry().kind();
            if (kind == EntryKind.MODEL || kind == EntryKind.UTILITY || needed.contains(task)) {
                kept.add(task);
            }
        }
        return kept;
    }

    /**
     * Shows a location relative to the task schema it belongs to ({@code schema-map.json[runware:101@1 request]#/properties/lora}),
     * so generated comments do not change when a bundle lists its models in another order.
     */
    private static java.util.function.Function<Origin, String> stableLocations(List<TaskModel> tasks) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (TaskModel task : tasks) {
            SchemaDocument request = task.entry().request().document();
            labels.put(request.file() + "#" + request.pointer(), request.file() + "[" + task.entry().key() + " request]");
            SchemaDocument response = task.responseSchema().document();
            labels.putIfAbsent(response.file() + "#" + response.pointer(), response.file() + "[" + task.entry().key() + " response]");
        }
        return origin -> {
            String text = origin.toString();
            for (Map.Entry<String, String> label : labels.entrySet()) {
                String prefix = label.getKey();
                if (!prefix.endsWith("#") && text.startsWith(prefix) && (text.length() == prefix.length() || text.charAt(prefix.length()) == '/')) {
                    return label.getValue() + "#" + text.substring(prefix.length());
                }
            }
            return text;
        };
    }

    private static String constantTaskType(ObjectType request, SnapshotEntry entry) {
        Property taskType = request.property("taskType");
        if (taskType == null || !(taskType.type() instanceof dev.airgen.generator.schema.ConstType c) || !c.value().isString()) {
            if (taskType != null && taskType.type() instanceof dev.airgen.generator.schema.EnumType e && e.values().size() == 1) {
                return e.values().get(0).asString();
            }
            throw entry.request().origin().child("properties").error("a task schema needs 'taskType' with a constant string value");
        }
        return c.value().asString();
    }

    /** Every task has these on the wire even when a schema omits them; the contract types rely on them. */
    private static void ensureString(ObjectType type, String name, boolean required) {
        Property existing = type.property(name);
        if (existing != null && !(existing.type() instanceof ScalarType s && s.kind() == ScalarKind.STRING)
                && !(existing.type() instanceof dev.airgen.generator.schema.ConstType c && c.value().isString())) {
            // The task contract reads these as plain strings; an enumeration here (getResponse lists every
            // task type) keeps its values in the documentation and in the schema the validator uses.
            String values = existing.type() instanceof dev.airgen.generator.schema.EnumType e ? " One of: " + e.values() + "." : "";
            type.properties().set(type.properties().indexOf(existing), new Property(name,
                    new ScalarType(existing.origin(), ScalarKind.STRING, existing.constraints()), existing.required(),
                    existing.nullable(), (existing.description() == null ? "" : existing.description()) + values,
                    existing.defaultValue(), existing.examples(), existing.deprecated(), existing.constraints(), existing.origin()));
        }
        if (type.property(name) == null) {
            Origin origin = type.origin().child("properties");
            type.properties().add(0, new Property(name, new ScalarType(origin, ScalarKind.STRING, Constraints.NONE), required, false,
                    "Added by AIRgen: every task carries it.", null, List.of(), false, Constraints.NONE, origin));
        }
    }

    private static SchemaDocument standardResults() {
        try (InputStream in = Generator.class.getClassLoader().getResourceAsStream(STANDARD_RESULTS)) {
            if (in == null) {
                throw new IllegalStateException(STANDARD_RESULTS + " missing from the generator jar");
            }
            JsonNode root = MAPPER.readTree(in);
            return new SchemaDocument("airgen:standard-results.json", "", root, URI.create("https://airgen.invalid/standard-results.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The standard result of a task type, for schemas (architectures, modalities) that come without one. */
    private static SchemaRef standardResult(SchemaDocument standard, String taskType) {
        String key = standard.root().has(taskType) ? taskType : "imageInference";
        if (!standard.root().has(taskType)) {
            return genericResult(taskType);
        }
        return new SchemaRef(standard, "/" + key);
    }

    private static SchemaRef genericResult(String taskType) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("$schema", SchemaBundler.DEFAULT_DIALECT).put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("taskType").put("type", "string").put("const", taskType);
        properties.putObject("taskUUID").put("type", "string");
        properties.putObject("cost").put("type", "number");
        schema.putArray("required").add("taskType").add("taskUUID");
        return SchemaRef.root(new SchemaDocument("airgen:generic-result/" + taskType, "", schema,
                URI.create("https://airgen.invalid/generic-result/" + taskType)));
    }

    // --- catalog ---------------------------------------------------------------------------------

    /** A catalog model and the task whose request class sends it (null when there is none). */
    private record CatalogModel(CatalogEntry entry, TaskModel task) {
    }

    /** The included catalog models, each matched to its task once. */
    private static List<CatalogModel> catalog(Snapshot snapshot, List<TaskModel> tasks, AirFilter filter) {
        List<CatalogModel> models = new ArrayList<>();
        for (CatalogEntry entry : snapshot.catalog()) {
            if (filter.test(entry.air())) {
                models.add(new CatalogModel(entry, taskFor(entry, tasks)));
            }
        }
        return models;
    }

    /** A model's own request class, else its architecture's, else its modality's or operation's. */
    static TaskModel taskFor(CatalogEntry entry, List<TaskModel> tasks) {
        TaskModel byModality = null;
        TaskModel byOperation = null;
        for (TaskModel t : tasks) {
            SnapshotEntry e = t.entry();
            if (e.kind() == EntryKind.MODEL && e.key().equals(entry.air())) {
                return t;
            }
        }
        for (TaskModel t : tasks) {
            SnapshotEntry e = t.entry();
            if (e.kind() == EntryKind.ARCHITECTURE && e.key().equals(entry.architecture())) {
                return t;
            }
            if (entry.taskType() != null && t.taskType().equals(entry.taskType())) {
                if (e.kind() == EntryKind.MODALITY && byModality == null) {
                    byModality = t;
                } else if (e.kind() == EntryKind.OPERATION && (byOperation == null || matchesCapabilities(e.key(), entry))) {
                    byOperation = byOperation == null || matchesCapabilities(e.key(), entry) && !matchesCapabilities(byOperation.entry().key(), entry)
                            ? t : byOperation;
                }
            }
        }
        return byModality != null ? byModality : byOperation;
    }

    private static boolean matchesCapabilities(String operation, CatalogEntry entry) {
        for (String capability : entry.capabilities()) {
            for (String word : new String[] {"image", "video", "audio"}) {
                if (capability.contains(word) && operation.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode catalogJson(List<CatalogModel> catalog, List<CatalogEmitter.Row> rows, Deduplicator dedup) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < catalog.size(); i++) {
            CatalogEntry e = catalog.get(i).entry();
            TaskModel task = catalog.get(i).task();
            CatalogEmitter.Row row = rows.get(i);
            ObjectNode o = array.addObject();
            o.put("air", e.air());
            putIfSet(o, "slug", e.slug());
            putIfSet(o, "name", e.name());
            putIfSet(o, "creator", e.creator());
            putIfSet(o, "taskType", e.taskType() != null ? e.taskType() : task == null ? null : task.taskType());
            putIfSet(o, "architecture", e.architecture());
            ArrayNode capabilities = o.putArray("capabilities");
            e.capabilities().forEach(capabilities::add);
            putIfSet(o, "status", e.status());
            putIfSet(o, "releasedAt", e.releasedAt());
            putIfSet(o, "requestClass", row.requestClass());
            if (task != null) {
                NamedType result = dedup.canonical(task.result());
                o.put("resultClass", result.packageName() + "." + result.simpleName());
            }
        }
        return array;
    }

    private static void putIfSet(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static GenerationReport report(Snapshot snapshot, List<TaskModel> tasks, Deduplicator dedup, TypeNamer namer,
                                           List<CatalogEmitter.Row> rows, List<GeneratedFile> files, String packageName) {
        java.util.Set<NamedType> results = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        tasks.forEach(t -> results.add(dedup.canonical(t.result())));
        int providers = 0;
        int other = 0;
        for (GeneratedFile f : files) {
            if (f.kind() == GeneratedFile.Kind.SOURCE) {
                if (f.relativePath().contains("/" + TypeNamer.PROVIDERS + "/")) {
                    providers++;
                    other++;
                } else if (f.relativePath().contains("/" + TypeNamer.TYPES + "/")) {
                    other++;
                }
            }
        }
        long bytes = 0;
        long lines = 0;
        for (GeneratedFile f : files) {
            if (f.kind() == GeneratedFile.Kind.SOURCE) {
                bytes += f.content().length;
                for (byte b : f.content()) {
                    if (b == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new GenerationReport(snapshot.version(), tasks.size(), results.size(), other, providers, rows.size(), bytes, lines,
                snapshot.warnings());
    }

    /** Pretty JSON with LF line endings on every OS, so resources are byte-identical everywhere. */
    static byte[] json(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        String text = MAPPER.writer().with(printer).writeValueAsString(node) + "\n";
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
