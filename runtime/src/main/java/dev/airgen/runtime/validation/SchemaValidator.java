package dev.airgen.runtime.validation;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.resource.InputStreamSource;
import dev.airgen.runtime.internal.JsonTrees;
import dev.airgen.runtime.internal.QuietSlf4j;
import dev.airgen.runtime.internal.SchemaDocuments;
import dev.airgen.runtime.internal.Validators;
import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.types.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Validates request JSON against JSON Schemas that live on the classpath, fully offline.
 *
 * <p>Each schema document is read and compiled once, on first use, and then shared: instances are
 * thread-safe. A document may embed the other documents it refers to under {@code $defs}, each with
 * its own {@code $id} (a "bundled" schema); references between them resolve inside the bundle. An
 * absolute {@code $id} that is not embedded can be mapped to a classpath folder with
 * {@link Builder#mapPrefix}; nothing is ever fetched from the network, and a reference that cannot be
 * resolved offline fails compilation with a message naming it.
 *
 * <p>Format assertions ({@code uuid}, {@code uri}, {@code date-time}, ...) are on. Schemas without a
 * {@code $schema} keyword are read as draft 2019-09, the dialect Runware publishes.
 *
 * <p>networknt alone decides, for valid and invalid requests alike; every violation reported comes from it.
 */
public final class SchemaValidator {

    private static final String CLASSPATH = "classpath:";

    static {
        // Before networknt's classes load: they log through SLF4J, which warns on stderr when unbound.
        QuietSlf4j.apply();
        Validators.register(SchemaValidator::validateTree);
    }

    private final Map<String, String> prefixes;
    private final Map<CacheKey, Compiled> cache = new ConcurrentHashMap<>();
    private final Map<CacheKey, Compiled> byGivenName = new ConcurrentHashMap<>();

    private SchemaValidator(Builder builder) {
        this.prefixes = Map.copyOf(builder.prefixes);
    }

    /** A validator with no extra prefix mappings. */
    public static SchemaValidator create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks {@code instance} against the schema in classpath resource {@code resource}.
     *
     * @param loader   the class loader that holds the schema (usually the request class's)
     * @param resource an absolute resource name such as {@code /airgen/schemas/flux-1-dev.json}
     * @return every broken rule; empty when the instance is valid
     * @throws IllegalArgumentException when the resource does not exist or cannot be compiled offline
     */
    public List<Violation> validate(@Nullable ClassLoader loader, String resource, JsonValue instance) {
        Objects.requireNonNull(instance, "instance");
        return validateTree(loader, resource, JsonTrees.toNode(instance));
    }

    /** {@link #validate} on a Jackson tree, for the client (through {@link Validators}) and this package's tests. */
    List<Violation> validateTree(@Nullable ClassLoader loader, String resource, JsonNode instance) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(instance, "instance");
        ClassLoader cl = loader != null ? loader : SchemaValidator.class.getClassLoader();
        Compiled compiled = compiled(cl, resource);
        try {
            List<com.networknt.schema.Error> errors = compiled.schema.validate(instance);
            return errors.isEmpty() ? List.of() : new ErrorMapper(compiled).map(errors);
        } catch (RuntimeException e) {
            // networknt gives up on some values (a whole number written as 1e308 against an integer bound):
            // such a request cannot be shown valid, so it is refused, naming the values that broke the check.
            return uncheckable(instance, e);
        }
    }

    /** Violations for an instance networknt could not evaluate: one per number out of every checkable range. */
    private static List<Violation> uncheckable(JsonNode instance, RuntimeException cause) {
        List<String> paths = new ArrayList<>();
        extremeNumbers(instance, new ArrayList<>(), paths);
        String why = "cannot be checked against the schema (" + cause.getClass().getSimpleName() + ")";
        if (paths.isEmpty()) {
            return List.of(Violation.at(List.of(""), "schema", "the request " + why, ""));
        }
        List<Violation> out = new ArrayList<>();
        for (String path : paths) {
            out.add(Violation.at(List.of(path), "type", "the number is too large to be checked against the schema", ""));
        }
        return out;
    }

    /** Numbers no 64-bit integer or finite double holds exactly enough to compare: |n| >= 2^63, or not finite. */
    private static void extremeNumbers(JsonNode node, List<Object> at, List<String> out) {
        if (node.isNumber()) {
            double d = node.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) >= 0x1p63) {
                out.add(ErrorMapper.render(at));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                List<Object> path = new ArrayList<>(at);
                path.add(e.getKey());
                extremeNumbers(e.getValue(), path, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> path = new ArrayList<>(at);
                path.add(i);
                extremeNumbers(node.get(i), path, out);
            }
        }
    }

    private Compiled compiled(ClassLoader loader, String resource) {
        // Looked up by the name as given first: normalizing allocates, and this runs for every request.
        CacheKey asGiven = new CacheKey(loader, resource);
        Compiled compiled = byGivenName.get(asGiven);
        if (compiled == null) {
            compiled = cache.computeIfAbsent(new CacheKey(loader, normalize(resource)), this::compile);
            byGivenName.putIfAbsent(asGiven, compiled);
        }
        return compiled;
    }

    /** How many schema documents have been compiled so far (each exactly once). */
    public int compiledCount() {
        return cache.size();
    }

    private static String normalize(String resource) {
        return resource.startsWith("/") ? resource.substring(1) : resource;
    }

    private Compiled compile(CacheKey key) {
        JsonNode root = SchemaDocuments.read(key.loader, key.resource);
        String baseIri = root.path("$id").isString() ? stripFragment(root.get("$id").asString())
                : CLASSPATH + "/" + key.resource;
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put(baseIri, root);
        indexEmbedded(root, URI.create(baseIri), documents, true);

        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09, b -> b
                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .preloadSchema(true)
                        .build())
                .schemaLoader(loader -> loader
                        .fetchRemoteResources(false)
                        .resourceLoaders(r -> r.add(iri -> offline(key.loader, documents, iri)))));
        try {
            Schema schema = registry.getSchema(SchemaLocation.of(baseIri), root);
            schema.initializeValidators();
            return new Compiled(key.resource, schema, documents);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("schema resource /" + key.resource + " cannot be compiled offline: "
                    + e.getMessage(), e);
        }
    }

    /** Serves embedded documents, mapped prefixes and classpath IRIs; everything else stays unresolved. */
    private InputStreamSource offline(ClassLoader loader, Map<String, JsonNode> documents, AbsoluteIri iri) {
        String id = stripFragment(iri.toString());
        JsonNode embedded = documents.get(id);
        if (embedded != null) {
            byte[] bytes = Json.mapper().writeValueAsBytes(embedded);
            return () -> new ByteArrayInputStream(bytes);
        }
        String resource = null;
        if (id.startsWith(CLASSPATH)) {
            resource = id.substring(CLASSPATH.length());
        } else {
            for (Map.Entry<String, String> e : prefixes.entrySet()) {
                if (id.startsWith(e.getKey())) {
                    resource = e.getValue() + id.substring(e.getKey().length());
                    break;
                }
            }
        }
        if (resource == null) {
            return null;
        }
        String name = normalize(resource);
        if (loader.getResource(name) == null) {
            return null;
        }
        return () -> {
            InputStream in = loader.getResourceAsStream(name);
            if (in == null) {
                throw new IOException("schema resource /" + name + " disappeared");
            }
            return in;
        };
    }

    private static void indexEmbedded(JsonNode node, URI base, Map<String, JsonNode> out, boolean isRoot) {
        if (node.isObject()) {
            URI here = base;
            JsonNode id = node.get("$id");
            if (!isRoot && id != null && id.isString() && !id.asString().startsWith("#")) {
                here = base.resolve(stripFragment(id.asString()));
                out.putIfAbsent(here.toString(), node);
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                // enum and const values are data, not schemas: an "$id" inside them means nothing
                if (!e.getKey().equals("enum") && !e.getKey().equals("const") && !e.getKey().equals("examples")) {
                    indexEmbedded(e.getValue(), here, out, false);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                indexEmbedded(item, base, out, false);
            }
        }
    }

    private static String stripFragment(String iri) {
        int hash = iri.indexOf('#');
        return hash < 0 ? iri : iri.substring(0, hash);
    }

    /** Builder of {@link SchemaValidator}. */
    public static final class Builder {
        private final Map<String, String> prefixes = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Resolves absolute schema IRIs that start with {@code iriPrefix} from the classpath folder
         * {@code resourcePrefix}: {@code https://schemas.example/x/} + {@code a.json} becomes
         * {@code resourcePrefix + "a.json"}.
         */
        public Builder mapPrefix(String iriPrefix, String resourcePrefix) {
            prefixes.put(Objects.requireNonNull(iriPrefix), Objects.requireNonNull(resourcePrefix));
            return this;
        }

        public SchemaValidator build() {
            return new SchemaValidator(this);
        }
    }

    private record CacheKey(ClassLoader loader, String resource) {
    }

    /** A compiled document: networknt's schema and the documents its locations point into. */
    private record Compiled(String resource, Schema schema, Map<String, JsonNode> documents) {

        JsonNode node(SchemaLocation location) {
            JsonNode doc = documents.get(stripFragment(location.getAbsoluteIri().toString()));
            if (doc == null) {
                return null;
            }
            NodePath fragment = location.getFragment();
            JsonNode node = doc;
            for (int i = 0; fragment != null && i < fragment.getNameCount() && node != null; i++) {
                Object element = fragment.getElement(i);
                node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
            }
            return node;
        }
    }

    /** Turns networknt errors into violations that name parameters, folding branch noise into its rule. */
    private static final class ErrorMapper {
        private final Compiled compiled;

        ErrorMapper(Compiled compiled) {
            this.compiled = compiled;
        }

        List<Violation> map(List<com.networknt.schema.Error> errors) {
            List<String> composite = new ArrayList<>();
            for (com.networknt.schema.Error e : errors) {
                if ("oneOf".equals(e.getKeyword()) || "anyOf".equals(e.getKeyword())) {
                    composite.add(e.getEvaluationPath().toString());
                }
            }
            // A failed anyOf shows up only as the failures of its branches: gather them under the anyOf.
            Map<String, List<com.networknt.schema.Error>> anyOfGroups = new LinkedHashMap<>();
            Map<String, Violation> out = new LinkedHashMap<>();
            for (com.networknt.schema.Error e : errors) {
                String eval = e.getEvaluationPath().toString();
                if (absorbed(eval, composite)) {
                    continue;
                }
                int branch = eval.indexOf("/anyOf/");
                if (branch >= 0) {
                    String key = eval.substring(0, branch + "/anyOf".length());
                    anyOfGroups.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
                    out.putIfAbsent("anyOf|" + key, null);
                    continue;
                }
                Violation v = toViolation(e);
                out.putIfAbsent(v.parameters() + "|" + v.keyword() + "|" + v.message(), v);
            }
            List<Violation> result = new ArrayList<>();
            for (Map.Entry<String, Violation> entry : out.entrySet()) {
                if (entry.getValue() != null) {
                    result.add(entry.getValue());
                } else {
                    Violation v = anyOf(anyOfGroups.get(entry.getKey().substring("anyOf|".length())));
                    if (!result.contains(v)) {
                        result.add(v);
                    }
                }
            }
            return List.copyOf(result);
        }

        /** One violation for an anyOf none of whose branches matched. */
        private Violation anyOf(List<com.networknt.schema.Error> branchErrors) {
            com.networknt.schema.Error first = branchErrors.get(0);
            NodePath eval = first.getEvaluationPath();
            int at = indexOf(eval, "anyOf");
            List<Object> child = segments(first.getInstanceLocation());
            int consumed = Math.min(child.size(), consumedAfter(eval, at + 1));
            List<Object> holder = child.subList(0, child.size() - consumed);
            JsonNode branches = null;
            SchemaLocation location = first.getSchemaLocation();
            if (location != null && location.getFragment() != null) {
                int fragmentAt = indexOf(location.getFragment(), "anyOf");
                if (fragmentAt >= 0) {
                    branches = compiled.node(new SchemaLocation(location.getAbsoluteIri(),
                            truncate(location.getFragment(), fragmentAt + 1)));
                }
            }
            Set<String> params = new LinkedHashSet<>();
            String message = "matches none of the allowed alternatives";
            if (branches != null && branches.isArray()) {
                if (holder.isEmpty() || combinationRule(branches)) {
                    for (JsonNode branch : branches) {
                        collectNames(branch, holder, params, 0);
                    }
                }
                message += allowedTitles(branches);
            }
            if (params.isEmpty()) {
                params.add(render(holder));
            }
            if (branches == null || allowedTitles(branches).isEmpty()) {
                List<String> why = new ArrayList<>();
                for (com.networknt.schema.Error e : branchErrors) {
                    String where = render(segments(e.getInstanceLocation()));
                    why.add((where.isEmpty() ? "" : where + " ") + e.getMessage());
                }
                message += ": " + String.join("; ", why);
            }
            return Violation.at(dropPrefixes(params), "anyOf", message,
                    location == null ? "" : location.toString());
        }

        private static int indexOf(NodePath path, String name) {
            for (int i = 0; i < path.getNameCount(); i++) {
                if (name.equals(path.getElement(i))) {
                    return i;
                }
            }
            return -1;
        }

        /** How many instance segments the schema path from {@code from} on steps into. */
        private static int consumedAfter(NodePath path, int from) {
            int consumed = 0;
            for (int i = Math.max(0, from); i < path.getNameCount(); i++) {
                Object element = path.getElement(i);
                if ("properties".equals(element) || "patternProperties".equals(element)) {
                    consumed++;
                    i++;
                } else if ("items".equals(element) || "additionalProperties".equals(element)
                        || "additionalItems".equals(element) || "prefixItems".equals(element)) {
                    consumed++;
                }
            }
            return consumed;
        }

        /** Errors inside the branches of a failed oneOf/anyOf explain that failure; they are not rules of their own. */
        private static boolean absorbed(String eval, List<String> composite) {
            for (String c : composite) {
                if (eval.length() > c.length() && eval.startsWith(c) && eval.charAt(c.length()) == '/') {
                    return true;
                }
            }
            return false;
        }

        private Violation toViolation(com.networknt.schema.Error e) {
            List<Object> at = segments(e.getInstanceLocation());
            String keyword = e.getKeyword() == null ? "schema" : e.getKeyword();
            Set<String> params = new LinkedHashSet<>();
            String message = e.getMessage();
            switch (keyword) {
                case "required", "additionalProperties", "unevaluatedProperties" -> {
                    params.add(render(append(at, e.getProperty())));
                }
                case "dependentRequired", "dependencies" -> {
                    Object[] args = e.getArguments();
                    if (args != null && args.length > 0 && args[0] != null) {
                        params.add(render(append(at, String.valueOf(args[0]))));
                    }
                    if (e.getProperty() != null) {
                        params.add(render(append(at, e.getProperty())));
                    }
                }
                case "oneOf", "anyOf" -> {
                    JsonNode branches = e.getSchemaNode();
                    if (branches != null && branches.isArray() && (at.isEmpty() || combinationRule(branches))) {
                        for (JsonNode branch : branches) {
                            collectNames(branch, at, params, 0);
                        }
                        message = message + allowedTitles(branches);
                    }
                }
                case "not" -> {
                    JsonNode negated = e.getSchemaNode();
                    if (negated != null && negated.isObject() && (at.isEmpty() || combinationRule(negated))) {
                        collectNames(negated, at, params, 0);
                        if (!params.isEmpty()) {
                            message = "must not combine " + String.join(" and ", params);
                        }
                    }
                }
                default -> {
                }
            }
            if (params.isEmpty()) {
                params.add(render(at));
            }
            params.addAll(conditionNames(e, at));
            List<String> ordered = dropPrefixes(params);
            return Violation.at(ordered, keyword, message,
                    e.getSchemaLocation() == null ? "" : e.getSchemaLocation().toString());
        }

        /** For a rule under then/else, the parameters of the matching if also take part. */
        private Set<String> conditionNames(com.networknt.schema.Error e, List<Object> at) {
            Set<String> names = new LinkedHashSet<>();
            SchemaLocation location = e.getSchemaLocation();
            if (location == null || location.getFragment() == null) {
                return names;
            }
            NodePath fragment = location.getFragment();
            int branch = -1;
            for (int i = fragment.getNameCount() - 1; i >= 0; i--) {
                Object element = fragment.getElement(i);
                if ("then".equals(element) || "else".equals(element)) {
                    branch = i;
                    break;
                }
            }
            if (branch < 0) {
                return names;
            }
            int consumed = consumedAfter(fragment, branch + 1);
            if (consumed > at.size()) {
                return names;
            }
            SchemaLocation parent = new SchemaLocation(location.getAbsoluteIri(), truncate(fragment, branch));
            JsonNode holder = compiled.node(parent);
            if (holder != null && holder.has("if")) {
                collectNames(holder.get("if"), at.subList(0, at.size() - consumed), names, 0);
            }
            return names;
        }

        private static NodePath truncate(NodePath path, int length) {
            NodePath out = new NodePath(path.getPathType());
            for (int i = 0; i < length; i++) {
                Object element = path.getElement(i);
                out = element instanceof Integer index ? out.append(index) : out.append(String.valueOf(element));
            }
            return out;
        }

        /** Branches that constrain several properties of one object without declaring a type are cross-field rules. */
        private static boolean combinationRule(JsonNode schemaOrBranches) {
            if (schemaOrBranches.isArray()) {
                for (JsonNode branch : schemaOrBranches) {
                    if (combinationRule(branch)) {
                        return true;
                    }
                }
                return false;
            }
            return schemaOrBranches.isObject() && !schemaOrBranches.has("type") && !schemaOrBranches.has("$ref")
                    && (schemaOrBranches.has("properties") || schemaOrBranches.has("required")
                    || schemaOrBranches.has("dependentRequired"));
        }

        private static String allowedTitles(JsonNode branches) {
            List<String> titles = new ArrayList<>();
            for (JsonNode branch : branches) {
                if (branch.path("title").isString()) {
                    titles.add(branch.get("title").asString());
                }
            }
            return titles.isEmpty() ? "" : " (allowed: " + String.join("; ", titles) + ")";
        }

        /** Names of the properties a schema constrains, as dotted paths below {@code at}. */
        private static void collectNames(JsonNode schema, List<Object> at, Set<String> out, int depth) {
            if (schema == null || !schema.isObject() || depth > 8) {
                return;
            }
            JsonNode properties = schema.get("properties");
            if (properties != null && properties.isObject()) {
                for (Map.Entry<String, JsonNode> p : properties.properties()) {
                    List<Object> path = append(at, p.getKey());
                    Set<String> deeper = new LinkedHashSet<>();
                    collectNames(p.getValue(), path, deeper, depth + 1);
                    if (deeper.isEmpty()) {
                        out.add(render(path));
                    } else {
                        out.addAll(deeper);
                    }
                }
            }
            JsonNode required = schema.get("required");
            if (required != null && required.isArray()) {
                for (JsonNode name : required) {
                    out.add(render(append(at, name.asString())));
                }
            }
            JsonNode dependent = schema.get("dependentRequired");
            if (dependent != null && dependent.isObject()) {
                for (Map.Entry<String, JsonNode> d : dependent.properties()) {
                    out.add(render(append(at, d.getKey())));
                    for (JsonNode name : d.getValue()) {
                        out.add(render(append(at, name.asString())));
                    }
                }
            }
            for (String applicator : List.of("allOf", "anyOf", "oneOf")) {
                JsonNode list = schema.get(applicator);
                if (list != null && list.isArray()) {
                    for (JsonNode branch : list) {
                        collectNames(branch, at, out, depth + 1);
                    }
                }
            }
            for (String single : List.of("not", "if", "then", "else")) {
                collectNames(schema.get(single), at, out, depth + 1);
            }
        }

        /** Keeps {@code inputs.frameImages} and drops a bare {@code inputs} that only leads to it. */
        private static List<String> dropPrefixes(Set<String> names) {
            List<String> out = new ArrayList<>();
            for (String name : names) {
                boolean prefixOfOther = false;
                if (!name.isEmpty() || names.size() > 1) {
                    for (String other : names) {
                        if (!other.equals(name) && (name.isEmpty() || other.startsWith(name + ".")
                                || other.startsWith(name + "["))) {
                            prefixOfOther = true;
                            break;
                        }
                    }
                }
                if (!prefixOfOther) {
                    out.add(name);
                }
            }
            return out;
        }

        private static List<Object> segments(NodePath path) {
            List<Object> out = new ArrayList<>();
            if (path != null) {
                for (int i = 0; i < path.getNameCount(); i++) {
                    out.add(path.getElement(i));
                }
            }
            return out;
        }

        private static List<Object> append(List<Object> at, Object segment) {
            List<Object> out = new ArrayList<>(at);
            if (segment != null) {
                out.add(segment);
            }
            return out;
        }

        static String render(List<Object> path) {
            StringBuilder out = new StringBuilder();
            Iterator<Object> it = path.iterator();
            while (it.hasNext()) {
                Object segment = it.next();
                if (segment instanceof Integer index) {
                    out.append('[').append(index).append(']');
                } else {
                    if (out.length() > 0) {
                        out.append('.');
                    }
                    out.append(segment);
                }
            }
            return out.toString();
        }
    }
}
