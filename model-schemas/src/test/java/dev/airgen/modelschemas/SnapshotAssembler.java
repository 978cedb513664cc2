package dev.airgen.modelschemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds {@code schema-map.json} and {@code catalog.json} from the authoring tree under {@code src/authoring}.
 *
 * <p>The authoring tree keeps every shape once: a schema node of the form {@code {"$use": "common/ttl"}} is
 * replaced by a copy of {@code fragments/common/ttl.json}. Sibling keys next to {@code $use} override the
 * fragment's keys, except {@code properties}, which is merged property by property. {@code $pick} keeps only the
 * listed properties of the fragment and {@code $omit} drops the listed ones. Missing {@code description}s of
 * properties are filled from {@code descriptions.json}, looked up first as {@code parent.name}, then as
 * {@code name}. The result is self-contained: no {@code $use} survives, and any {@code $ref} must point inside
 * the schema that holds it.
 */
public final class SnapshotAssembler {

    static final String DIALECT = "https://json-schema.org/draft/2019-09/schema";

    private static final Set<String> DIRECTIVES = Set.of("$use", "$pick", "$omit");
    private static final Set<String> STANDARD_DOLLAR_KEYS = Set.of("$schema", "$id", "$ref", "$defs", "$comment", "$anchor");
    private static final Set<String> MODEL_KEYS = Set.of("slug", "air", "deep", "catalog", "requestSchema", "responseSchema");
    private static final List<String> CATALOG_ORDER =
            List.of("air", "slug", "name", "creator", "taskType", "architecture", "capabilities", "status", "releasedAt");

    private final Path root;
    private final JsonMapper mapper;
    private final Map<String, JsonNode> fragments = new HashMap<>();
    private final Deque<String> resolving = new ArrayDeque<>();
    private JsonNode descriptions;

