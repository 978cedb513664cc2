package dev.airgen.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.generator.api.ApiDiff;
import dev.airgen.generator.testing.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A snapshot and its successor, the way Runware releases evolve: one model added, one removed, and one
 * value added to a parameter many models use. Every model whose own schema did not change keeps exactly its
 * API, and the API diff lists exactly the changes.
 */
class ApiChangesTest {

    @TempDir
    Path dir;

    @Test
    void aReleaseChangesTheApiOfChangedModelsOnly() throws Exception {
        ObjectNode before = (ObjectNode) Snapshots.JSON.readTree(Files.readString(
                BundledSnapshotTest.bundledSnapshot().resolve("schema-map.json")));
        ObjectNode after = before.deepCopy();
        ArrayNode inference = (ArrayNode) after.get("inference");

        ObjectNode added = (ObjectNode) findModel(inference, "bfl-flux-1-dev").deepCopy();
        added.put("slug", "acme-added-model").put("air", "acme:added@1");
        ((ObjectNode) added.at("/requestSchema/properties/model")).put("const", "acme:added@1");
        inference.add(added);
        for (int i = 0; i < inference.size(); i++) {
            if (inference.get(i).get("slug").asString().equals("ideogram-1-0")) {
                inference.remove(i);
                break;
            }
        }
        List<String> widened = new ArrayList<>();
        for (JsonNode model : inference) {
            JsonNode values = model.at("/requestSchema/properties/outputFormat/enum");
            if (values.isArray() && values.toString().contains("\"WEBP\"") && !model.get("slug").asString().equals("acme-added-model")) {
                ((ArrayNode) values).add("AVIF");
                widened.add(model.get("slug").asString());
            }
        }
        assertThat(widened).hasSizeGreaterThan(5);

        GenerationResult old = generate("before", before);
        GenerationResult now = generate("after", after);

        TreeSet<String> changedTopLevel = new TreeSet<>(List.of("AcmeAddedModelRequest", "Ideogram10Request", "RunwareCatalog"));
        List<String> expected = new ArrayList<>();
        expected.add("type removed: Ideogram10Request");
        expected.add("member removed: RunwareCatalog field static dev.airgen.runtime.types.ModelInfo IDEOGRAM_1_0");
        expected.add("type added: AcmeAddedModelRequest");
        expected.add("member added: RunwareCatalog field static dev.airgen.runtime.types.ModelInfo ACME_ADDED_MODEL");
        for (String type : now.api().types().keySet()) {
            if (type.indexOf('.') < 0 && type.endsWith("Request")) {
                String slugFor = old.api().types().containsKey(type) ? type : null;
                if (slugFor == null) {
                    continue;
                }
                ApiDiff.Change[] changes = ApiDiff.between(old.api().of(type), now.api().of(type)).toArray(ApiDiff.Change[]::new);
                if (changes.length > 0) {
                    changedTopLevel.add(type);
                    String enumType = type + ".OutputFormat";
                    expected.add("enum constant added: " + enumType + " field static " + enumType + " AVIF");
                }
            }
        }
        // Every model whose own schema did not change has exactly the same API.
        assertThat(changedTopLevel.size() - 3).isEqualTo(widened.size());
        for (String type : old.api().types().keySet()) {
            if (type.indexOf('.') < 0 && !changedTopLevel.contains(type)) {
                assertThat(now.api().of(type)).as(type).isEqualTo(old.api().of(type));
            }
        }
        List<String> reported = ApiDiff.between(old.api(), now.api()).stream().map(ApiDiff.Change::describe).toList();
        assertThat(reported).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ApiDiff.between(old.api(), now.api()).stream().filter(ApiDiff.Change::breaking).map(ApiDiff.Change::describe))
                .containsExactlyInAnyOrder("type removed: Ideogram10Request",
                        "member removed: RunwareCatalog field static dev.airgen.runtime.types.ModelInfo IDEOGRAM_1_0");
    }

    @Test
    void renamesAndSignatureChangesAreBreaking() {
        String v1 = Snapshots.bundleWithProperties("\"mode\":{\"type\":\"string\",\"enum\":[\"fast\",\"slow\"]},\"steps\":{\"type\":\"integer\"},"
                + "\"quality\":{\"type\":\"string\",\"enum\":[\"low\",\"high\"]}");
        // The new release declares an object "Quality" before the enumeration "quality", which takes its name.
        String v2 = Snapshots.bundleWithProperties("\"mode\":{\"type\":\"string\",\"enum\":[\"fast\"]},\"steps\":{\"type\":\"number\"},"
                + "\"Quality\":{\"type\":\"object\",\"properties\":{\"level\":{\"type\":\"integer\"}}},"
                + "\"quality\":{\"type\":\"string\",\"enum\":[\"low\",\"high\"]}");
        GenerationResult old = new Generator().generate(GeneratorConfig.of(Snapshots.write(dir.resolve("v1"), Map.of("schema-map.json", v1)), "x.y"));
        GenerationResult now = new Generator().generate(GeneratorConfig.of(Snapshots.write(dir.resolve("v2"), Map.of("schema-map.json", v2)), "x.y"));
        List<String> changes = ApiDiff.between(old.api(), now.api()).stream()
                .map(c -> (c.breaking() ? "breaking " : "addition ") + c.describe()).toList();
        assertThat(changes).contains(
                "breaking type renamed: TestModelRequest.Quality -> TestModelRequest.QualityEnum",
                "addition type added: TestModelRequest.Quality",
                "breaking enum constant removed: TestModelRequest.Mode field static TestModelRequest.Mode SLOW",
                "breaking signature changed: TestModelRequest method java.util.Optional<Integer> steps() -> method java.util.Optional<Double> steps()",
                "breaking signature changed: TestModelRequest.Builder method TestModelRequest.Builder steps(int) -> method TestModelRequest.Builder steps(double)");
    }

    private static JsonNode findModel(ArrayNode inference, String slug) {
        for (JsonNode m : inference) {
            if (m.get("slug").asString().equals(slug)) {
                return m;
            }
        }
        throw new AssertionError("no model " + slug);
    }

    private GenerationResult generate(String name, ObjectNode bundle) throws Exception {
        Path snapshot = Snapshots.write(dir.resolve(name), Map.of("schema-map.json", Snapshots.JSON.writeValueAsString(bundle)));
        return new Generator().generate(GeneratorConfig.of(snapshot, "dev.airgen.test.versions"));
    }
}
