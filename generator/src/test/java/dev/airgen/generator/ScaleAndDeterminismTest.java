package dev.airgen.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.generator.emit.GeneratedFile;
import dev.airgen.generator.testing.Compiled;
import dev.airgen.generator.testing.Snapshots;
import dev.airgen.generator.testing.SyntheticBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class ScaleAndDeterminismTest {

    @TempDir
    Path dir;

    @Test
    void fourHundredModelsGenerateAndCompile() throws Exception {
        Path snapshot = Snapshots.write(dir.resolve("in"), Map.of("schema-map.json",
                Snapshots.JSON.writeValueAsString(new SyntheticBundle(400).bundle(400))));
        long start = System.nanoTime();
        GenerationResult result = new Generator().generate(GeneratorConfig.of(snapshot, "dev.airgen.test.scale"));
        long generated = System.nanoTime();
        assertThat(result.report().requestClasses()).isEqualTo(401);
        try (Compiled compiled = Compiled.compile(result, dir.resolve("out"))) {
            assertThat(compiled.load("dev.airgen.test.scale.SynthModel399Request")).isNotNull();
        }
        System.out.printf("400 synthetic models: %s; generate %d ms, compile %d ms%n", result.report(),
                (generated - start) / 1_000_000, (System.nanoTime() - generated) / 1_000_000);
    }

    @Test
    void moreRandomBundlesNameEveryTypeDistinctly() throws Exception {
        // Seed 20260101 once produced an object "voice" holding an enum "voice" in one model.
        for (long seed : new long[] {20260101L, 7L, 99L}) {
            Path snapshot = Snapshots.write(dir.resolve("seed" + seed), Map.of("schema-map.json",
                    Snapshots.JSON.writeValueAsString(new SyntheticBundle(seed).bundle(400))));
            assertThat(new Generator().generate(GeneratorConfig.of(snapshot, "dev.airgen.test.seeds")).report().requestClasses()).isEqualTo(401);
        }
    }

    @Test
    void sameInputInAnyOrderGivesTheSameBytes() throws Exception {
        ObjectNode bundle = new SyntheticBundle(7).bundle(60);
        Path ordered = Snapshots.write(dir.resolve("a"), Map.of("schema-map.json", Snapshots.JSON.writeValueAsString(bundle),
                "catalog.json", "[{\"air\":\"synth:1@1\",\"name\":\"One\"},{\"air\":\"civitai:5@6\",\"architecture\":\"sdxl\"}]"));
        Path shuffled = Snapshots.write(dir.resolve("b"), Map.of("schema-map.json", Snapshots.JSON.writeValueAsString(shuffle(bundle)),
                "catalog.json", "[{\"air\":\"civitai:5@6\",\"architecture\":\"sdxl\"},{\"air\":\"synth:1@1\",\"name\":\"One\"}]"));
        GenerationResult first = new Generator().generate(GeneratorConfig.of(ordered, "dev.airgen.test.order"));
        // Without the API listing, the files are the same bytes; only the listing is missing.
        GenerationResult again = Generator.filesOnly().generate(GeneratorConfig.of(ordered, "dev.airgen.test.order"));
        assertThat(first.api().types()).isNotEmpty();
        assertThatThrownBy(again::api).isInstanceOf(IllegalStateException.class).hasMessageContaining("Generator.filesOnly()");
        GenerationResult reordered = new Generator().generate(GeneratorConfig.of(shuffled, "dev.airgen.test.order"));
        assertThat(paths(again)).isEqualTo(paths(first));
        assertThat(paths(reordered)).isEqualTo(paths(first));
        for (int i = 0; i < first.files().size(); i++) {
            assertThat(again.files().get(i).content()).as(first.files().get(i).relativePath()).isEqualTo(first.files().get(i).content());
            assertThat(reordered.files().get(i).text()).as(first.files().get(i).relativePath()).isEqualTo(first.files().get(i).text());
        }
        for (GeneratedFile f : first.files()) {
            assertThat(f.text()).doesNotContain("\r").doesNotContain(java.time.Year.now().toString() + "-");
        }
        // Writing the same result again touches nothing.
        Path out = dir.resolve("written");
        assertThat(first.writeTo(out.resolve("java"), out.resolve("resources"))).isEqualTo(first.files().size());
        assertThat(reordered.writeTo(out.resolve("java"), out.resolve("resources"))).isZero();
        assertThat(Files.exists(out.resolve("resources/dev/airgen/test/order/catalog.json"))).isTrue();
    }

    private static List<String> paths(GenerationResult result) {
        return result.files().stream().map(GeneratedFile::relativePath).toList();
    }

    /** The inference entries in another order, with the bundle's top-level keys reversed too. */
    private static JsonNode shuffle(ObjectNode bundle) {
        List<JsonNode> entries = new ArrayList<>();
        bundle.get("inference").forEach(entries::add);
        Collections.shuffle(entries, new Random(3));
        ObjectNode copy = Snapshots.JSON.createObjectNode();
        List<String> keys = new ArrayList<>(bundle.propertyNames());
        Collections.reverse(keys);
        for (String key : keys) {
            if (key.equals("inference")) {
                ArrayNode array = copy.putArray("inference");
                entries.forEach(array::add);
            } else {
                copy.set(key, bundle.get(key));
            }
        }
        return copy;
    }
}
