package dev.airgen.generator;

import dev.airgen.schema.SchemaException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.generator.testing.Snapshots;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every problem the generator finds in a schema is one message {@code file#/pointer: reason}; nothing degrades
 * silently. (Errors of reading a snapshot and resolving its references are tested with the reader, in
 * schema-core.)
 */
class InputErrorsTest {

    @TempDir
    Path dir;

    private void fails(Map<String, String> files, String expectedMessagePart) {
        Path snapshot = Snapshots.write(dir, files);
        assertThatThrownBy(() -> new Generator().generate(GeneratorConfig.of(snapshot, "x.y")))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining(expectedMessagePart);
    }

    @Test
    void conflictingAllOfPartsNameBothPlaces() {
        fails(Map.of("schema-map.json", Snapshots.bundleWithProperties("""
                "inputs":{"allOf":[{"properties":{"image":{"type":"string"}}},{"properties":{"image":{"type":"integer"}}}]}""")),
                "schema-map.json#/inference/0/requestSchema/properties/inputs/allOf/1/properties/image: property 'image' is defined differently"
                        + " by another allOf part at schema-map.json#/inference/0/requestSchema/properties/inputs/allOf/0/properties/image");
    }

    @Test
    void incompatibleTypesInAllOf() {
        fails(Map.of("schema-map.json", Snapshots.bundleWithProperties("\"steps\":{\"allOf\":[{\"type\":\"integer\"},{\"type\":\"string\"}]}")),
                "/properties/steps/allOf/1/type: allOf parts require incompatible types");
    }

    @Test
    void schemaThatIsNotAnObject() {
        fails(Map.of("schema-map.json", Snapshots.bundleWithProperties("\"steps\":42")),
                "schema-map.json#/inference/0/requestSchema/properties/steps: a schema must be an object or a boolean, found number");
    }

    @Test
    void unknownType() {
        fails(Map.of("schema-map.json", Snapshots.bundleWithProperties("\"steps\":{\"type\":\"int\"}")),
                "/properties/steps/type: unknown type 'int'");
    }

    @Test
    void taskSchemaWithoutConstantTaskType() {
        fails(Map.of("schema-map.json", Snapshots.bundleWithProperties("").replace("{\"const\":\"imageInference\"},\"taskUUID\"",
                "{\"type\":\"string\"},\"taskUUID\"")), "requestSchema/properties: a task schema needs 'taskType' with a constant string value");
    }

    @Test
    void propertiesBecomingTheSameJavaNameAllGetLegalDistinctNames(@TempDir Path other) {
        Path snapshot = Snapshots.write(other, Map.of("schema-map.json",
                Snapshots.bundleWithProperties("\"CFGScale\":{\"type\":\"number\"},\"cfgScale\":{\"type\":\"number\"}")));
        String request = new Generator().generate(GeneratorConfig.of(snapshot, "x.y")).sources().stream()
                .filter(f -> f.relativePath().endsWith("TestModelRequest.java")).findFirst().orElseThrow().text();
        assertThat(request).contains("public Optional<Double> cfgScale()").contains("public Optional<Double> CFGScale()");
        Path four = Snapshots.write(other.resolve("four"), Map.of("schema-map.json", Snapshots.bundleWithProperties(
                "\"a-b\":{\"type\":\"number\"},\"a_b\":{\"type\":\"number\"},\"aB\":{\"type\":\"number\"},\"a b\":{\"type\":\"number\"}")));
        String all = new Generator().generate(GeneratorConfig.of(four, "x.y")).sources().stream()
                .filter(f -> f.relativePath().endsWith("TestModelRequest.java")).findFirst().orElseThrow().text();
        // The exact spelling keeps its name; the others get their JSON spelling or a suffix, in schema order.
        assertThat(all).contains("public Optional<Double> aB()").contains("public Optional<Double> aBValue()")
                .contains("public Optional<Double> a_b()").contains("public Optional<Double> aBProperty()");
    }

    @Test
    void dynamicReferencesAreRefusedNotIgnored() {
        fails(Map.of("schema-map.json", Snapshots.bundleWithProperties("\"tree\":{\"$dynamicRef\":\"#node\"}")),
                "/properties/tree/$dynamicRef: '$dynamicRef' is not supported");
    }
}
