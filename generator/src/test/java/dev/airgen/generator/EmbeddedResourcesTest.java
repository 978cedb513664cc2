package dev.airgen.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.generator.testing.Snapshots;
import dev.airgen.runtime.types.JsonValue;
import dev.airgen.runtime.validation.SchemaValidator;
import dev.airgen.runtime.validation.Violation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Subschemas with their own {@code $id}: the references inside them mean what JSON Schema says (relative to
 * that resource), in the generated types and in the bundled schema the runtime validates against, and the
 * runtime's verdict on the bundle is networknt's verdict on the schema as written.
 */
class EmbeddedResourcesTest {

    /** The file's {@code $defs/x} is a string, the embedded resource's {@code $defs/x} an integer of at least 1. */
    private static final String REQUEST = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "$defs":{
               "x":{"type":"string"},
               "inner":{"$id":"parts/inner.json","type":"object",
                 "$defs":{"x":{"type":"integer","minimum":1},"named":{"$anchor":"ratio","type":"number","maximum":2}},
                 "properties":{"count":{"$ref":"#/$defs/x"},"ratio":{"$ref":"#ratio"},"speed":{"$ref":"speed.json"}}},
               "speed":{"$id":"parts/speed.json","type":"string","enum":["fast","slow"]}},
             "properties":{"taskType":{"const":"imageInference"},"taskUUID":{"type":"string"},"model":{"type":"string"},
               "label":{"$ref":"#/$defs/x"},"settings":{"$ref":"parts/inner.json"}},
             "required":["taskType","taskUUID","model"]}
            """;

    @TempDir
    Path dir;

    @Test
    void referencesInsideAnEmbeddedResourceResolveAgainstItForTypesAndValidationAlike() throws Exception {
        Path snapshot = Snapshots.write(dir.resolve("snapshot"), Map.of("resolve/acme%3A5%401.json",
                "{\"requestSchema\":" + REQUEST + ",\"documentation\":\"https://runware.ai/docs/models/acme-nested\"}"));
        GenerationResult result = new Generator().generate(GeneratorConfig.of(snapshot, "dev.airgen.test.nested"));

        String request = result.sources().stream().filter(f -> f.relativePath().endsWith("AcmeNestedRequest.java"))
                .findFirst().orElseThrow().text();
        assertThat(request).contains("Optional<String> label()").contains("Optional<Integer> count()")
                .contains("Optional<Double> ratio()");
        assertThat(request).containsPattern("Optional<\\w+> speed\\(\\)").doesNotContain("Optional<String> speed()");

        String bundlePath = "dev/airgen/test/nested/schemas/AcmeNestedRequest.json";
        String bundle = result.resources().stream().filter(f -> f.relativePath().equals(bundlePath)).findFirst().orElseThrow().text();
        JsonNode bundled = Snapshots.JSON.readTree(bundle);
        assertThat(bundled.findValues("$id")).as("no $id is left to change what # means").isEmpty();
        assertThat(bundled.findValues("$anchor")).isEmpty();

        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve(bundlePath).getParent());
        Files.writeString(classes.resolve(bundlePath), bundle);
        Files.createDirectories(classes.resolve("as-written"));
        Files.writeString(classes.resolve("as-written/request.json"), REQUEST);

        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("{\"label\":\"a\",\"settings\":{\"count\":3,\"ratio\":1.5,\"speed\":\"fast\"}}", List.of());
        expected.put("{\"settings\":{\"count\":\"three\"}}", List.of("settings.count"));
        expected.put("{\"settings\":{\"count\":0}}", List.of("settings.count"));
        expected.put("{\"settings\":{\"ratio\":3}}", List.of("settings.ratio"));
        expected.put("{\"settings\":{\"speed\":\"medium\"}}", List.of("settings.speed"));
        expected.put("{\"label\":5}", List.of("label"));
        SchemaValidator validator = SchemaValidator.create();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            for (Map.Entry<String, List<String>> e : expected.entrySet()) {
                String task = "{\"taskType\":\"imageInference\",\"taskUUID\":\"u\",\"model\":\"acme:5@1\","
                        + e.getKey().substring(1);
                List<String> fromBundle = parameters(validator.validate(loader, "/" + bundlePath, JsonValue.parse(task)));
                List<String> asWritten = parameters(validator.validate(loader, "/as-written/request.json", JsonValue.parse(task)));
                assertThat(fromBundle).as(task).isEqualTo(e.getValue());
                assertThat(asWritten).as("networknt on the schema as written, " + task).isEqualTo(e.getValue());
            }
        }
    }

    private static List<String> parameters(List<Violation> violations) {
        return violations.stream().flatMap(v -> v.parameters().stream()).distinct().toList();
    }
}
