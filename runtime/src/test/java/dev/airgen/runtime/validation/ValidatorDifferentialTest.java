package dev.airgen.runtime.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.airgen.runtime.types.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runtime's verdict (its shortcut first, then its own networknt set-up, offline, with the refusal of values
 * networknt cannot evaluate) against networknt compiled on its own, on 100,000 mutations of the bundled example requests and on
 * seeded random schemas built from the keywords request schemas use, nested under {@code not},
 * {@code if}/{@code then}/{@code else} and the combinators, and on values chosen to sit on the edges: formats
 * ({@code duration}, {@code regex}, {@code date-time}, {@code uri}, {@code uuid}), signed zeros, numbers past
 * every 64-bit range, fractions next to bounds. The random schemas carry annotations (descriptions, titles,
 * defaults and examples that look like schemas) and references into them, which the runtime leaves out of
 * what it compiles. Where networknt itself gives up on a value, the runtime must
 * refuse it with violations rather than throw.
 */
class ValidatorDifferentialTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int SCHEMAS = 400;
    private static final int VALUES_PER_SCHEMA = 40;
    private static final int MUTATIONS = 100_000;
    /** Cases known to matter, before the random ones: bounds networknt cannot apply to huge numbers, signed zeros. */
    private static final String[] FIXED = {
        "{\"type\":\"integer\",\"maximum\":10}",
        "{\"not\":{\"type\":\"integer\",\"maximum\":10}}",
        "{\"not\":{\"minimum\":0}}",
        "{\"if\":{\"minimum\":0},\"then\":{\"type\":\"integer\"},\"else\":{\"type\":\"string\"}}",
        "{\"type\":\"string\",\"format\":\"duration\"}",
        "{\"type\":\"string\",\"format\":\"regex\"}",
        "{\"not\":{\"type\":\"string\",\"format\":\"duration\"}}",
        // a reference into an annotation's value: the runtime compiles schemas without their annotations
        "{\"properties\":{\"a\":{\"$ref\":\"#/$defs/x/examples/0\"}},\"$defs\":{\"x\":{\"examples\":[{\"type\":\"integer\"}]}}}",
        "{\"properties\":{\"a\":{\"$ref\":\"#/properties/b/default\"},\"b\":{\"default\":{\"maxLength\":1}}}}",
    };

    @TempDir
    Path dir;

    @Test
    void theRuntimeAgreesWithNetworkntOnEverySeededCase() throws IOException {
        Random random = new Random(4242);
        SchemaValidator validator = SchemaValidator.create();
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        int networkntGaveUp = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            for (int n = 0; n < SCHEMAS; n++) {
                ObjectNode schema = NODES.objectNode();
                schema.put("$schema", "https://json-schema.org/draft/2019-09/schema");
                schema.setAll(n < FIXED.length ? (ObjectNode) Json.mapper().readTree(FIXED[n]) : randomSchema(random, 0));
                Files.writeString(dir.resolve("s" + n + ".json"), schema.toString());
                Schema reference = networknt(schema);
                for (int v = 0; v < VALUES_PER_SCHEMA; v++) {
                    JsonNode value = randomValue(random, 0);
                    Boolean expectedValid;
                    try {
                        expectedValid = reference.validate(value).isEmpty();
                    } catch (RuntimeException gaveUp) {
                        expectedValid = null;
                        networkntGaveUp++;
                    }
                    List<Violation> violations;
                    try {
                        violations = validator.validateTree(loader, "/s" + n + ".json", value);
                    } catch (RuntimeException e) {
                        disagreements.add("threw " + e + " for " + value + " against " + schema);
                        continue;
                    }
                    compared++;
                    boolean runtimeValid = violations.isEmpty();
                    if (expectedValid == null ? runtimeValid : expectedValid != runtimeValid) {
                        disagreements.add((runtimeValid ? "valid" : "invalid") + " but networknt "
                                + (expectedValid == null ? "gave up" : expectedValid ? "valid" : "invalid")
                                + ": " + value + " against " + schema);
                    }
                }
            }
        }
        assertThat(disagreements).as("cases where the runtime and networknt disagree").isEmpty();
        assertThat(compared).isEqualTo(SCHEMAS * VALUES_PER_SCHEMA);
        assertThat(networkntGaveUp).as("values networknt cannot evaluate are part of the corpus").isPositive();
    }

    /**
     * At least 100,000 seeded, schema-guided mutations of the example requests the bundled snapshot ships, for
     * every model with examples: the runtime's verdict must be networknt's own, compiled on its own from the
     * same schema.
     */
    @Test
    void theRuntimeAgreesWithNetworkntOnMutatedBundledRequests() throws IOException {
        List<BundledExamples.Example> examples = BundledExamples.load(dir);
        int perExample = (MUTATIONS + examples.size() - 1) / examples.size();
        SchemaValidator validator = SchemaValidator.create();
        Map<SchemaGuidedMutations.Kind, int[]> byKind = new EnumMap<>(SchemaGuidedMutations.Kind.class);
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            for (BundledExamples.Example example : examples) {
                JsonNode schema = Json.mapper().readTree(dir.resolve(example.file()).toFile());
                Schema reference = networknt(schema);
                SchemaGuidedMutations mutations = new SchemaGuidedMutations(schema);
                List<JsonNode> valid = new ArrayList<>();
                example.content().path("valid").forEach(valid::add);
                Random random = new Random(example.file().hashCode());
                for (int i = 0; i < perExample; i++) {
                    List<SchemaGuidedMutations.Kind> kinds = new ArrayList<>();
                    JsonNode instance = mutations.mutate(valid.get(i % valid.size()), random, kinds);
                    boolean expectedValid;
                    try {
                        expectedValid = reference.validate(instance).isEmpty();
                    } catch (RuntimeException gaveUp) {
                        expectedValid = false;   // what networknt cannot evaluate is refused
                    }
                    boolean runtimeValid;
                    try {
                        runtimeValid = validator.validateTree(loader, example.resource(), instance).isEmpty();
                    } catch (RuntimeException e) {
                        disagreements.add(example.file() + ": threw " + e + " for " + instance);
                        continue;
                    }
                    compared++;
                    for (SchemaGuidedMutations.Kind kind : kinds) {
                        int[] counts = byKind.computeIfAbsent(kind, k -> new int[2]);
                        counts[0]++;
                        counts[1] += expectedValid ? 0 : 1;
                    }
                    if (runtimeValid != expectedValid && disagreements.size() < 50) {
                        disagreements.add(example.file() + ": runtime " + (runtimeValid ? "valid" : "invalid")
                                + ", networknt " + (expectedValid ? "valid" : "invalid") + ": " + instance);
                    }
                }
            }
        }
        assertThat(disagreements).as("mutated requests the runtime and networknt judge differently").isEmpty();
        assertThat(compared).isGreaterThanOrEqualTo(MUTATIONS);
        assertThat(byKind.keySet()).containsExactlyInAnyOrder(SchemaGuidedMutations.Kind.values());
        byKind.forEach((kind, counts) -> assertThat(counts[1])
                .as(kind + ": mutations networknt refuses, of " + counts[0]).isGreaterThan(counts[0] / 4));
    }

    /** networknt alone, as the runtime configures it: draft 2019-09 by default, format assertions on, offline. */
    static Schema networknt(JsonNode schema) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09, b -> b
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                .schemaLoader(loader -> loader.fetchRemoteResources(false)));
        Schema compiled = registry.getSchema(SchemaLocation.of("urn:test:schema"), schema);
        compiled.initializeValidators();
        return compiled;
    }

    @Test
    void valuesNetworkntCannotEvaluateAreRefusedNamingTheParameter() throws IOException {
        Files.writeString(dir.resolve("width.json"),
                "{\"type\":\"object\",\"properties\":{\"width\":{\"type\":\"integer\",\"maximum\":2048}}}");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            List<Violation> violations = SchemaValidator.create().validateTree(loader, "/width.json",
                    Json.mapper().readTree("{\"width\":1e308}"));
            assertThat(violations).singleElement().satisfies(v -> assertThat(v.parameters()).containsExactly("width"));
        }
    }

    // ------------------------------------------------------------------ random schemas

    private static final String[] FORMATS = {"uuid", "uri", "duration", "regex", "date-time", "email", "date"};

    private static ObjectNode randomSchema(Random r, int depth) {
        ObjectNode s = NODES.objectNode();
        int kind = r.nextInt(depth >= 3 ? 6 : 10);
        switch (kind) {
            case 0 -> {
                s.put("type", r.nextBoolean() ? "integer" : "number");
                bound(s, r, "minimum");
                bound(s, r, "maximum");
                if (r.nextInt(3) == 0) {
                    s.put(r.nextBoolean() ? "exclusiveMinimum" : "exclusiveMaximum", r.nextBoolean() ? 0 : 1.5);
                }
                if (r.nextInt(3) == 0) {
                    s.put("multipleOf", r.nextBoolean() ? 64 : r.nextBoolean() ? 0.5 : 0.01);
                }
            }
            case 1 -> {
                s.put("type", "string");
                s.put("format", FORMATS[r.nextInt(FORMATS.length)]);
            }
            case 2 -> {
                s.put("type", "string");
                if (r.nextBoolean()) {
                    s.put("minLength", r.nextInt(3));
                }
                if (r.nextBoolean()) {
                    s.put("maxLength", 1 + r.nextInt(5));
                }
                if (r.nextInt(3) == 0) {
                    s.put("pattern", r.nextBoolean() ? "^[a-z]+$" : "\\d");
                }
            }
            case 3 -> {
                ArrayNode values = s.putArray("enum");
                values.add(0).add(1.5).add("P1D").add(-1);
            }
            case 4 -> s.set("const", r.nextBoolean() ? NODES.numberNode(0) : NODES.stringNode("x"));
            case 5 -> {
                s.put("type", "array");
                s.set("items", randomSchema(r, depth + 1));
                if (r.nextBoolean()) {
                    s.put("uniqueItems", true);
                }
                s.put("maxItems", 3);
            }
            case 6 -> s.set("not", randomSchema(r, depth + 1));
            case 7 -> {
                s.set("if", randomSchema(r, depth + 1));
                s.set("then", randomSchema(r, depth + 1));
                if (r.nextBoolean()) {
                    s.set("else", randomSchema(r, depth + 1));
                }
            }
            case 8 -> {
                String combinator = new String[] {"anyOf", "oneOf", "allOf"}[r.nextInt(3)];
                ArrayNode branches = s.putArray(combinator);
                for (int i = 1 + r.nextInt(3); i > 0; i--) {
                    branches.add(randomSchema(r, depth + 1));
                }
            }
            default -> {
                s.put("type", "object");
                ObjectNode properties = s.putObject("properties");
                properties.set("a", randomSchema(r, depth + 1));
                properties.set("b", randomSchema(r, depth + 1));
                if (r.nextBoolean()) {
                    s.putArray("required").add("a");
                }
                if (r.nextBoolean()) {
                    s.put("additionalProperties", false);
                }
            }
        }
        if (r.nextInt(3) == 0) {
            annotate(s, r);
        }
        return s;
    }

    /** Annotations of every kind, some of them shaped like schemas. */
    private static void annotate(ObjectNode s, Random r) {
        s.put("description", "what this is");
        if (r.nextBoolean()) {
            s.put("title", "T");
            s.put("$comment", "c");
            s.put("deprecated", r.nextBoolean());
        }
        if (r.nextBoolean()) {
            s.set("default", r.nextBoolean() ? randomValue(r, 1) : NODES.objectNode().put("type", "string"));
        }
        if (r.nextBoolean()) {
            s.putArray("examples").add(randomValue(r, 1)).add(NODES.objectNode().put("minimum", 3));
        }
    }

    private static void bound(ObjectNode s, Random r, String keyword) {
        if (r.nextBoolean()) {
            s.put(keyword, r.nextBoolean() ? 0 : r.nextBoolean() ? 2048 : 0.5);
        }
    }

    // ------------------------------------------------------------------ random values

    private static JsonNode randomValue(Random r, int depth) {
        return switch (r.nextInt(depth >= 2 ? 5 : 7)) {
            case 0 -> edgeNumber(r);
            case 1 -> edgeString(r);
            case 2 -> r.nextBoolean() ? NODES.nullNode() : NODES.booleanNode(r.nextBoolean());
            case 3 -> NODES.numberNode(r.nextInt(5000) - 100);
            case 4 -> edgeNumber(r);
            case 5 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(randomValue(r, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                if (r.nextInt(4) != 0) {
                    o.set("a", randomValue(r, depth + 1));
                }
                if (r.nextBoolean()) {
                    o.set("b", randomValue(r, depth + 1));
                }
                if (r.nextInt(5) == 0) {
                    o.put("c", 1);
                }
                yield o;
            }
        };
    }

    private static JsonNode edgeNumber(Random r) {
        return switch (r.nextInt(14)) {
            case 0 -> NODES.numberNode(-0.0);
            case 1 -> NODES.numberNode(0.0);
            case 2 -> NODES.numberNode(new BigInteger("9223372036854775808"));
            case 3 -> NODES.numberNode(new BigInteger("-99999999999999999999999"));
            case 4 -> NODES.numberNode(1e308);
            case 5 -> NODES.numberNode(-1e308);
            case 6 -> NODES.numberNode(2048.0);
            case 7 -> NODES.numberNode(2048.000000001);
            case 8 -> NODES.numberNode(0.5);
            case 9 -> NODES.numberNode(1.5);
            case 10 -> NODES.numberNode(4.9e-324);
            case 11 -> NODES.numberNode(new java.math.BigDecimal("0.30000000000000000001"));
            case 12 -> NODES.numberNode(Long.MAX_VALUE);
            default -> NODES.numberNode(64L * (r.nextInt(40) - 5));
        };
    }

    private static JsonNode edgeString(Random r) {
        String[] strings = {"", "x", "abc", "ABC", "P1D", "PT1H30M", "1 day", "([", "^[a-z]+$", "2026-12-01T10:00:00Z",
                "2026-13-01T10:00:00Z", "2026-12-01", "someone@example.com", "not an email", "https://example.com/a.png",
                "not a uri", "urn:x", "6e1a8c53-5b4f-4d63-9d8f-2c7a1e0b9f41", "6E1A8C53-5B4F-4D63-9D8F-2C7A1E0B9F41",
                "6e1a8c53", "a1", "\uD83D\uDE00\uD83D\uDE00", "12"};
        return NODES.stringNode(strings[r.nextInt(strings.length)]);
    }
}
