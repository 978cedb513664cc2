package dev.airgen.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.schema.SchemaException;
import dev.airgen.schema.snapshot.SnapshotReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the emulator looks up in a snapshot that schema-core's reader read. */
class SnapshotTest {

    @Test
    void loadsAFolderWithCatalog() {
        SnapshotIndex s = new SnapshotIndex(TestSupport.testSnapshot());
        assertThat(s.version()).isEqualTo("20260101000000");
        assertThat(s.airs()).contains("test:image@1", "civitai:101@202", "test:caption@1").hasSize(8);
        assertThat(s.knowsTaskType("caption")).isTrue();
        assertThat(s.knowsTaskType("modelSearch")).isTrue();
        assertThat(s.targetForModel("civitai:101@202").key()).isEqualTo("architecture:sdxl");
        assertThat(s.targetForModel("test:caption@1")).isNull();
        assertThat(s.targetsForTaskType("caption")).hasSize(1);
    }

    @Test
    void loadsASchemaMapFileWithoutCatalog(@TempDir Path dir) throws IOException {
        Path map = dir.resolve("bundle.json");
        Files.copy(TestSupport.snapshotDir().resolve("schema-map.json"), map);
        SnapshotIndex s = new SnapshotIndex(SnapshotReader.read(map));
        assertThat(s.airs()).hasSize(6).doesNotContain("civitai:101@202");
        assertThat(s.schemaMapBytesShared()).isEqualTo(Files.readAllBytes(map));
    }

    @Test
    void explainsBrokenInput(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> RunwareEmulator.builder().snapshot(dir)).isInstanceOf(SchemaException.class)
                .hasMessageContaining("no model schemas or catalog found");
        assertThatThrownBy(() -> TestSupport.snapshotOf("{nope", null)).isInstanceOf(SchemaException.class)
                .hasMessageContaining("schema-map.json#: not valid JSON at line 1");
        assertThatThrownBy(() -> TestSupport.snapshotOf("[]", null)).hasMessageContaining("no model schemas or catalog found");
        assertThatThrownBy(() -> TestSupport.snapshotOf("{\"inference\":{}}", null)).hasMessageContaining("no model schemas or catalog found");
        assertThatThrownBy(() -> TestSupport.snapshotOf("{\"inference\":[{\"slug\":\"x\"}]}", null))
                .hasMessageContaining("schema-map.json#/inference/0/requestSchema: missing schema");
        assertThatThrownBy(() -> TestSupport.snapshotOf("{}", "{\"a\":1}")).hasMessageContaining("no model schemas or catalog found");
        assertThatThrownBy(() -> TestSupport.snapshotOf("{}", "[{\"slug\":\"x\"}]")).hasMessageContaining("catalog.json#/0: catalog entry has no 'air'");
    }

    @Test
    void providerKeysAndModalityTaskTypesComeFromTheSnapshot() {
        SnapshotIndex s = new SnapshotIndex(TestSupport.snapshotOf("""
                {"inference": [{"air": "a:1@1", "requestSchema": {"properties": {"taskType": {"const": "imageInference"},
                   "providerSettings": {"properties": {"acme": {"type": "object"}}}}}}],
                 "modalities": {"hologram": {"properties": {"taskType": {"const": "holoRender"}}},
                                "smell": {"type": "object"}},
                 "operations": {"sniff": {"requestSchema": {"properties": {"taskType": {"const": "sniff"},
                   "providerSettings": {"$ref": "#/$defs/p"}}, "$defs": {"p": {"properties": {"nose": {}}}}}}}}
                """, null));
        assertThat(s.providerKeys()).containsExactly("acme", "nose");
        assertThat(s.knowsTaskType("holoRender")).isTrue();
        assertThat(s.knowsTaskType("smellInference")).isTrue();
        assertThat(s.knowsTaskType("sniff")).isTrue();
        assertThat(s.targetsForTaskType("holoRender")).extracting(SnapshotIndex.Target::key).containsExactly("modality:hologram");
        assertThat(s.targetsForTaskType("sniff")).extracting(SnapshotIndex.Target::key).containsExactly("operation:sniff");
        assertThat(SnapshotIndex.bundled().providerKeys()).contains("google", "klingai", "bfl").doesNotContain("acme");
    }

    @Test
    void bundledSnapshotIsReadableAndEveryModelSchemaCompiles() {
        SnapshotIndex s = SnapshotIndex.bundled();
        assertThat(s.version()).isNotBlank();
        assertThat(s.airs()).isNotEmpty();
        for (String air : s.airs()) {
            SnapshotIndex.Target t = s.targetForModel(air);
            if (t != null) {
                assertThat(s.compiled(t)).as(air).isNotNull();
            }
        }
    }

    private static String model(String air, String id, String required, String dialect, String extra) {
        return "{\"slug\":\"" + air.replace(':', '-') + "\",\"air\":\"" + air + "\",\"requestSchema\":{"
                + "\"$schema\":\"" + dialect + "\",\"$id\":\"" + id + "\",\"type\":\"object\","
                + "\"properties\":{\"taskType\":{\"const\":\"imageInference\"},\"model\":{\"const\":\"" + air + "\"}" + extra + "},"
                + "\"required\":[\"taskType\",\"model\"" + required + "]}}";
    }

    @Test
    void schemasSharingAnIdDoNotShadowEachOther() {
        String map = "{\"version\":\"1\",\"inference\":["
                + model("a:1@1", "https://example.com/same.json", ",\"seed\"", "https://json-schema.org/draft/2019-09/schema", "")
                + "," + model("b:1@1", "https://example.com/same.json", "", "https://json-schema.org/draft/2019-09/schema", "")
                + "," + model("c:1@1", "x", "", "https://example.com/custom-dialect", "")
                + "," + model("d:1@1", "y", "", "https://json-schema.org/draft/2019-09/schema",
                        ",\"seed\":{\"$ref\":\"https://example.com/remote.json\"}")
                + "]}";
        try (RunwareEmulator e = RunwareEmulator.builder().snapshot(TestSupport.snapshotOf(map, null)).start()) {
            TestSupport.Resp a = TestSupport.api(e, TestSupport.task("imageInference", "a:1@1"));
            assertThat(a.error(0).get("code").asString()).isEqualTo("missingSeed");
            TestSupport.Resp b = TestSupport.api(e, TestSupport.task("imageInference", "b:1@1").put("outputFormat", "PNG"));
            assertThat(b.status()).as(b.body()).isEqualTo(200);
            TestSupport.Resp c = TestSupport.api(e, TestSupport.task("imageInference", "c:1@1"));
            assertThat(c.status()).as(c.body()).isEqualTo(200);
            TestSupport.Resp d = TestSupport.api(e, TestSupport.task("imageInference", "d:1@1").put("seed", 1));
            assertThat(d.status()).as(d.body()).isEqualTo(500);
            assertThat(d.error(0).get("code").asString()).isEqualTo("internalServerError");
            assertThat(TestSupport.api(e, TestSupport.task("imageInference", "b:1@1")).status()).isEqualTo(200);
        }
    }
}
