package dev.airgen.generator;

import dev.airgen.generator.emit.GeneratedFile;
import dev.airgen.generator.schema.SchemaLimits;
import dev.airgen.schema.SchemaException;
import dev.airgen.generator.api.ApiSurface;
import dev.airgen.generator.emit.CatalogEmitter;
import dev.airgen.generator.emit.EmittedClass;
import dev.airgen.generator.emit.JavaEmitter;
import dev.airgen.generator.emit.SchemaBundler;
import dev.airgen.generator.emit.SourceWriters;
import dev.airgen.generator.naming.RequestNames;
import dev.airgen.generator.naming.TypeNamer;
import dev.airgen.generator.naming.TypeNames;
import dev.airgen.generator.schema.ObjectType;
import dev.airgen.generator.schema.Property;
import dev.airgen.generator.schema.TaskModel;
import dev.airgen.generator.schema.TypeModelBuilder;
import dev.airgen.schema.snapshot.CatalogEntry;
import dev.airgen.schema.snapshot.EntryKind;
import dev.airgen.schema.resolve.Origin;
import dev.airgen.schema.resolve.SchemaDocument;
import dev.airgen.schema.resolve.SchemaRef;
import dev.airgen.schema.resolve.SchemaResolver;
import dev.airgen.schema.snapshot.Snapshot;
import dev.airgen.schema.snapshot.SnapshotEntry;
import dev.airgen.schema.snapshot.SnapshotReader;
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
 *
 * <p>{@code new Generator()} also lists the public Java API of what it generates ({@link GenerationResult#api()}),
 * which comparing two snapshots needs; {@link #filesOnly()} skips that listing, for callers that only write
 * the files.
 */
public final class Generator {

    private static final String STANDARD_RESULTS = "dev/airgen/generator/standard-results.json";
    /** The resource through which the runtime finds the request schema of a model given as plain JSON. */
    public static final String SCHEMA_INDEX = "META-INF/airgen/schema-index.json";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final boolean readApi;

    /** A generator whose results carry the public Java API of the generated classes. */
    public Generator() {
        this(true);
    }

    private Generator(boolean readApi) {
        this.readApi = readApi;
    }

    /**
     * A generator whose results carry the files and the report but not the API listing ({@link GenerationResult#api()}
     * throws): reading the API of a whole snapshot takes close to a tenth of a generation's CPU time.
     */
    public static Generator filesOnly() {
        return new Generator(false);
    }

    public GenerationResult generate(GeneratorConfig config) {
        return generate(config, SnapshotReader.read(config.snapshot()));
    }

    /**
     * Generates from the snapshot as it would be with some files replaced or added (nothing is written), so a
     * download can be checked the way the next build will read it; see {@link SnapshotReader#read(java.nio.file.Path, Map)}.
     */
    public GenerationResult generate(GeneratorConfig config, Map<String, byte[]> replacedFiles) {
        return generate(config, SnapshotReader.read(config.snapshot(), replacedFiles));
    }

    /**
     * Generates from a snapshot already read from {@code config.snapshot()}, for callers that generate several
     * times from one snapshot (with different include lists, say).
     */
    public GenerationResult generate(GeneratorConfig config, Snapshot snapshot) {
        AirFilter filter = new AirFilter(config.includes(), config.excludes());
        filter.check(airs(snapshot));
        SchemaResolver resolver = snapshot.resolver();
        SchemaDocument standard = resolver.register(standardResults());
        TypeModelBuilder builder = new TypeModelBuilder(resolver);
        SchemaBundler bundler = new SchemaBundler(resolver);
        java.util.Set<JsonNode> checked = SchemaLimits.newChecked();

        List<TaskModel> tasks = new ArrayList<>();
        for (SnapshotEntry entry : snapshot.entries()) {
            if (entry.kind() == EntryKind.MODEL && !filter.test(entry.key())) {
                continue;
            }
            SchemaLimits.checkDocuments(bundler.documents(entry.request()), checked);
            if (entry.response() != null) {
                SchemaLimits.checkDocuments(bundler.documents(entry.response()), checked);
            }
            ObjectType request = builder.root(entry.request(), TypeModelBuilder.Side.REQUEST);
            String taskType = constantTaskType(request, entry);
            // A missing or shapeless response schema ({} or true) gets the standard result of its task type.
            SchemaRef responseSchema = entry.response() != null && builder.describesTask(entry.response())
                    ? entry.response() : standardResult(standard, taskType);
            ObjectType result = builder.root(responseSchema, TypeModelBuilder.Side.RESPONSE);
            tasks.add(new TaskModel(entry, taskType, request, result, responseSchema));
        }
        if (!config.includes().isEmpty()) {
            tasks = withoutUnusedGeneralTasks(tasks, snapshot, filter);
        }
        if (tasks.isEmpty()) {
            throw new SchemaException(config.snapshot().getFileName().toString(), "",
                    "no task schema matches the include/exclude filters " + config.includes() + " / " + config.excludes());
        }

        // Request names are decided over the whole snapshot, so that an include list never changes one.
        Map<String, String> requestNames = RequestNames.assign(snapshot.entries());
        TypeNames names = TypeNamer.name(config.packageName(), tasks, snapshot.entries(), requestNames);

        String resourceDir = config.packageName().replace('.', '/') + "/schemas/";
        Map<TaskModel, String> schemaResources = new LinkedHashMap<>();
        List<GeneratedFile> files = new ArrayList<>();
        try (SourceWriters<List<GeneratedFile>> writers = new SourceWriters<>()) {
            for (TaskModel task : tasks) {
                String requestName = names.request(task).simpleName();
                schemaResources.put(task, "/" + resourceDir + requestName + ".json");
                writers.submit(() -> List.of(
                        GeneratedFile.resource(resourceDir + requestName + ".json", json(bundler.bundle(task.entry().request()))),
                        GeneratedFile.resource(resourceDir + requestName + ".response.json", json(bundler.bundle(task.responseSchema())))));
            }
            writers.inOrder().forEach(files::addAll);
        }
        java.util.function.Function<Origin, String> describe = stableLocations(tasks);
        JavaEmitter emitter = new JavaEmitter(names, describe, readApi);
        List<EmittedClass> emitted = new ArrayList<>(emitter.emit(tasks, schemaResources));

        List<CatalogModel> catalog = catalog(snapshot, tasks, filter);
        Map<String, String> constants = CatalogEmitter.constantNames(snapshot.catalog());
        List<CatalogEmitter.Row> rows = new ArrayList<>();
        for (CatalogModel m : catalog) {
            rows.add(new CatalogEmitter.Row(m.entry().air(), constants.get(m.entry().air()), m.entry().name(), m.entry().taskType(),
                    m.task() == null ? null : names.request(m.task()).canonicalName()));
        }
        emitted.add(CatalogEmitter.emit(config.packageName(), rows, readApi));
        emitted.forEach(e -> files.add(e.file()));
        files.add(GeneratedFile.resource(config.packageName().replace('.', '/') + "/" + CatalogEmitter.RESOURCE,
                json(catalogJson(catalog, rows, names))));
        files.add(GeneratedFile.resource(SCHEMA_INDEX, json(schemaIndex(config.packageName(), tasks, catalog, schemaResources))));
        files.sort(Comparator.comparing((GeneratedFile f) -> f.kind().ordinal()).thenComparing(GeneratedFile::relativePath));
        ApiSurface api = readApi ? ApiSurface.union(emitted.stream().map(EmittedClass::api).toList()) : null;
        return new GenerationResult(files, report(snapshot, tasks, names, rows, files), api);
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
        // The longest task schema location that the text starts with, trying the text and then each shorter
        // pointer (a whole-file location, "file#", is already stable and keeps its text).
        return origin -> {
            String text = origin.toString();
            int hash = text.indexOf('#');
            for (int end = text.length(); end > hash + 1; end = text.lastIndexOf('/', end - 1)) {
                String label = labels.get(text.substring(0, end));
                if (label != null) {
                    return label + "#" + text.substring(end);
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

    private static JsonNode catalogJson(List<CatalogModel> catalog, List<CatalogEmitter.Row> rows, TypeNames names) {
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
                o.put("resultClass", names.of(task.result()).reflectionName());
            }
        }
        return array;
    }

    /**
     * Where the runtime finds a request schema for a task given as plain JSON: by the model's AIR (its own
     * schema, else its architecture's, modality's or operation's), else by its task type.
     */
    private static JsonNode schemaIndex(String packageName, List<TaskModel> tasks, List<CatalogModel> catalog,
                                        Map<TaskModel, String> resources) {
        ObjectNode index = JsonNodeFactory.instance.objectNode();
        index.put("package", packageName);
        ObjectNode models = index.putObject("models");
        ObjectNode architectures = index.putObject("architectures");
        ObjectNode taskTypes = index.putObject("taskTypes");
        for (TaskModel task : tasks) {
            String resource = resources.get(task);
            switch (task.entry().kind()) {
                case MODEL -> models.put(task.entry().key(), resource);
                case ARCHITECTURE -> architectures.put(task.entry().key(), resource);
                case MODALITY, UTILITY -> taskTypes.put(task.taskType(), resource);
                case OPERATION -> {
                    if (!taskTypes.has(task.taskType())) {
                        taskTypes.put(task.taskType(), resource);
                    }
                }
            }
        }
        for (CatalogModel m : catalog) {
            if (m.task() != null && !models.has(m.entry().air())) {
                models.put(m.entry().air(), resources.get(m.task()));
            }
        }
        return index;
    }

    private static void putIfSet(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static GenerationReport report(Snapshot snapshot, List<TaskModel> tasks, TypeNames names,
                                           List<CatalogEmitter.Row> rows, List<GeneratedFile> files) {
        int nested = 0;
        int providers = 0;
        java.util.ArrayDeque<com.palantir.javapoet.ClassName> queue = new java.util.ArrayDeque<>();
        tasks.forEach(t -> queue.add(names.request(t)));
        queue.addAll(names.holders());
        while (!queue.isEmpty()) {
            for (dev.airgen.generator.schema.NamedType t : names.nestedIn(queue.poll())) {
                com.palantir.javapoet.ClassName name = names.of(t);
                if (!names.isResult(t)) {
                    nested++;
                    providers += name.simpleName().endsWith("Settings") && t instanceof ObjectType ? 1 : 0;
                }
                queue.add(name);
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
        return new GenerationReport(snapshot.version(), tasks.size(), tasks.size(), nested, providers, rows.size(), bytes, lines,
                snapshot.warnings());
    }

    /** Pretty JSON with LF line endings on every OS, so resources are byte-identical everywhere. */
    static byte[] json(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        String text = MAPPER.writer().with(printer).writeValueAsString(node) + "\n";
        return escapeLoneSurrogates(text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * UTF-8 has no form for a surrogate without its pair (a JSON string may hold one, as an escape), and would
     * write {@code ?} instead; such a character can only stand inside a JSON string, so its escape keeps it.
     */
    private static String escapeLoneSurrogates(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(json.charAt(i - 1));
            if (Character.isSurrogate(c) && !paired) {
                if (out == null) {
                    out = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }
}
