package dev.airgen.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.generator.Generator;
import dev.airgen.generator.GeneratorConfig;
import dev.airgen.generator.emit.GeneratedFile;
import dev.airgen.schema.snapshot.BundledSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A refresh keeps the catalog metadata a release does not carry (names, capabilities) unless the release changes it. */
class CatalogUpdateTest extends RefreshTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the old snapshot's catalog says: names and capabilities for two bundle models and a community checkpoint. */
    private static final String CATALOG = """
            [{"air": "acme:image@1", "slug": "acme-image", "name": "Acme Image", "taskType": "imageInference",
              "capabilities": ["io:text-to-image"], "releasedAt": "2025-01-01"},
             {"air": "acme:old@1", "slug": "acme-old", "name": "Acme Old", "taskType": "imageInference"},
             {"air": "civitai:7@8", "slug": "community", "name": "A community checkpoint", "architecture": "sdxl"}]
            """;

    private SnapshotRefresher refresher() {
        return refresher(emulator.schemasUrl().toString());
    }

    private static JsonNode entry(JsonNode catalog, String air) {
        for (JsonNode entry : catalog) {
            if (entry.path("air").asString().equals(air)) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void namesSurviveARefreshAndReachTheGeneratedCatalog() throws Exception {
        // The new release renames nothing, drops acme:old@1, moves acme:image@1 to another slug and adds a video model.
        ObjectNode release = (ObjectNode) JSON.readTree(SnapshotRefresherTest.NEW);
        ((ObjectNode) release.get("inference").get(0)).put("slug", "acme-image-v1");
        emulator.publishSnapshot(release(JSON.writeValueAsString(release)));
        Path folder = dir.resolve("snapshot");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("schema-map.json"), SnapshotRefresherTest.OLD);
        Files.writeString(folder.resolve("catalog.json"), CATALOG);

        SnapshotRefresher.Outcome outcome = refresher().refreshRelease(folder, "latest", false);

        assertThat(outcome.written()).containsExactly(folder.resolve("schema-map.json"), folder.resolve("catalog.json"));
        JsonNode catalog = JSON.readTree(folder.resolve("catalog.json").toFile());
        assertThat(catalog).hasSize(2);
        JsonNode image = entry(catalog, "acme:image@1");
        assertThat(image.get("name").asString()).isEqualTo("Acme Image");
        assertThat(image.get("capabilities").get(0).asString()).isEqualTo("io:text-to-image");
        assertThat(image.get("releasedAt").asString()).isEqualTo("2025-01-01");
        assertThat(image.get("slug").asString()).as("the release changed it").isEqualTo("acme-image-v1");
        assertThat(entry(catalog, "acme:old@1")).as("removed by the release").isNull();
        assertThat(entry(catalog, "civitai:7@8").get("name").asString()).isEqualTo("A community checkpoint");

        // The next build's catalog has the names.
        JsonNode generated = generatedCatalog(folder);
        assertThat(entry(generated, "acme:image@1").get("name").asString()).isEqualTo("Acme Image");
        assertThat(entry(generated, "acme:image@1").get("slug").asString()).isEqualTo("acme-image-v1");
        assertThat(entry(generated, "acme:video@1")).as("new in the release, without metadata").isNotNull();

        // Refreshing to the same release again changes nothing.
        log.clear();
        byte[] before = Files.readAllBytes(folder.resolve("catalog.json"));
        assertThat(refresher().refreshRelease(folder, "latest", false).written()).isEmpty();
        assertThat(Files.readAllBytes(folder.resolve("catalog.json"))).isEqualTo(before);
    }

    @Test
    void aFirstRefreshStartsFromTheBundledCatalog() throws Exception {
        // A release with one model of the bundled snapshot, under a new slug.
        Path bundled = BundledSnapshot.locate(getClass().getClassLoader()).orElseThrow();
        JsonNode bundledMap = JSON.readTree(Files.readAllBytes(bundled.resolve("schema-map.json")));
        JsonNode bundledCatalog = JSON.readTree(Files.readAllBytes(bundled.resolve("catalog.json")));
        ObjectNode flux = null;
        for (JsonNode model : bundledMap.get("inference")) {
            if (model.path("air").asString().equals("runware:101@1")) {
                flux = (ObjectNode) model.deepCopy();
            }
        }
        String name = entry(bundledCatalog, "runware:101@1").get("name").asString();
        assertThat(name).isNotBlank();
        flux.put("slug", "flux-dev-renamed");
        ObjectNode release = JSON.createObjectNode().put("version", "20990101000000");
        release.putArray("inference").add(flux);
        emulator.publishSnapshot(release(JSON.writeValueAsString(release)));

        Path folder = dir.resolve("new-snapshot");
        refresher().refreshRelease(folder, "latest", false);

        assertThat(log).contains("airgen: " + folder.resolve("catalog.json") + " starts from the catalog of the bundled snapshot");
        ArrayNode catalog = (ArrayNode) JSON.readTree(folder.resolve("catalog.json").toFile());
        assertThat(entry(catalog, "runware:101@1").get("name").asString()).isEqualTo(name);
        assertThat(entry(catalog, "runware:101@1").get("slug").asString()).isEqualTo("flux-dev-renamed");
        // Models of the bundled snapshot the release lacks are gone; its catalog-only checkpoints stay.
        long catalogOnly = 0;
        for (JsonNode entry : bundledCatalog) {
            if (!dev.airgen.schema.diff.ModelSchemas.inference(bundledMap).containsKey(entry.get("air").asString())) {
                catalogOnly++;
            }
        }
        assertThat(catalog).hasSize(1 + (int) catalogOnly);
    }

    @Test
    void aCatalogWithNothingToChangeIsLeftByteForByte() throws Exception {
        byte[] catalog = CATALOG.replace("acme:old@1", "acme:older@1").getBytes(StandardCharsets.UTF_8);
        JsonNode bundle = JSON.readTree(SnapshotRefresherTest.NEW.replace("\"acme:image@1\", \"requestSchema\"",
                "\"acme:image@1\", \"slug\": \"acme-image\", \"requestSchema\""));
        assertThat(CatalogUpdate.update(catalog, JSON.readTree(SnapshotRefresherTest.OLD), bundle)).isNull();
        assertThat(CatalogUpdate.update("{\"models\": {}}".getBytes(StandardCharsets.UTF_8), null, bundle)).as("not an array").isNull();
        assertThat(CatalogUpdate.update("[broken".getBytes(StandardCharsets.UTF_8), null, bundle)).as("not JSON").isNull();
    }

    private JsonNode generatedCatalog(Path snapshot) throws Exception {
        for (GeneratedFile file : new Generator().generate(GeneratorConfig.of(snapshot, "com.example.kept")).resources()) {
            if (file.relativePath().equals("com/example/kept/catalog.json")) {
                return JSON.readTree(file.text());
            }
        }
        throw new AssertionError("no catalog generated");
    }
}
