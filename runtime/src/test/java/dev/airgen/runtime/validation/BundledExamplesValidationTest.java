package dev.airgen.runtime.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.runtime.types.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * The validator against the real bundled snapshot: every example request the snapshot ships, and every
 * request a public source documents, must pass, and every counter-example must fail naming the parameter
 * the example says is wrong.
 */
class BundledExamplesValidationTest {

    private static final String SNAPSHOT = "airgen/snapshot/schema-map.json";

    private static Path dir;
    private static URLClassLoader loader;
    private static final SchemaValidator VALIDATOR = SchemaValidator.create();

    @BeforeAll
    static void writeSchemas() throws IOException {
        dir = Files.createTempDirectory("airgen-schemas");
        loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        loader.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = BundledExamplesValidationTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> exampleFiles() throws IOException {
        URL url = BundledExamplesValidationTest.class.getClassLoader().getResource(SNAPSHOT);
        assertThat(url).as("bundled snapshot on the test classpath").isNotNull();
        List<String> names = new ArrayList<>();
        if ("jar".equals(url.getProtocol())) {
            String jar = url.getPath().substring("file:".length(), url.getPath().indexOf('!'));
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(java.net.URLDecoder.decode(jar, "UTF-8"))) {
                file.stream().map(java.util.jar.JarEntry::getName)
                        .filter(n -> n.startsWith("airgen/examples/") && n.endsWith(".json")).forEach(names::add);
            }
        } else {
            Path examples = Path.of(java.net.URI.create(url.toString())).getParent().resolveSibling("examples");
            try (Stream<Path> files = Files.list(examples)) {
                files.filter(f -> f.toString().endsWith(".json"))
                        .forEach(f -> names.add("airgen/examples/" + f.getFileName()));
            }
        }
        names.sort(null);
        return names;
    }

    /** The request schema an example targets, written to a file the validator loads from the classpath. */
    private static String schemaFor(JsonNode map, JsonNode target, String name) throws IOException {
        JsonNode schema = null;
        if (target.has("air")) {
            for (JsonNode entry : map.get("inference")) {
                if (target.get("air").asString().equals(entry.path("air").asString(null))) {
                    schema = entry.get("requestSchema");
                }
            }
        } else if (target.has("utility")) {
            for (JsonNode entry : map.get("utilities")) {
                JsonNode s = entry.get("requestSchema");
                if (target.get("utility").asString().equals(s.path("properties").path("taskType").path("const").asString(null))
                        || target.get("utility").asString().equals(entry.path("slug").asString(null))) {
                    schema = s;
                }
            }
        } else {
            for (String kind : List.of("architecture", "operation", "modality")) {
                if (target.has(kind)) {
                    JsonNode node = map.get(kind.equals("modality") ? "modalities" : kind + "s").get(target.get(kind).asString());
                    schema = node != null && node.has("requestSchema") ? node.get("requestSchema") : node;
                }
            }
        }
        assertThat(schema).as("schema for " + target).isNotNull();
        Path file = dir.resolve(name);
        Files.writeString(file, Json.mapper().writeValueAsString(schema));
        return "/" + name;
    }

    /** A bundled example file, with its schema written where the validator finds it. */
    private record Example(String name, String file, JsonNode content, String resource) {
    }

    private static List<Example> examples() throws IOException {
        JsonNode map = read(SNAPSHOT);
        List<Example> out = new ArrayList<>();
        for (String name : exampleFiles()) {
            JsonNode example = read(name);
            String file = name.substring(name.lastIndexOf('/') + 1);
            out.add(new Example(name, file, example, schemaFor(map, example.get("target"), file)));
        }
        return out;
    }

