package dev.airgen.schema.snapshot;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.schema.SchemaException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem in reading a snapshot or resolving its references is one message {@code file#/pointer: reason}. */
class SnapshotInputErrorsTest {

    @TempDir
    Path dir;

    private void fails(Map<String, String> files, String expectedMessagePart) {
        Path snapshot = TestSnapshots.write(dir, files);
        assertThatThrownBy(() -> TestSnapshots.readAndResolve(snapshot))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining(expectedMessagePart);
    }

    @Test
    void invalidJsonNamesFileAndLine() {
        fails(Map.of("schema-map.json", "{\"inference\": [ {\"air\": }"), "schema-map.json#/inference/0/air: not valid JSON at line 1");
    }

    @Test
    void missingRefTargetNamesTheReference() {
        fails(Map.of("schema-map.json", TestSnapshots.bundleWithProperties("\"lora\":{\"$ref\":\"#/$defs/missing\"}")),
                "schema-map.json#/inference/0/requestSchema/properties/lora/$ref: $ref '#/$defs/missing' points to nothing");
    }

    @Test
    void remoteRefIsRefusedUnlessTheSnapshotHasIt() {
        fails(Map.of("schema-map.json", TestSnapshots.bundleWithProperties("\"lora\":{\"$ref\":\"https://example.com/lora.json\"}")),
                "/properties/lora/$ref: $ref 'https://example.com/lora.json' is remote");
    }

    @Test
    void refToAFileTheSnapshotLacks() {
        fails(Map.of("model.json", "{\"requestSchema\":" + requestWith("\"lora\":{\"$ref\":\"common/lora.json\"}") + "}"),
                "model.json#/requestSchema/properties/lora/$ref: $ref 'common/lora.json' refers to file 'common/lora.json', which is not in the snapshot");
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
