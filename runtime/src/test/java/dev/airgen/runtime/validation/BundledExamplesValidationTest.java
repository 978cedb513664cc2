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

    private static Path dir;
    private static URLClassLoader loader;
    private static final SchemaValidator VALIDATOR = SchemaValidator.create();
    /** Mutations of each valid example the shortcut is checked on. */
    private static final int MUTATIONS_PER_EXAMPLE = 200;

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

    @TestFactory
    List<DynamicTest> everyBundledExampleValidatesAsDocumented() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (BundledExamples.Example e : BundledExamples.load(dir)) {
            String name = e.name();
            JsonNode example = e.content();
            String resource = e.resource();
            int i = 0;
            for (JsonNode valid : example.path("valid")) {
                int n = i++;
                tests.add(DynamicTest.dynamicTest(name + " valid #" + n, () ->
                        assertThat(VALIDATOR.validateTree(loader, resource, valid)).as(valid.toString()).isEmpty()));
            }
            i = 0;
            for (JsonNode documented : example.path("documented")) {
                int n = i++;
                JsonNode request = documented.get("request");
                tests.add(DynamicTest.dynamicTest(name + " documented #" + n, () ->
                        assertThat(VALIDATOR.validateTree(loader, resource, request))
                                .as(documented.path("source").asString() + " " + request).isEmpty()));
            }
            i = 0;
            for (JsonNode invalid : example.path("invalid")) {
                int n = i++;
                String expected = invalid.get("parameter").asString();
                tests.add(DynamicTest.dynamicTest(name + " invalid #" + n + " (" + expected + ")", () -> {
                    List<Violation> violations = VALIDATOR.validateTree(loader, resource, invalid.get("request"));
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
     * example and counter-example, and {@value #MUTATIONS_PER_EXAMPLE} schema-guided mutations of each valid
     * example (the kinds the differential test uses), are checked against networknt on its own.
     */
    @TestFactory
    List<DynamicTest> theShortcutNeverContradictsNetworknt() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (BundledExamples.Example e : BundledExamples.load(dir)) {
            String file = e.file();
            JsonNode example = e.content();
            String resource = e.resource();
            tests.add(DynamicTest.dynamicTest(file, () -> {
                List<JsonNode> instances = new ArrayList<>();
                example.path("invalid").forEach(i -> instances.add(i.get("request")));
                example.path("documented").forEach(d -> instances.add(d.get("request")));
                SchemaGuidedMutations mutations = new SchemaGuidedMutations(Json.mapper().readTree(dir.resolve(file).toFile()));
                java.util.Random random = new java.util.Random(file.hashCode());
                for (JsonNode valid : example.path("valid")) {
                    instances.add(valid);
                    for (int m = 0; m < MUTATIONS_PER_EXAMPLE; m++) {
                        instances.add(mutations.mutate(valid, random, new ArrayList<>()));
                    }
                }
                assertThat(VALIDATOR.shortcutVerdict(loader, resource, example.path("valid").path(0)))
                        .as("the shortcut compiles for " + file + " and proves its first valid example")
                        .isEqualTo(FastValidator.Verdict.VALID);
                List<String> contradictions = new ArrayList<>();
                int decided = 0;
                for (JsonNode instance : instances) {
                    FastValidator.Verdict verdict = VALIDATOR.shortcutVerdict(loader, resource, instance);
                    boolean networkntValid;
                    try {
                        networkntValid = VALIDATOR.networkntErrors(loader, resource, instance).isEmpty();
                    } catch (RuntimeException gaveUp) {
                        networkntValid = false;   // a value networknt cannot evaluate is refused
                    }
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
                        .isGreaterThanOrEqualTo(instances.size() * 3 / 4);
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
