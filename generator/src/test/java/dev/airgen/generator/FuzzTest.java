package dev.airgen.generator;

import dev.airgen.schema.SchemaException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.airgen.generator.testing.Compiled;
import dev.airgen.generator.testing.Snapshots;
import dev.airgen.generator.testing.SyntheticBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Property tests: random valid schemas always compile; random breakage always yields a located error. */
class FuzzTest {

    @TempDir
    Path dir;

    @Test
    void randomSchemasAlwaysProduceCompilingCode() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            Path snapshot = Snapshots.write(dir.resolve("in" + seed), Map.of("schema-map.json",
                    Snapshots.JSON.writeValueAsString(new SyntheticBundle(seed * 7919).bundle(25))));
            GenerationResult result = new Generator().generate(GeneratorConfig.of(snapshot, "dev.airgen.fuzz.s" + seed));
            try (Compiled compiled = Compiled.compile(result, dir.resolve("out" + seed))) {
                assertThat(compiled.load("dev.airgen.fuzz.s" + seed + ".RunwareCatalog")).isNotNull();
            }
        }
    }

    @Test
    void brokenSchemasAlwaysFailWithFileAndPointer() throws Exception {
        Random random = new Random(11);
        int checked = 0;
        for (int round = 0; round < 60; round++) {
            ObjectNode bundle = new SyntheticBundle(round).bundle(3);
            String breakage = breakOneSchema(bundle, random);
            Path snapshot = Snapshots.write(dir.resolve("broken" + round), Map.of("schema-map.json", Snapshots.JSON.writeValueAsString(bundle)));
            Throwable error = catchThrowable(() -> new Generator().generate(GeneratorConfig.of(snapshot, "dev.airgen.broken")));
            assertThat(error).as(breakage).isInstanceOf(SchemaException.class);
            assertThat(error.getMessage()).as(breakage).matches("schema-map\\.json#/inference/\\d+/requestSchema(/\\S*)?: .+");
            checked++;
        }
        assertThat(checked).isEqualTo(60);
    }

    /** Replaces one property schema of one model with a kind of breakage; returns what was done. */
    private static String breakOneSchema(ObjectNode bundle, Random random) {
        ObjectNode request = (ObjectNode) bundle.get("inference").get(random.nextInt(3)).get("requestSchema");
        ObjectNode properties = (ObjectNode) request.get("properties");
        List<String> names = new ArrayList<>(properties.propertyNames());
        names.remove("taskType");
        String victim = names.get(random.nextInt(names.size()));
        JsonNode broken = switch (random.nextInt(6)) {
            case 0 -> Snapshots.JSON.getNodeFactory().numberNode(3);
            case 1 -> Snapshots.object("{\"type\":\"strng\"}");
            case 2 -> Snapshots.object("{\"$ref\":\"#/$defs/nowhere\"}");
            case 3 -> Snapshots.object("{\"$ref\":\"https://elsewhere.invalid/x.json\"}");
            case 4 -> Snapshots.object("{\"allOf\":[{\"type\":\"integer\"},{\"type\":\"boolean\"}]}");
            default -> Snapshots.object("{\"enum\":[]}");
        };
        properties.set(victim, broken);
        return victim + " := " + broken;
    }
}