    public SnapshotAssembler(Path root) {
        this.root = root;
        this.mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    /** Both generated documents, as the text that is committed. */
    public record Output(String schemaMap, String catalog) {
    }

    public static Path defaultRoot() {
        return Path.of("src", "authoring");
    }

    public static Path snapshotDir() {
        return Path.of("src", "main", "resources", "airgen", "snapshot");
    }

    public Output assemble() {
        descriptions = read(root.resolve("descriptions.json"));
        JsonNode bundle = read(root.resolve("bundle.json"));
        String version = text(bundle.path("version"), "");
        if (!version.matches("\\d{14}")) {
            throw new AuthoringException(root.resolve("bundle.json") + "#/version: expected yyyyMMddHHmmss, got '" + version + "'");
        }

        ObjectNode map = mapper.createObjectNode();
        map.put("version", version);

        List<ModelSource> models = loadModels();
        ArrayNode inference = map.putArray("inference");
        for (ModelSource m : models) {
            ObjectNode entry = inference.addObject();
            entry.put("slug", m.slug());
            entry.put("air", m.air());
            entry.set("requestSchema", m.request());
            entry.set("responseSchema", m.response());
        }

        map.set("architectures", requestSchemas("architectures"));
        map.set("modalities", requestSchemas("modalities"));
        map.set("operations", requestSchemas("operations"));

        ArrayNode utilities = map.putArray("utilities");
        for (Path file : list(root.resolve("utilities"))) {
            JsonNode doc = read(file);
            ObjectNode entry = utilities.addObject();
            entry.put("slug", baseName(file));
            entry.set("requestSchema", finishRequest(resolveSchema(required(doc, "requestSchema", file), file, "/requestSchema"), file));
            entry.set("responseSchema", describe(resolveSchema(required(doc, "responseSchema", file), file, "/responseSchema")));
        }

        ObjectNode errors = map.putObject("errors");
        for (Path file : list(root.resolve("errors"))) {
            errors.set(baseName(file) + ".json", describe(resolveSchema(read(file), file)));
        }

        ArrayNode catalog = buildCatalog(models);
        return new Output(toText(map), toText(catalog));
    }

    /** Writes the assembled documents into {@code snapshotDir}. */
    public void write(Path snapshotDir) {
        Output out = assemble();
        try {
            Files.createDirectories(snapshotDir);
            Files.writeString(snapshotDir.resolve("schema-map.json"), out.schemaMap(), StandardCharsets.UTF_8);
            Files.writeString(snapshotDir.resolve("catalog.json"), out.catalog(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        Path authoring = args.length > 0 ? Path.of(args[0]) : defaultRoot();
        Path target = args.length > 1 ? Path.of(args[1]) : snapshotDir();
        new SnapshotAssembler(authoring).write(target);
    }

    // ------------------------------------------------------------------ models and catalog

    record ModelSource(Path file, String slug, String air, boolean deep, JsonNode catalog, ObjectNode request, JsonNode response) {
    }

    List<ModelSource> loadModels() {
        if (descriptions == null) {
            descriptions = read(root.resolve("descriptions.json"));
        }
        List<ModelSource> out = new ArrayList<>();
        Map<String, Path> seenAir = new HashMap<>();
        Map<String, Path> seenSlug = new HashMap<>();
        for (Path file : listRecursive(root.resolve("models"))) {
            JsonNode doc = read(file);
            for (String key : doc.propertyNames()) {
                if (!MODEL_KEYS.contains(key)) {
                    throw new AuthoringException(file + "#/" + key + ": unknown key; allowed are " + MODEL_KEYS);
                }
            }
            String slug = required(doc, "slug", file).asString();
            String air = required(doc, "air", file).asString();
            if (!slug.equals(baseName(file))) {
                throw new AuthoringException(file + "#/slug: '" + slug + "' does not match the file name");
            }
            if (seenAir.put(air, file) != null) {
                throw new AuthoringException(file + "#/air: '" + air + "' is also used by " + seenAir.get(air));
            }
            if (seenSlug.put(slug, file) != null) {
                throw new AuthoringException(file + "#/slug: '" + slug + "' is also used by " + seenSlug.get(slug));
            }
            ObjectNode request = finishRequest(resolveSchema(required(doc, "requestSchema", file), file, "/requestSchema"), file);
            JsonNode constModel = request.path("properties").path("model").path("const");
            if (!air.equals(text(constModel, null))) {
                throw new AuthoringException(file + "#/requestSchema/properties/model/const: expected the model's AIR '" + air + "'");
            }
            JsonNode response = describe(resolveSchema(required(doc, "responseSchema", file), file, "/responseSchema"));
            out.add(new ModelSource(file, slug, air, doc.path("deep").asBoolean(false),
                    doc.path("catalog"), request, response));
        }
        out.sort(Comparator.comparing(ModelSource::air));
        return out;
    }

    private ArrayNode buildCatalog(List<ModelSource> models) {
        TreeMap<String, ObjectNode> entries = new TreeMap<>();
        for (ModelSource m : models) {
            ObjectNode raw = m.catalog().isObject() ? ((ObjectNode) m.catalog()).deepCopy() : mapper.createObjectNode();
            raw.put("air", m.air());
            raw.put("slug", m.slug());
            raw.put("taskType", text(m.request().path("properties").path("taskType").path("const"), ""));
            entries.put(m.air(), ordered(raw, m.file()));
        }
        Path community = root.resolve("catalog").resolve("community.json");
        if (Files.exists(community)) {
            JsonNode list = read(community);
            if (!list.isArray()) {
                throw new AuthoringException(community + ": expected an array of catalog entries");
            }
            int i = 0;
            for (JsonNode e : list) {
                String air = text(e.path("air"), "");
                if (air.isEmpty()) {
                    throw new AuthoringException(community + "#/" + i + "/air: required");
                }
                if (entries.containsKey(air)) {
                    throw new AuthoringException(community + "#/" + i + "/air: '" + air + "' is already described by a model file");
                }
                entries.put(air, ordered((ObjectNode) e.deepCopy(), community));
                i++;
            }
        }
        ArrayNode out = mapper.createArrayNode();
        entries.values().forEach(out::add);
        return out;
    }

    private ObjectNode ordered(ObjectNode raw, Path file) {
        ObjectNode o = mapper.createObjectNode();
        for (String key : CATALOG_ORDER) {
            if (raw.has(key)) {
                o.set(key, raw.get(key));
            }
        }
        for (String key : raw.propertyNames()) {
            if (!CATALOG_ORDER.contains(key)) {
                throw new AuthoringException(file + "#/catalog/" + key + ": unknown catalog field; allowed are " + CATALOG_ORDER);
            }
        }
        return o;
    }

    // ------------------------------------------------------------------ schema groups

    private ObjectNode requestSchemas(String folder) {
        ObjectNode out = mapper.createObjectNode();
        for (Path file : list(root.resolve(folder))) {
            out.set(baseName(file), finishRequest(resolveSchema(read(file), file), file));
        }
        return out;
    }

    private ObjectNode finishRequest(JsonNode resolved, Path file) {
        if (!resolved.isObject() || !"object".equals(text(resolved.path("type"), null))) {
            throw new AuthoringException(file + "#/: a request schema must be an object schema with \"type\": \"object\"");
        }
        if (resolved.path("properties").path("taskType").path("const").isMissingNode()) {
            throw new AuthoringException(file + "#/properties/taskType: a request schema must fix taskType with const");
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("$schema", DIALECT);
        resolved.properties().forEach(e -> {
            if (!e.getKey().equals("$schema")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        describe(out);
        checkRefs(out, out, file, "");
        return out;
    }

    // ------------------------------------------------------------------ $use resolution

    JsonNode resolveSchema(JsonNode node, Path file) {
        return resolve(node, file, "");
    }

    /** Resolves a schema that sits at {@code pointer} inside {@code file}, so errors point at the right place. */
    JsonNode resolveSchema(JsonNode node, Path file, String pointer) {
        return resolve(node, file, pointer);
    }

    private JsonNode resolve(JsonNode node, Path file, String pointer) {
        if (node.isArray()) {
            ArrayNode out = mapper.createArrayNode();
            int i = 0;
            for (JsonNode item : node) {
                out.add(resolve(item, file, pointer + "/" + i++));
            }
            return out;
        }
        if (!node.isObject()) {
            return node.deepCopy();
        }
        for (String key : node.propertyNames()) {
            if (key.startsWith("$") && !DIRECTIVES.contains(key) && !STANDARD_DOLLAR_KEYS.contains(key)) {
                throw new AuthoringException(file + "#" + pointer + "/" + escape(key) + ": unknown directive");
            }
        }
        if (!node.has("$use")) {
            if (node.has("$pick") || node.has("$omit")) {
                throw new AuthoringException(file + "#" + pointer + ": $pick and $omit need $use");
            }
            ObjectNode out = mapper.createObjectNode();
            node.properties().forEach(e -> out.set(e.getKey(),
                    resolve(e.getValue(), file, pointer + "/" + escape(e.getKey()))));
            return out;
        }
        String name = text(node.get("$use"), "");
        JsonNode base = fragment(name, file, pointer);
        if (!base.isObject()) {
            throw new AuthoringException(file + "#" + pointer + "/$use: fragment '" + name + "' is not an object schema");
        }
        ObjectNode out = ((ObjectNode) base).deepCopy();
        if (node.has("$pick")) {
            keepProperties(out, names(node.get("$pick"), file, pointer + "/$pick"), true, file, pointer + "/$pick", name);
        }
        if (node.has("$omit")) {
            keepProperties(out, names(node.get("$omit"), file, pointer + "/$omit"), false, file, pointer + "/$omit", name);
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            if (DIRECTIVES.contains(key)) {
                continue;
            }
            JsonNode value = resolve(e.getValue(), file, pointer + "/" + escape(key));
            if (key.equals("properties") && out.path("properties").isObject() && value.isObject()) {
                ObjectNode props = (ObjectNode) out.get("properties");
                value.properties().forEach(p -> props.set(p.getKey(), p.getValue()));
            } else {
                out.set(key, value);
            }
        }
        return out;
    }

    private JsonNode fragment(String name, Path file, String pointer) {
        if (!name.matches("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*")) {
            throw new AuthoringException(file + "#" + pointer + "/$use: '" + name + "' is not a fragment name such as 'common/ttl'");
        }
        JsonNode cached = fragments.get(name);
        if (cached != null) {
            return cached;
        }
        if (resolving.contains(name)) {
            throw new AuthoringException(file + "#" + pointer + "/$use: fragment cycle " + String.join(" -> ", resolving) + " -> " + name);
        }
        Path path = root.resolve("fragments").resolve(name + ".json");
        if (!Files.isRegularFile(path)) {
            throw new AuthoringException(file + "#" + pointer + "/$use: no fragment '" + name + "' (expected " + path + ")");
        }
        resolving.push(name);
        try {
            JsonNode resolved = resolve(read(path), path, "");
            fragments.put(name, resolved);
            return resolved;
        } finally {
            resolving.pop();
        }
    }

    private void keepProperties(ObjectNode schema, Set<String> listed, boolean keep, Path file, String pointer, String fragment) {
        JsonNode props = schema.path("properties");
        if (!props.isObject()) {
            throw new AuthoringException(file + "#" + pointer + ": fragment '" + fragment + "' has no properties to select from");
        }
        for (String n : listed) {
            if (!props.has(n)) {
                throw new AuthoringException(file + "#" + pointer + ": fragment '" + fragment + "' has no property '" + n + "'");
            }
        }
        ObjectNode p = (ObjectNode) props;
        List<String> drop = new ArrayList<>();
        for (String n : p.propertyNames()) {
            if (listed.contains(n) != keep) {
                drop.add(n);
            }
        }
        p.remove(drop);
        if (schema.path("required").isArray()) {
            ArrayNode req = mapper.createArrayNode();
            for (JsonNode r : schema.get("required")) {
                if (p.has(r.asString())) {
                    req.add(r);
                }
            }
            if (req.isEmpty()) {
                schema.remove("required");
            } else {
                schema.set("required", req);
            }
        }
        if (schema.path("dependentRequired").isObject()) {
            ObjectNode dr = (ObjectNode) schema.get("dependentRequired");
            List<String> gone = new ArrayList<>();
            for (String n : dr.propertyNames()) {
                if (!p.has(n)) {
                    gone.add(n);
                }
            }
            dr.remove(gone);
            if (dr.isEmpty()) {
                schema.remove("dependentRequired");
            }
        }
    }

    private static Set<String> names(JsonNode list, Path file, String pointer) {
        if (!list.isArray() || list.isEmpty()) {
            throw new AuthoringException(file + "#" + pointer + ": expected a non-empty array of property names");
        }
        Set<String> out = new LinkedHashSet<>();
        list.forEach(n -> out.add(n.asString()));
        return out;
    }

    // ------------------------------------------------------------------ descriptions

    JsonNode describe(JsonNode schema) {
        describeNode(schema, "");
        return schema;
    }

    private void describeNode(JsonNode schema, String parent) {
        if (!schema.isObject()) {
            return;
        }
        JsonNode props = schema.path("properties");
        if (props.isObject()) {
            ObjectNode p = (ObjectNode) props;
            for (String name : new ArrayList<>(p.propertyNames())) {
                JsonNode sub = p.get(name);
                if (sub.isObject() && !sub.has("description")) {
                    String text = lookup(parent, name);
                    if (text != null) {
                        ObjectNode withText = mapper.createObjectNode();
                        withText.put("description", text);
                        withText.setAll((ObjectNode) sub);
                        p.set(name, withText);
                        sub = withText;
                    }
                }
                describeNode(sub, name);
            }
        }
        describeNode(schema.path("items"), parent);
        describeNode(schema.path("additionalProperties"), parent);
        for (String union : List.of("anyOf", "oneOf")) {
            for (JsonNode branch : schema.path(union)) {
                describeNode(branch, parent);
            }
        }
        for (JsonNode def : schema.path("$defs")) {
            describeNode(def, parent);
        }
    }

    private String lookup(String parent, String name) {
        if (!parent.isEmpty()) {
            JsonNode specific = descriptions.get(parent + "." + name);
            if (specific != null) {
                return specific.asString();
            }
        }
        JsonNode general = descriptions.get(name);
        return general == null ? null : general.asString();
    }

    // ------------------------------------------------------------------ checks

    private void checkRefs(JsonNode node, JsonNode schemaRoot, Path file, String pointer) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                String target = text(ref, "");
                if (!target.startsWith("#")) {
                    throw new AuthoringException(file + "#" + pointer + "/$ref: '" + target + "' leaves the schema; only local references are allowed");
                }
                if (target.length() > 1 && schemaRoot.at(JsonPointer.compile(target.substring(1))).isMissingNode()) {
                    throw new AuthoringException(file + "#" + pointer + "/$ref: '" + target + "' does not resolve inside the schema");
                }
            }
            if (node.has("$use")) {
                throw new AuthoringException(file + "#" + pointer + ": unresolved $use");
            }
            node.properties().forEach(e -> checkRefs(e.getValue(), schemaRoot, file, pointer + "/" + escape(e.getKey())));
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                checkRefs(item, schemaRoot, file, pointer + "/" + i++);
            }
        }
    }

    // ------------------------------------------------------------------ io helpers

    private JsonNode read(Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (RuntimeException e) {
            throw new AuthoringException(file + ": not valid JSON: " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode doc, String key, Path file) {
        JsonNode v = doc.get(key);
        if (v == null || v.isNull()) {
            throw new AuthoringException(file + "#/" + key + ": required");
        }
        return v;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted(Comparator.comparing(SnapshotAssembler::baseName)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> listRecursive(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".json"))
                    .sorted(Comparator.comparing(p -> dir.relativize(p).toString().replace('\\', '/')))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String baseName(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

    static String text(JsonNode node, String fallback) {
        return node != null && node.isString() ? node.stringValue() : fallback;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    String toText(JsonNode node) {
        return mapper.writeValueAsString(node).replace("\r\n", "\n") + "\n";
    }

    /** A mistake in the authoring tree, named by file and JSON pointer. */
    public static final class AuthoringException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AuthoringException(String message) {
            super(message);
        }
    }
}
