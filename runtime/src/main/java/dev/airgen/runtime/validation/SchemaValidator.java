package dev.airgen.runtime.validation;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.resource.InputStreamSource;
import dev.airgen.runtime.internal.JsonTrees;
import dev.airgen.runtime.internal.QuietSlf4j;
import dev.airgen.runtime.internal.ResourceKey;
import dev.airgen.runtime.internal.SchemaDocuments;
import dev.airgen.runtime.internal.Validators;
import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.types.JsonValue;
import dev.airgen.schema.keyword.ValidationCopy;
import dev.airgen.schema.resolve.EmbeddedIds;
import dev.airgen.schema.violation.Finding;
import dev.airgen.schema.violation.ViolationMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
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
 * <p>networknt decides. A valid request usually does not need it, though: {@link FastValidator}, a shortcut that
 * knows the keywords request schemas use, answers first, and networknt runs whenever the shortcut cannot prove the
 * request valid. Every violation reported therefore comes from networknt. networknt itself is loaded, and a schema
 * compiled with it, only when a request first needs it (at once for a schema the shortcut cannot read).
 */
public final class SchemaValidator {

    private static final String CLASSPATH = "classpath:";

    static {
        Validators.register(SchemaValidator.class, new Validators.Access<SchemaValidator, Violation>() {
            @Override
            public List<Violation> validate(SchemaValidator validator, @Nullable ClassLoader loader, String resource, JsonNode instance) {
                return validator.validateTree(loader, resource, instance);
            }

            @Override
            public void compile(SchemaValidator validator, @Nullable ClassLoader loader, String resource) {
                validator.compiled(loader != null ? loader : SchemaValidator.class.getClassLoader(), resource);
            }
        });
    }