    @TestFactory
    List<DynamicTest> everyBundledExampleValidatesAsDocumented() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Example e : examples()) {
            String name = e.name();
            JsonNode example = e.content();
            String resource = e.resource();
            int i = 0;
            for (JsonNode valid : example.path("valid")) {
                int n = i++;
                tests.add(DynamicTest.dynamicTest(name + " valid #" + n, () ->
                        assertThat(VALIDATOR.validate(loader, resource, valid)).as(valid.toString()).isEmpty()));
            }
            i = 0;
            for (JsonNode documented : example.path("documented")) {
                int n = i++;
                JsonNode request = documented.get("request");
                tests.add(DynamicTest.dynamicTest(name + " documented #" + n, () ->
                        assertThat(VALIDATOR.validate(loader, resource, request))
                                .as(documented.path("source").asString() + " " + request).isEmpty()));
            }
            i = 0;
            for (JsonNode invalid : example.path("invalid")) {
                int n = i++;
                String expected = invalid.get("parameter").asString();
                tests.add(DynamicTest.dynamicTest(name + " invalid #" + n + " (" + expected + ")", () -> {
                    List<Violation> violations = VALIDATOR.validate(loader, resource, invalid.get("request"));
                    assertThat(violations).as(invalid.get("reason").asString()).isNotEmpty();
                    List<String> named = new ArrayList<>();
                    violations.forEach(v -> named.addAll(v.parameters()));
                    assertThat(named).as("parameters named for: " + invalid.get("reason").asString() + " " + violations)
                            .anySatisfy(p -> assertThat(related(p, expected)).isTrue());
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThan(100);
        return tests;
    }

    /**
     * The shortcut in front of networknt may only say VALID or INVALID where networknt agrees. Every
     * example and counter-example, and a few hundred mutations of each valid example (values of every
     * JSON kind, bounds, removed and unknown fields), are checked against networknt on its own.
     */
    @TestFactory
    List<DynamicTest> theShortcutNeverContradictsNetworknt() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Example e : examples()) {
            String file = e.file();
            JsonNode example = e.content();
            String resource = e.resource();
            tests.add(DynamicTest.dynamicTest(file, () -> {
                List<JsonNode> instances = new ArrayList<>();
                example.path("invalid").forEach(i -> instances.add(i.get("request")));
                example.path("documented").forEach(d -> instances.add(d.get("request")));
                long seed = file.hashCode();
                for (JsonNode valid : example.path("valid")) {
                    instances.add(valid);
                    instances.addAll(Mutations.of(valid, new java.util.Random(seed++)));
                }
                assertThat(VALIDATOR.shortcutVerdict(loader, resource, example.path("valid").path(0)))
                        .as("the shortcut compiles for " + file + " and proves its first valid example")
                        .isEqualTo(FastValidator.Verdict.VALID);
                List<String> contradictions = new ArrayList<>();
                int decided = 0;
                for (JsonNode instance : instances) {
                    FastValidator.Verdict verdict = VALIDATOR.shortcutVerdict(loader, resource, instance);
                    boolean networkntValid = VALIDATOR.networkntErrors(loader, resource, instance).isEmpty();
                    if (verdict != FastValidator.Verdict.UNSURE) {
                        decided++;
                        if ((verdict == FastValidator.Verdict.VALID) != networkntValid) {
                            contradictions.add(verdict + " but networknt " + (networkntValid ? "valid" : "invalid")
                                    + ": " + instance);
                        }
                    }
                }
                assertThat(contradictions).as("shortcut verdicts networknt disagrees with").isEmpty();
                assertThat(decided).as("instances the shortcut decided, of " + instances.size())
                        .isGreaterThanOrEqualTo(instances.size() * 9 / 10);
            }));
        }
        return tests;
    }

    /** The same parameter, or one inside the other ({@code inputs} vs {@code inputs.frameImages[0]}). */
    private static boolean related(String actual, String expected) {
        return actual.equals(expected) || actual.startsWith(expected + ".") || actual.startsWith(expected + "[")
                || expected.startsWith(actual + ".") || expected.startsWith(actual + "[");
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> unused() {
        return Map.of();
    }
}
