package dev.airgen.schema.snapshot;

import dev.airgen.schema.SchemaException;
import dev.airgen.schema.resolve.Origin;
import dev.airgen.schema.resolve.SchemaDocument;
import dev.airgen.schema.resolve.SchemaRef;
import dev.airgen.schema.resolve.SchemaResolver;
import dev.airgen.schema.resolve.SnapshotFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a snapshot from a file or a folder, recognising each JSON file by its content:
 * <ul>
 *   <li>a schemas-service bundle ({@code schema-map.json}: {@code inference[]}, {@code architectures},
 *       {@code modalities}, {@code operations}, {@code utilities[]});</li>
 *   <li>a {@code /resolve/{air}} document ({@code requestSchema}, {@code responseSchema}, {@code documentation});</li>
 *   <li>a per-model docs {@code schema.json} (OpenAPI 3.1 with {@code info.x-air-id});</li>
 *   <li>a catalog: an array of model metadata, or a {@code registry.json} ({@code models} keyed by AIR);</li>
 *   <li>anything else: a plain schema that others may {@code $ref}.</li>
 * </ul>
 * Files are visited in the order of their relative paths as strings, so the result never depends on the
 * file system's listing order.
 */
public final class SnapshotReader {

    /** Duplicate keys are an error: a parser keeping the last one would silently read another schema than shown. */
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The snapshot's folder; null for a snapshot held in memory, all of whose files are in {@code replaced}. */
    private final Path root;
    private final Map<String, byte[]> replaced;
    private final Map<String, SchemaDocument> wholeFiles = new TreeMap<>();
    private final Map<String, SnapshotEntry> entries = new TreeMap<>();
    private final Map<String, CatalogEntry> catalog = new TreeMap<>();
    private final SchemaResolver resolver;
    private final java.util.Set<String> warnings = new java.util.TreeSet<>();
    private String version;

    private SnapshotReader(Path root, Map<String, byte[]> replaced) {
        this.root = root;
        this.replaced = replaced;
        this.resolver = new SchemaResolver(this::loadReferencedFile);
    }

    /**
     * Reads every supported file under {@code path} (or {@code path} itself when it is a file). Only files
     * inside the snapshot's folder are read (see {@link SnapshotFiles}): a link in a snapshot folder to a file
     * outside it is an error, and so is a {@code $ref} that leads outside.
     */
    public static Snapshot read(Path path) {
        return read(path, Map.of());
    }

    /**
     * Reads a snapshot as it would be with some of its files replaced or added, without writing anything: to
     * check downloaded files before they replace the old ones. A {@code path} that does not exist yet is a
     * file when its name ends in {@code .json}, else a folder.
     *
     * @param replaced new contents by snapshot-relative name ({@code schema-map.json}, {@code sub/x.json})
     */
    public static Snapshot read(Path path, Map<String, byte[]> replaced) {
        boolean exists = Files.exists(path);
        if (!exists && replaced.isEmpty()) {
            throw new SchemaException(path.toString(), "", "snapshot does not exist");
        }
        boolean folder = exists ? Files.isDirectory(path) : !path.getFileName().toString().endsWith(".json");
        SnapshotReader reader = new SnapshotReader(folder ? path : path.toAbsolutePath().getParent(), Map.copyOf(replaced));
        List<String> names = List.of(path.getFileName().toString());
        if (folder) {
            java.util.SortedSet<String> all = new java.util.TreeSet<>(exists ? listJson(path) : List.of());
            replaced.keySet().stream().filter(name -> name.endsWith(".json")).forEach(all::add);
            names = List.copyOf(all);
        }
        for (String relative : names) {
            if (folder && !replaced.containsKey(relative) && !SnapshotFiles.isInside(reader.root, reader.root.resolve(relative))) {
                throw new SchemaException(relative, "", "is a link to a file outside the snapshot folder; a snapshot reads only its own files");
            }
            reader.readFile(relative);
        }
        if (reader.entries.isEmpty() && reader.catalog.isEmpty()) {
            throw new SchemaException(path.getFileName() == null ? path.toString() : path.getFileName().toString(), "",
                    "no model schemas or catalog found: expected a schema-map.json bundle, /resolve documents, docs schema.json files or a catalog");
        }
        return reader.snapshot();
    }