    private final Map<String, String> prefixes;
    private final Map<ResourceKey, Compiled> cache = new ConcurrentHashMap<>();
    private final Map<ResourceKey, Compiled> byGivenName = new ConcurrentHashMap<>();

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
     * @throws IllegalArgumentException when the resource does not exist or cannot be compiled offline (a schema
     *                                  that the shortcut reads and networknt cannot compile fails with the first
     *                                  request the shortcut cannot prove valid)
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
        return check(compiled(cl, resource), instance);
    }

    private static List<Violation> check(Compiled compiled, JsonNode instance) {
        if (compiled.fast != null && compiled.fast.check(instance) == FastValidator.Verdict.VALID) {
            return List.of();
        }
        Full full = compiled.full();
        try {
            List<com.networknt.schema.Error> errors = full.schema.validate(instance);
            return errors.isEmpty() ? List.of() : full.violations(errors);
        } catch (RuntimeException e) {
            // networknt gives up on some values (a whole number written as 1e308 against an integer bound):
            // such a request cannot be shown valid, so it is refused, naming the values that broke the check.
            return uncheckable(instance, e);
        }
    }

    /** Violations for an instance networknt could not evaluate: one per number out of every checkable range. */
    private static List<Violation> uncheckable(JsonNode instance, RuntimeException cause) {
        List<String> paths = ViolationMapper.extremeNumbers(instance);
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

    /** What the shortcut alone says about {@code instance}; null when the schema has no shortcut. For tests. */
    FastValidator.@Nullable Verdict shortcutVerdict(ClassLoader loader, String resource, JsonNode instance) {
        Compiled compiled = compiled(loader, resource);
        return compiled.fast == null ? null : compiled.fast.check(instance);
    }

    /** Whether networknt's side of {@code resource} has been built (it is built when a request first needs it). For tests. */
    boolean networkntBuilt(ClassLoader loader, String resource) {
        return compiled(loader, resource).full != null;
    }

    /** networknt's errors alone, without the shortcut. For tests. */
    List<com.networknt.schema.Error> networkntErrors(ClassLoader loader, String resource, JsonNode instance) {
        return compiled(loader, resource).full().schema.validate(instance);
    }

    private Compiled compiled(ClassLoader loader, String resource) {
        // Looked up by the name as given first: normalizing allocates, and this runs for every request.
        ResourceKey asGiven = new ResourceKey(loader, resource);
        Compiled compiled = byGivenName.get(asGiven);
        if (compiled == null) {
            compiled = cache.computeIfAbsent(new ResourceKey(loader, normalize(resource)), this::compile);
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

    /** Compiles the schema document {@code key} names; its class loader holds what the document refers to. */
    private Compiled compile(ResourceKey key) {
        ClassLoader loader = key.loader();
        String resource = key.resource();
        JsonNode root = SchemaDocuments.read(loader, resource);
        // Before networknt's classes are initialised (the shortcut uses its format checks and regular expressions):
        // they log through SLF4J, which warns on stderr when unbound. Here rather than when this class loads, so
        // that building a client does not wait for it.
        QuietSlf4j.apply();
        FastValidator fast = FastValidator.compile(root);
        Compiled compiled = new Compiled(fast, () -> full(loader, resource, root));
        if (fast == null) {
            compiled.full();   // every request needs it: a schema networknt cannot compile fails here and now
        }
        return compiled;
    }

    /**
     * networknt's form of {@code root} and the mapper that names the parameters of its errors. Built when a
     * request first needs networknt: a valid request seldom does, and loading networknt and compiling a schema
     * with it is most of what a first request would otherwise wait for (see docs/runtime.md).
     */
    private Full full(ClassLoader loader, String resource, JsonNode root) {
        String baseIri = root.path("$id").isString() ? stripFragment(root.get("$id").asString())
                : CLASSPATH + "/" + resource;
        Map<String, JsonNode> documents = documents(baseIri, root);
        Schema schema;
        try {
            // Annotations decide nothing, but networknt builds a check for each of them (nearly every
            // subschema of a task schema has a description): it compiles and checks faster without them.
            schema = networknt(loader, baseIri, documents(baseIri, ValidationCopy.withoutAnnotations(root)));
        } catch (RuntimeException withoutAnnotations) {
            // Only a reference into an annotation's value fails here and not below: the whole document decides.
            try {
                schema = networknt(loader, baseIri, documents);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("schema resource /" + resource + " cannot be compiled offline: "
                        + e.getMessage(), e);
            }
        }
        // Errors are named from the whole documents: the titles of alternatives say what is allowed.
        return new Full(schema, ViolationMapper.over(documents));
    }

    /** The document at {@code baseIri} and the documents embedded in it (with an {@code $id} of their own), by IRI. */
    private static Map<String, JsonNode> documents(String baseIri, JsonNode root) {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put(baseIri, root);
        EmbeddedIds.walk(root, baseIri, URI.create(baseIri), (enclosing, pointer, node, id) -> {
            documents.putIfAbsent(id.toString(), node);
            return id.toString();
        });
        return documents;
    }

    /** networknt's compiled form of the first of {@code documents}, every validator built now. */
    private Schema networknt(ClassLoader loader, String baseIri, Map<String, JsonNode> documents) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(TaskDialect.DIALECT, b -> b
                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .preloadSchema(true)
                        .build())
                .schemaLoader(schemaLoader -> schemaLoader
                        .fetchRemoteResources(false)
                        .resourceLoaders(r -> r.add(iri -> offline(loader, documents, iri)))));
        Schema schema = registry.getSchema(SchemaLocation.of(baseIri), documents.get(baseIri));
        schema.initializeValidators();
        return schema;
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

    /**
     * A compiled document: the shortcut when there is one, and networknt's side, which has the last word, built
     * the first time a request needs it (at once when there is no shortcut).
     */
    private static final class Compiled {
        final @Nullable FastValidator fast;
        private final Supplier<Full> build;
        private volatile @Nullable Full full;

        Compiled(@Nullable FastValidator fast, Supplier<Full> build) {
            this.fast = fast;
            this.build = build;
        }

        /** networknt's side, built once; a build that fails fails again, the same way, for the next request. */
        Full full() {
            Full f = full;
            if (f == null) {
                synchronized (this) {
                    f = full;
                    if (f == null) {
                        f = build.get();
                        full = f;
                    }
                }
            }
            return f;
        }
    }

    /** networknt's schema and the mapper that names the parameters of its errors. */
    private record Full(Schema schema, ViolationMapper mapper) {

        List<Violation> violations(List<com.networknt.schema.Error> errors) {
            List<Violation> out = new ArrayList<>();
            for (Finding f : mapper.map(errors)) {
                out.add(new Violation(f.parameters(), f.paths(), f.keyword(), f.message(), f.schemaLocation()));
            }
            return List.copyOf(out);
        }
    }

    /**
     * Draft 2019-09, the dialect of every task schema, with the {@code uuid} format checked without a regex. In a
     * class of its own, so that networknt's classes load only once {@link #compile} has quieted SLF4J.
     */
    private static final class TaskDialect {
        static final Dialect DIALECT = Dialect.builder(Dialects.getDraft201909()).format(UuidFormat.INSTANCE).build();
    }
}
