package dev.airgen.modelschemas;

import dev.airgen.schema.snapshot.EntryKind;
import dev.airgen.schema.snapshot.SchemaMap;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;

/**
 * Every example file holds requests that must pass and requests that must fail; a failing request names the
 * parameter at fault, and validation must blame that parameter. The {@code documented} requests (those a
 * public source shows, each with its source) must pass like the valid ones.
 */
class ExamplesTest {

    static final Path EXAMPLES = Path.of("src", "main", "resources", "airgen", "examples");

    private static SchemaRegistry registry;
    private static final Map<String, Schema> COMPILED = new HashMap<>();

    @BeforeAll
    static void registry() {
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09);
    }

    record Example(String file, String label, JsonNode schema, JsonNode request, String parameter) {
        @Override
        public String toString() {
            return file + " " + label;
        }
    }

    static List<Path> files() {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode targetSchema(JsonNode target, String file) {
        JsonNode map = Snapshot.schemaMap();
        if (target.has("air")) {
            for (JsonNode e : map.path("inference")) {
                if (target.path("air").asString().equals(SchemaMap.air(e))) {
                    return SchemaMap.requestOf(e);
                }
            }
        } else if (target.has("utility")) {
            for (JsonNode e : map.path("utilities")) {
                if (target.path("utility").asString().equals(SchemaMap.utilityKey(e))) {
                    return SchemaMap.requestOf(e);
                }
            }
        } else {
            for (Map.Entry<String, EntryKind> section : SchemaMap.KEYED_SECTIONS.entrySet()) {
                String kind = section.getValue().name().toLowerCase(java.util.Locale.ROOT);
                if (target.has(kind)) {
                    JsonNode s = map.path(section.getKey()).path(target.path(kind).asString());
                    if (!s.isMissingNode()) {
                        return SchemaMap.requestOf(s);
                    }
                }
            }
        }
        throw new AssertionError(file + ": target " + target + " is not in the snapshot");
    }

    static Stream<Example> examples(boolean valid) {
        List<Example> out = new ArrayList<>();
        for (Path f : files()) {
            JsonNode doc = Snapshot.MAPPER.readTree(f.toFile());
            String name = f.getFileName().toString();
            JsonNode schema = targetSchema(doc.path("target"), name);
            int i = 0;
            for (JsonNode r : doc.path(valid ? "valid" : "invalid")) {
                if (valid) {
                    out.add(new Example(name, "valid #" + i++, schema, r, null));
                } else {
                    out.add(new Example(name, "invalid #" + i++ + " (" + r.path("parameter").asString() + ")", schema, r.path("request"),
                            r.path("parameter").asString()));
                }
            }
            if (valid) {
                i = 0;
                for (JsonNode d : doc.path("documented")) {
                    out.add(new Example(name, "documented #" + i++ + " (" + d.path("source").asString() + ")", schema, d.path("request"), null));
                }
            }
        }
        return out.stream();
    }

    static Stream<Example> validExamples() {
        return examples(true);
    }

    static Stream<Example> invalidExamples() {
        return examples(false);
    }

    private static List<Error> validate(Example e) {
        Schema schema = COMPILED.computeIfAbsent(e.file(), k -> registry.getSchema(e.schema()));
        return schema.validate(e.request());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void validRequestsPass(Example e) {
        assertThat(validate(e)).as(e.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExamples")
    void invalidRequestsFailOnTheNamedParameter(Example e) {
        assertThat(e.parameter()).as(e + " names a parameter").isNotBlank();
        List<Error> errors = validate(e);
        assertThat(errors).as(e.toString()).isNotEmpty();
        Set<String> blamed = new LinkedHashSet<>();
        errors.forEach(err -> blamed.addAll(ErrorBlame.parameters(err)));
        if (Boolean.getBoolean("airgen.examples.trace")) {
            System.out.println("TRACE " + e + " -> " + errors.stream().map(Error::toString).toList());
        }
        assertThat(blamed.stream().anyMatch(b -> ErrorBlame.covers(b, e.parameter())))
                .as("%s: errors %s blame %s, not %s", e, errors, blamed, e.parameter()).isTrue();
    }

    @Test
    void everyExampleFileHasBothKindsAndEveryDeepModelHasOne() {
        Set<String> withExamples = files().stream().map(SnapshotAssembler::baseName).collect(Collectors.toSet());
        for (Path f : files()) {
            JsonNode doc = Snapshot.MAPPER.readTree(f.toFile());
            assertThat(doc.path("valid").size()).as(f + " valid").isGreaterThan(0);
            assertThat(doc.path("invalid").size()).as(f + " invalid").isGreaterThan(0);
            for (JsonNode d : doc.path("documented")) {
                assertThat(d.path("source").asString("")).as(f + " documented source").isNotBlank();
                assertThat(d.path("request").isObject()).as(f + " documented request of " + d.path("source")).isTrue();
                assertThat(d.properties()).as(f + " documented entry keys").extracting(Map.Entry::getKey)
                        .containsExactlyInAnyOrder("source", "request");
            }
        }
        List<SnapshotAssembler.ModelSource> models = new SnapshotAssembler(SnapshotAssembler.defaultRoot()).loadModels();
        List<String> deep = models.stream().filter(SnapshotAssembler.ModelSource::deep).map(SnapshotAssembler.ModelSource::slug).toList();
        assertThat(withExamples).as("example files for deep models").containsAll(deep);
        assertThat(deep.size()).as("deep models").isGreaterThanOrEqualTo(60);
    }

    @Test
    void deepModelsCoverEveryTaskType() {
        Set<String> taskTypes = new SnapshotAssembler(SnapshotAssembler.defaultRoot()).loadModels().stream()
                .filter(SnapshotAssembler.ModelSource::deep)
                .map(m -> m.request().path("properties").path("taskType").path("const").asString())
                .collect(Collectors.toSet());
        assertThat(taskTypes).containsExactlyInAnyOrder("imageInference", "videoInference", "audioInference", "3dInference",
                "textInference", "caption", "upscale", "removeBackground", "vectorize", "controlNetPreprocess", "imageMasking",
                "promptEnhance", "training");
    }
}