    /**
     * Reads a snapshot held in memory, with the same checks as one in a folder: a test's or a server's
     * {@code schema-map.json} with an optional {@code catalog.json}, say.
     *
     * @param files contents by snapshot-relative name; a {@code $ref} to any other name finds nothing
     */
    public static Snapshot read(Map<String, byte[]> files) {
        SnapshotReader reader = new SnapshotReader(null, Map.copyOf(files));
        new java.util.TreeSet<>(files.keySet()).stream().filter(name -> name.endsWith(".json")).forEach(reader::readFile);
        if (reader.entries.isEmpty() && reader.catalog.isEmpty()) {
            throw new SchemaException("(in memory)", "", "no model schemas or catalog found: expected a schema-map.json bundle, "
                    + "/resolve documents, docs schema.json files or a catalog");
        }
        return reader.snapshot();
    }

    private Snapshot snapshot() {
        List<SnapshotEntry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparing((SnapshotEntry e) -> e.kind().ordinal()).thenComparing(SnapshotEntry::key));
        return new Snapshot(version, List.copyOf(sorted), List.copyOf(catalog.values()), resolver, List.copyOf(warnings), this::bytes);
    }

    /** A file's bytes as they are, under the rules {@code $ref}s follow; empty when there is none to read. */
    private Optional<byte[]> bytes(String relative) {
        if (replaced.containsKey(relative)) {
            return Optional.of(replaced.get(relative).clone());
        }
        if (root == null) {
            return Optional.empty();
        }
        try {
            Path file = SnapshotFiles.locate(root, relative);
            if (!Files.isRegularFile(file) || !SnapshotFiles.isInside(root, file)) {
                return Optional.empty();
            }
            if (Files.size(file) > SnapshotLimits.MAX_FILE_BYTES) {
                throw new SchemaException(relative, "", "the file is " + Files.size(file) + " bytes; at most "
                        + SnapshotLimits.MAX_FILE_BYTES + " are read");
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (SnapshotFiles.Refused e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot file " + relative, e);
        }
    }

    private static List<String> listJson(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".json"))
                    // Hidden files and folders (editor backups, version control, half-written downloads) are
                    // not part of a snapshot, as a $ref to one is refused too.
                    .filter(p -> !("/" + p).contains("/."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list snapshot folder " + folder, e);
        }
    }

    private SchemaDocument parse(String relative) {
        return wholeFiles.computeIfAbsent(relative, r -> {
            Path file = root == null ? null : root.resolve(r);
            try {
                long size = replaced.containsKey(r) ? replaced.get(r).length : Files.size(file);
                if (size > SnapshotLimits.MAX_FILE_BYTES) {
                    throw new SchemaException(r, "", "the file is " + size + " bytes; at most " + SnapshotLimits.MAX_FILE_BYTES + " are read");
                }
                byte[] bytes = replaced.containsKey(r) ? replaced.get(r) : Files.readAllBytes(file);
                try {
                    JsonNode node = MAPPER.readTree(bytes);
                    return new SchemaDocument(r, "", node, SchemaResolver.fileUri(r));
                } catch (JacksonException e) {
                    throw new SchemaException(r, pointerOf(bytes), "not valid JSON" + where(e) + ": " + e.getOriginalMessage(), e);
                }
            } catch (IOException e) {
                throw new SchemaException(r, "", "cannot read file: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Where a parser stops in broken JSON, as a JSON pointer (the duplicated key itself for a duplicate key,
     * the innermost element for nesting too deep); parsed again token by token, since the error of a tree read
     * does not always keep its parser.
     */
    private static String pointerOf(byte[] bytes) {
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            try {
                while (parser.nextToken() != null) {
                    // read until the error
                }
            } catch (JacksonException e) {
                return parser.streamReadContext() == null ? "" : parser.streamReadContext().pathAsPointer().toString();
            }
        }
        return "";
    }

    private static String where(JacksonException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /**
     * A file a {@code $ref} names. It must be one of the snapshot's own JSON files; a refusal says why without
     * quoting anything the file holds, so a {@code $ref} cannot be used to print another file into a build log.
     */
    private SchemaDocument loadReferencedFile(String relative) throws SnapshotFiles.Refused {
        if (root == null) {
            return replaced.containsKey(relative) ? parse(relative) : null;
        }
        Path file = SnapshotFiles.locate(root, relative);
        String name = root.toAbsolutePath().normalize().relativize(file).toString().replace('\\', '/');
        if (!replaced.containsKey(name)) {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            SnapshotFiles.checkInside(root, file);
            if (!Files.isRegularFile(file)) {
                throw new SnapshotFiles.Refused("is not a regular file");
            }
        }
        try {
            return parse(name);
        } catch (SchemaException e) {
            JacksonException cause = e.getCause() instanceof JacksonException j ? j : null;
            throw new SnapshotFiles.Refused(cause != null ? "is not valid JSON" + where(cause) : "cannot be used: " + e.reason());
        }
    }

    private void readFile(String relative) {
        SchemaDocument file = parse(relative);
        JsonNode node = file.root();
        if (SchemaMap.isBundle(node)) {
            readBundle(file);
        } else if (node.isObject() && node.has("openapi")) {
            readOpenApi(file);
        } else if (node.isObject() && node.has("requestSchema")) {
            readResolveDocument(file);
        } else if (node.isArray() && isArrayOfObjects(node)) {
            readCatalogArray(file, node, "");
        } else if (node.isObject() && node.path("models").isArray()) {
            readCatalogArray(file, node.get("models"), "/models");
        } else if (node.isObject() && node.path("models").isObject()) {
            readRegistry(file);
        } else {
            resolver.register(file);
        }
    }

    private static boolean isArrayOfObjects(JsonNode node) {
        for (JsonNode item : node) {
            if (!item.isObject()) {
                return false;
            }
        }
        return true;
    }

    // --- schemas-service bundle ------------------------------------------------------------------

    private void readBundle(SchemaDocument file) {
        JsonNode bundle = file.root();
        if (bundle.path("version").isString()) {
            version = bundle.get("version").asString();
        }
        resolver.register(file);
        JsonNode inference = bundle.get("inference");
        for (int i = 0; i < inference.size(); i++) {
            String at = "/inference/" + i;
            JsonNode item = inference.get(i);
            SchemaRef request = subResource(file, at + "/requestSchema", true);
            String air = SchemaMap.air(item);
            if (air == null) {
                throw new SchemaException(file.file(), at, "inference entry has neither 'air' nor a const 'model' in its requestSchema");
            }
            String slug = text(item, "slug");
            add(new SnapshotEntry(EntryKind.MODEL, air, slug, request, subResource(file, at + "/responseSchema", false)), file, at);
            addCatalog(new CatalogEntry(air, slug, null, creatorOf(air), taskTypeOf(request), null, null, null, null,
                    new Origin(file.file(), at)));
        }
        SchemaMap.KEYED_SECTIONS.forEach((section, kind) -> readKeyed(file, section, kind));
        JsonNode utilities = bundle.path("utilities");
        for (int i = 0; i < utilities.size(); i++) {
            String at = "/utilities/" + i;
            SchemaRef request = subResource(file, at + "/requestSchema", true);
            String slug = text(utilities.get(i), "slug");
            String key = SchemaMap.utilityKey(utilities.get(i));
            if (key == null) {
                throw new SchemaException(file.file(), at, "utility has neither a slug nor a const taskType");
            }
            add(new SnapshotEntry(EntryKind.UTILITY, key, slug, request, subResource(file, at + "/responseSchema", false)), file, at);
        }
    }

    private void readKeyed(SchemaDocument file, String section, EntryKind kind) {
        JsonNode map = file.root().path(section);
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            String at = "/" + section + "/" + SchemaResolver.escape(e.getKey());
            JsonNode value = e.getValue();
            // Tolerate both forms: the schema itself, or {requestSchema, responseSchema}.
            if (value.has("requestSchema")) {
                add(new SnapshotEntry(kind, e.getKey(), null, subResource(file, at + "/requestSchema", true),
                        subResource(file, at + "/responseSchema", false)), file, at);
            } else {
                add(new SnapshotEntry(kind, e.getKey(), null, subResource(file, at, true), null), file, at);
            }
        }
    }

    /**
     * Each schema inside a bundle is its own resource: {@code #} inside it means the schema itself, as when
     * the schemas service serves it alone from {@code /resolve}.
     */
    private SchemaRef subResource(SchemaDocument file, String pointer, boolean required) {
        JsonNode node = file.root().at(pointer);
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                throw new SchemaException(file.file(), pointer, "missing schema");
            }
            return null;
        }
        if (!node.isObject() && !node.isBoolean()) {
            throw new SchemaException(file.file(), pointer, "a schema must be an object or a boolean, found " + node.getNodeType());
        }
        // The file's own URI (so relative refs resolve beside the file), made unique per schema by a query.
        URI base = URI.create(SchemaResolver.fileUri(file.file()) + "?" + pointer.replaceAll("[^A-Za-z0-9/_.-]", "_"));
        SchemaDocument document = resolver.register(new SchemaDocument(file.file(), pointer, node, base));
        return SchemaRef.root(document);
    }

    // --- /resolve/{air} documents ----------------------------------------------------------------

    private void readResolveDocument(SchemaDocument file) {
        resolver.register(file);
        SchemaRef request = optionalChild(file, "requestSchema");
        if (request == null) {
            return; // the service answers null for models it has no schema for; nothing to type
        }
        String air = modelConst(request);
        if (air == null) {
            air = SchemaMap.airFromFileName(file.file());
        }
        String documentation = text(file.root(), "documentation");
        String slug = documentation == null ? null : documentation.substring(documentation.lastIndexOf('/') + 1);
        add(new SnapshotEntry(EntryKind.MODEL, air, slug, request, optionalChild(file, "responseSchema")), file, "");
        addCatalog(new CatalogEntry(air, slug, null, creatorOf(air), taskTypeOf(request), null, null, null, null, file.origin()));
    }

    private SchemaRef optionalChild(SchemaDocument file, String name) {
        JsonNode node = file.root().path(name);
        return node.isObject() ? subResource(file, "/" + name, true) : null;
    }

    // --- OpenAPI docs schema.json ----------------------------------------------------------------

    private void readOpenApi(SchemaDocument file) {
        SchemaDocument document = resolver.register(file);
        JsonNode info = file.root().path("info");
        JsonNode items = file.root().at("/components/schemas/RequestBody/items");
        if (items.isMissingNode()) {
            throw new SchemaException(file.file(), "/components/schemas/RequestBody", "OpenAPI document has no task schema at RequestBody.items");
        }
        SchemaRef request = resolveIfRef(new SchemaRef(document, "/components/schemas/RequestBody/items"));
        JsonNode responseNode = file.root().at("/components/schemas/ResponseBody/properties/data/items");
        SchemaRef response = responseNode.isMissingNode() ? null
                : resolveIfRef(new SchemaRef(document, "/components/schemas/ResponseBody/properties/data/items"));
        String air = text(info, "x-air-id");
        if (air == null) {
            air = modelConst(request);
        }
        String slug = text(info, "x-model-id");
        if (air == null) {
            String taskType = taskTypeOf(request);
            if (taskType == null) {
                throw new SchemaException(file.file(), "/info", "OpenAPI document names no x-air-id and its task has no const taskType");
            }
            add(new SnapshotEntry(EntryKind.UTILITY, taskType, slug, request, response), file, "");
            return;
        }
        add(new SnapshotEntry(EntryKind.MODEL, air, slug, request, response), file, "");
        List<String> capabilities = new ArrayList<>();
        info.path("x-capabilities").forEach(c -> capabilities.add(c.asString()));
        String title = text(info, "title");
        String name = title == null ? null : title.replaceFirst("^Runware API\\s*-\\s*", "");
        JsonNode creator = info.path("x-creator");
        addCatalog(new CatalogEntry(air, slug, name, creator.isObject() ? text(creator, "id") : creatorOf(air),
                taskTypeOf(request), null, capabilities, text(info, "x-status"), text(info, "x-released-at"),
                new Origin(file.file(), "/info")));
    }

    private SchemaRef resolveIfRef(SchemaRef ref) {
        JsonNode node = ref.node();
        return node.path("$ref").isString() && node.size() == 1 ? resolver.resolve(ref, node.get("$ref").asString()) : ref;
    }

    // --- catalogs --------------------------------------------------------------------------------

    private void readCatalogArray(SchemaDocument file, JsonNode array, String at) {
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            Origin origin = new Origin(file.file(), at + "/" + i);
            String air = text(item, "air");
            if (air == null || air.isBlank()) {
                throw origin.error("catalog entry has no 'air'");
            }
            List<String> capabilities = new ArrayList<>();
            item.path("capabilities").forEach(c -> capabilities.add(c.isObject() ? text(c, "id") : c.asString()));
            String slug = text(item, "slug") != null ? text(item, "slug") : text(item, "model");
            JsonNode creator = item.path("creator");
            addCatalog(new CatalogEntry(air, slug, text(item, "name"),
                    creator.isObject() ? text(creator, "id") : text(item, "creator"), text(item, "taskType"),
                    text(item, "architecture"), capabilities, text(item, "status"), text(item, "releasedAt"), origin));
        }
    }

    private void readRegistry(SchemaDocument file) {
        for (Map.Entry<String, JsonNode> e : file.root().get("models").properties()) {
            addCatalog(new CatalogEntry(e.getKey(), text(e.getValue(), "id"), null, creatorOf(e.getKey()),
                    text(e.getValue(), "taskType"), null, null, null, null,
                    new Origin(file.file(), "/models/" + SchemaResolver.escape(e.getKey()))));
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    /**
     * Registers an entry. The same key defined twice with different schemas happens in published bundles;
     * one is kept by a rule that ignores file and array order (smaller slug, then smaller schema text), and
     * the choice is reported as a warning rather than failing the whole snapshot.
     */
    private void add(SnapshotEntry entry, SchemaDocument file, String at) {
        SnapshotLimits.checkName(new Origin(file.file(), at), "the key", entry.key());
        SnapshotLimits.checkName(new Origin(file.file(), at), "the slug", entry.slug());
        String id = entry.kind() + " " + entry.key();
        SnapshotEntry previous = entries.putIfAbsent(id, entry);
        if (previous == null || previous.request().node().equals(entry.request().node())) {
            return;
        }
        Comparator<SnapshotEntry> preference = Comparator
                .comparing((SnapshotEntry e) -> e.slug() == null ? "" : e.slug())
                .thenComparing(e -> e.request().node().toString());
        SnapshotEntry kept = preference.compare(entry, previous) < 0 ? entry : previous;
        entries.put(id, kept);
        SnapshotEntry dropped = kept == entry ? previous : entry;
        warnings.add(entry.kind().name().toLowerCase() + " '" + entry.key() + "' is defined twice with different schemas, at "
                + kept.request().origin() + " and " + dropped.request().origin() + "; using the first");
    }

    private void addCatalog(CatalogEntry entry) {
        SnapshotLimits.checkName(entry.origin(), "the AIR", entry.air());
        SnapshotLimits.checkName(entry.origin(), "the slug", entry.slug());
        SnapshotLimits.checkName(entry.origin(), "the name", entry.name());
        SnapshotLimits.checkName(entry.origin(), "the task type", entry.taskType());
        catalog.merge(entry.air(), entry, CatalogEntry::mergedWith);
    }

    private static String modelConst(SchemaRef request) {
        return SchemaMap.modelConst(request.node());
    }

    private static String taskTypeOf(SchemaRef request) {
        return SchemaMap.taskType(request.node());
    }

    private static String creatorOf(String air) {
        return SchemaMap.creatorOf(air);
    }

    private static String text(JsonNode node, String field) {
        return SchemaMap.text(node, field);
    }

}
