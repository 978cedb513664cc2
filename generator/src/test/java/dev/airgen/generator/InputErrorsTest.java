package dev.airgen.generator;

import dev.airgen.schema.SchemaException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.generator.testing.Snapshots;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem in the input is one message {@code file#/pointer: reason}; nothing degrades silently. */
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
    void invalidJsonNamesFileAndLine() {
        fails(Map.of("schema-map.json", "{\"inference\": [ {\"air\": }"), "schema-map.json#/inference/0/air: not valid JSON at line 1");
    }

    @Test
    void missingRefTargetNamesTheReference() {
        fails(Map.of("schema-map.json", Snapshots.bundleWithProperties("\"lora\":{\"$ref\":\"#/$defs/missing\"}")),
                "schema-map.json#/inference/0/requestSchema/properties/lora/$ref: $ref '#/$defs/missing' points to nothing");
    }

    @Test
    void remoteRefIsRefusedUnlessTheSnapshotHasIt() {
        fails(Map.of("schema-map.json", Snapshots.bundleWithProperties("\"lora\":{\"$ref\":\"https://example.com/lora.json\"}")),
                "/properties/lora/$ref: $ref 'https://example.com/lora.json' is remote");
    }

    @Test
    void refToAFileTheSnapshotLacks() {
        fails(Map.of("model.json", "{\"requestSchema\":" + requestWith("\"lora\":{\"$ref\":\"common/lora.json\"}") + "}"),
                "model.json#/requestSchema/properties/lora/$ref: $ref 'common/lora.json' refers to file 'common/lora.json', which is not in the snapshot");
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

    @Test
    void emptyFolder() {
        fails(Map.of("notes.json", "{\"hello\":\"world\"}"), "no model schemas or catalog found");
    }

    @Test
    void catalogEntryWithoutAir() {
        fails(Map.of("catalog.json", "[{\"slug\":\"x\"}]"), "catalog.json#/0: catalog entry has no 'air'");
    }


    static String requestWith(String properties) {
        return """
                {"type":"object","properties":{"taskType":{"const":"imageInference"},"taskUUID":{"type":"string"},
                 "model":{"const":"test:2@1"}%s},"required":["taskType"]}""".formatted("," + properties);
    }
}
