package dev.airgen.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.generator.GeneratorConfig;
import dev.airgen.maven.it.CutShortServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SnapshotRefresherTest extends RefreshTestBase {

    static final String OLD = bundle("20250101000000", """
            {'air': 'acme:image@1', 'requestSchema': {'type': 'object', 'required': ['taskType', 'prompt'], 'properties': {
               'taskType': {'type': 'string', 'const': 'imageInference'}, 'model': {'type': 'string', 'const': 'acme:image@1'},
               'prompt': {'type': 'string'}, 'steps': {'type': 'integer', 'minimum': 1, 'maximum': 100},
               'format': {'type': 'string', 'enum': ['PNG', 'JPG', 'WEBP']}}}},
            {'air': 'acme:old@1', 'requestSchema': {'type': 'object', 'properties': {
               'taskType': {'type': 'string', 'const': 'imageInference'}, 'model': {'type': 'string', 'const': 'acme:old@1'}}}}""");

    static final String NEW = bundle("20260722152433", """
            {'air': 'acme:image@1', 'requestSchema': {'type': 'object', 'required': ['taskType', 'prompt', 'seed'], 'properties': {
               'taskType': {'type': 'string', 'const': 'imageInference'}, 'model': {'type': 'string', 'const': 'acme:image@1'},
               'prompt': {'type': 'string'}, 'steps': {'type': 'integer', 'minimum': 1, 'maximum': 50},
               'seed': {'type': 'integer'}, 'format': {'type': 'string', 'enum': ['PNG', 'JPG', 'AVIF']}}}},
            {'air': 'acme:video@1', 'requestSchema': {'type': 'object', 'properties': {
               'taskType': {'type': 'string', 'const': 'videoInference'}, 'model': {'type': 'string', 'const': 'acme:video@1'}}}}""");

    static final List<String> EXPECTED_REPORT = List.of(
            "Snapshot changes 20250101000000 -> 20260722152433: 1 model added, 1 removed, 1 changed; 4 breaking changes",
            "Added models:",
            "  + acme:video@1",
            "Removed models (breaking):",
            "  - acme:old@1",
            "Changed models:",
            "  ~ acme:image@1",
            "      breaking: range narrowed: steps (maximum 100 -> 50)",
            "      breaking: enum values narrowed: format (removed WEBP)",
            "      breaking: newly required: seed (new parameter)",
            "      addition: enum values added: format (added AVIF)");

    static String bundle(String version, String inference) {
        return ("{'version': '" + version + "', 'inference': [" + inference + "]}").replace('\'', '"');
    }

    private Path oldSnapshot() throws IOException {
        Path folder = dir.resolve("snapshot");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("schema-map.json"), OLD);
        Files.writeString(folder.resolve("catalog.json"), "[]");
        Files.setLastModifiedTime(folder.resolve("schema-map.json"), FileTime.fromMillis(1_000_000_000_000L));
        return folder;
    }

    private static void assertUntouched(Path folder) throws IOException {
        assertThat(Files.readString(folder.resolve("schema-map.json"))).isEqualTo(OLD);
        assertThat(Files.getLastModifiedTime(folder.resolve("schema-map.json"))).isEqualTo(FileTime.fromMillis(1_000_000_000_000L));
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactlyInAnyOrder("schema-map.json", "catalog.json");
        }
    }

    @Test
    void pullsTheLatestReleaseAndReportsEveryChangeLineByLine() throws Exception {
        emulator.publishSnapshot(release(NEW));
        Path folder = oldSnapshot();

        SnapshotRefresher.Outcome outcome = refresher(emulator.schemasUrl().toString()).refreshRelease(folder, "latest", false);

        assertThat(log.subList(0, EXPECTED_REPORT.size())).containsExactlyElementsOf(EXPECTED_REPORT);
        assertThat(log.get(EXPECTED_REPORT.size())).isEqualTo("airgen: wrote release 20260722152433 to " + folder.resolve("schema-map.json"));
        assertThat(Files.readString(folder.resolve("schema-map.json"))).isEqualTo(NEW);
        assertThat(outcome.written()).containsExactly(folder.resolve("schema-map.json"));
        assertThat(outcome.report().breakingCount()).isEqualTo(4);
        assertThat(Files.readString(folder.resolve("catalog.json"))).isEqualTo("[]");

        log.clear();
        SnapshotRefresher.Outcome again = refresher(emulator.schemasUrl().toString()).refreshRelease(folder, "20260722152433", true);
        assertThat(again.written()).isEmpty();
        assertThat(log).containsExactly(
                "Snapshot changes 20260722152433 -> 20260722152433: 0 models added, 0 removed, 0 changed; 0 breaking changes",
                "airgen: " + folder.resolve("schema-map.json") + " is already release 20260722152433; nothing written");
    }

    @Test
    void theJavaApiChangesForTheBuildsSettingsFollowTheSchemaChanges() throws Exception {
        emulator.publishSnapshot(release(NEW));
        Path folder = oldSnapshot();
        SnapshotRefresher refresher = refresher(emulator.schemasUrl().toString())
                .reportingJavaApi(GeneratorConfig.of(folder, "com.example.refreshed"));

        assertThatThrownBy(() -> refresher.refreshRelease(folder, "latest", true))
                .isInstanceOf(SnapshotRefresher.BreakingChangesException.class)
                .hasMessageStartingWith("airgen: 7 breaking changes (see the report above)");
        assertUntouched(folder);
        int section = log.indexOf("Java API changes (3 breaking, 5 additions):");
        assertThat(section).as(String.join("\n", log)).isEqualTo(EXPECTED_REPORT.size());
        assertThat(log.subList(section + 1, log.size())).containsExactly(
                "  breaking: type removed: AcmeOld1Request",
                "  breaking: member removed: RunwareCatalog field static dev.airgen.runtime.types.ModelInfo ACME_OLD_AT_1",
                "  breaking: enum constant removed: AcmeImage1Request.Format field static AcmeImage1Request.Format WEBP",
                "  addition: type added: AcmeVideo1Request",
                "  addition: member added: AcmeImage1Request.Builder method AcmeImage1Request.Builder seed(int)",
                "  addition: member added: AcmeImage1Request method Integer seed()",
                "  addition: member added: RunwareCatalog field static dev.airgen.runtime.types.ModelInfo ACME_VIDEO_AT_1",
                "  addition: enum constant added: AcmeImage1Request.Format field static AcmeImage1Request.Format AVIF");
        // The schema report counts 4 breaking changes, the Java API 3 more; failOnBreaking counts both.
    }

    @Test
    void failOnBreakingRefusesAndKeepsTheOldSnapshot() throws Exception {
        emulator.publishSnapshot(release(NEW));
        Path folder = oldSnapshot();
        assertThatThrownBy(() -> refresher(emulator.schemasUrl().toString()).refreshRelease(folder, "latest", true))
                .isInstanceOf(SnapshotRefresher.BreakingChangesException.class)
                .hasMessage("airgen: 4 breaking changes (see the report above) and failOnBreaking is set; "
                        + folder.resolve("schema-map.json") + " was left unchanged");
        assertThat(log).containsExactlyElementsOf(EXPECTED_REPORT);
        assertUntouched(folder);
    }

    @Test
    void unreachableServerKeepsTheOldSnapshot() throws Exception {
        Path folder = oldSnapshot();
        int port = CutShortServer.closedPort();
        String url = "http://127.0.0.1:" + port + "/schemas";
        assertThatThrownBy(() -> refresher(url).refreshRelease(folder, "latest", false))
                .isInstanceOf(SnapshotRefresher.RefreshException.class)
                .hasMessageStartingWith("airgen: cannot connect to 127.0.0.1:" + port + " (")
                .hasMessageContaining("for " + url + "/releases/latest/schema-map.json")
                .hasMessageEndingWith("the snapshot at " + folder.resolve("schema-map.json") + " was left unchanged");
        assertUntouched(folder);
    }

    @Test
    void responseCutShortOfItsContentLengthKeepsTheOldSnapshot() throws Exception {
        Path folder = oldSnapshot();
        byte[] body = NEW.getBytes(StandardCharsets.UTF_8);
        try (CutShortServer server = CutShortServer.halfOfDeclaredLength(body)) {
            assertThatThrownBy(() -> refresher(server.url()).refreshRelease(folder, "latest", false))
                    .isInstanceOf(SnapshotRefresher.RefreshException.class)
                    .hasMessageStartingWith("airgen: the download of " + server.url() + "/releases/latest/schema-map.json failed: ")
                    .hasMessageEndingWith("was left unchanged");
        }
        assertUntouched(folder);
    }

    @Test
    void bodyCutShortWithoutLengthIsCaughtAsBrokenJson() throws Exception {
        Path folder = oldSnapshot();
        byte[] body = NEW.getBytes(StandardCharsets.UTF_8);
        try (CutShortServer server = new CutShortServer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
                body, body.length / 2)) {
            assertThatThrownBy(() -> refresher(server.url()).refreshRelease(folder, "latest", false))
                    .isInstanceOf(SnapshotRefresher.RefreshException.class)
                    .hasMessageStartingWith("airgen: the answer of " + server.url() + "/releases/latest/schema-map.json is not complete JSON ("
                            + body.length / 2 + " bytes, broken at line ")
                    .hasMessageEndingWith("was left unchanged");
        }
        assertUntouched(folder);
    }

    @Test
    void wrongStatusOrShapeKeepsTheOldSnapshot() throws Exception {
        Path folder = oldSnapshot();
        assertThatThrownBy(() -> refresher(emulator.schemasUrl().toString()).refreshRelease(folder, "19990101000000", false))
                .hasMessageStartingWith("airgen: " + emulator.schemasUrl() + "/releases/19990101000000/schema-map.json answered HTTP 404: ")
                .hasMessageEndingWith("was left unchanged");
        byte[] notABundle = "{\"version\": \"1\", \"models\": {}}".getBytes(StandardCharsets.UTF_8);
        try (CutShortServer server = new CutShortServer("HTTP/1.1 200 OK\r\nContent-Length: " + notABundle.length + "\r\n\r\n", notABundle, notABundle.length)) {
            assertThatThrownBy(() -> refresher(server.url()).refreshRelease(folder, "latest", false))
                    .hasMessage("airgen: " + server.url() + "/releases/latest/schema-map.json did not answer a schema bundle (a JSON object with an "
                            + "'inference' array); the snapshot at " + folder.resolve("schema-map.json") + " was left unchanged");
        }
        byte[] unusable = bundle("2", "{'air': 'x:1@1', 'requestSchema': 42}").getBytes(StandardCharsets.UTF_8);
        try (CutShortServer server = new CutShortServer("HTTP/1.1 200 OK\r\nContent-Length: " + unusable.length + "\r\n\r\n", unusable, unusable.length)) {
            assertThatThrownBy(() -> refresher(server.url()).refreshRelease(folder, "latest", false))
                    .hasMessage("airgen: the download from " + server.url() + "/releases/latest/schema-map.json is not usable: "
                            + "schema-map.json#/inference/0/requestSchema: a schema must be an object or a boolean, found NUMBER; the snapshot at "
                            + folder.resolve("schema-map.json") + " was left unchanged");
        }
        assertUntouched(folder);
    }

    @Test
    void aMissingSnapshotIsCreatedWithEveryModelNew() throws Exception {
        emulator.publishSnapshot(release(NEW));
        Path file = dir.resolve("fresh/runware.json");
        refresher(emulator.schemasUrl() + "/").refreshRelease(file, "latest", true);
        assertThat(Files.readString(file)).isEqualTo(NEW);
        assertThat(log).containsExactly(
                "airgen: no previous snapshot at " + file + "; every model is new",
                "Snapshot changes (none) -> 20260722152433: 2 models added, 0 removed, 0 changed; 0 breaking changes",
                "Added models:",
                "  + acme:image@1",
                "  + acme:video@1",
                "airgen: wrote release 20260722152433 to " + file);
    }

    @Test
    void modelsAreResolvedOneByOneIntoTheFolder() throws Exception {
        emulator.publishSnapshot(release(NEW));
        Path folder = dir.resolve("community");
        Files.createDirectories(folder);
        Path image = folder.resolve("acme%3Aimage%401.json");
        Files.writeString(image, "{\"requestSchema\": " + new tools.jackson.databind.json.JsonMapper().readTree(OLD).at("/inference/0/requestSchema") + "}");

        SnapshotRefresher.Outcome outcome = refresher(emulator.schemasUrl().toString())
                .refreshModels(folder, List.of("acme:image@1", "acme:video@1"), false);

        assertThat(outcome.written()).containsExactly(image, folder.resolve("acme%3Avideo%401.json"));
        assertThat(log).containsExactly(
                "Snapshot changes local files -> " + emulator.schemasUrl() + ": 1 model added, 0 removed, 1 changed; 3 breaking changes",
                "Added models:",
                "  + acme:video@1",
                "Changed models:",
                "  ~ acme:image@1",
                "      breaking: range narrowed: steps (maximum 100 -> 50)",
                "      breaking: enum values narrowed: format (removed WEBP)",
                "      breaking: newly required: seed (new parameter)",
                "      addition: enum values added: format (added AVIF)",
                "airgen: 2 of 2 model documents written to " + folder);
        assertThat(Files.readString(image)).contains("\"requestSchema\"").contains("\"seed\"");
        assertThat(dev.airgen.schema.snapshot.SnapshotReader.read(folder).entries()).hasSize(2);

        log.clear();
        Path before = folder.resolve("acme%3Avideo%401.json");
        String video = Files.readString(before);
        assertThatThrownBy(() -> refresher(emulator.schemasUrl().toString()).refreshModels(folder, List.of("acme:video@1", "acme:nope@9"), false))
                .hasMessageStartingWith("airgen: " + emulator.schemasUrl() + "/resolve/acme%3Anope%409 answered HTTP 404: ")
                .hasMessageEndingWith("the snapshot at " + folder + " was left unchanged");
        assertThat(Files.readString(before)).isEqualTo(video);
    }

    @Test
    void communityCheckpointsResolveOfflineFromTheEmulatorAndGenerate() throws Exception {
        emulator.publishSnapshot(emulator.snapshot()); // the bundled one, which the emulator starts with
        Path folder = dir.resolve("community");
        Files.createDirectories(folder);
        // The README's example: one Civitai model the bundled catalog lists (an SDXL checkpoint) and one it does not.
        SnapshotRefresher.Outcome outcome = refresher(emulator.schemasUrl().toString())
                .refreshModels(folder, List.of("civitai:38784@44716", "civitai:101055@128078"), false);
        assertThat(outcome.written()).containsExactly(folder.resolve("civitai%3A38784%4044716.json"),
                folder.resolve("civitai%3A101055%40128078.json"));
        assertThat(Files.readString(folder.resolve("civitai%3A101055%40128078.json"))).contains("\"refiner\"");
        assertThat(dev.airgen.schema.snapshot.SnapshotReader.read(folder).entries()).hasSize(2);
        List<String> classes = new dev.airgen.generator.Generator()
                .generate(dev.airgen.generator.GeneratorConfig.of(folder, "x.y")).sources().stream()
                .map(dev.airgen.generator.emit.GeneratedFile::relativePath).toList();
        assertThat(classes).contains("x/y/Civitai3878444716Request.java", "x/y/StabilityaiStableDiffusionXlV10VaeFixRequest.java");
    }

    @Test
    void aResolvedModelThatContradictsTheBundleBesideItIsRefused() throws Exception {
        emulator.publishSnapshot(release(NEW));
        Path folder = oldSnapshot();
        assertThatThrownBy(() -> refresher(emulator.schemasUrl().toString()).refreshModels(folder, List.of("acme:image@1"), false))
                .hasMessageStartingWith("airgen: the resolved documents do not fit the snapshot: model 'acme:image@1' is "
                        + "defined twice with different schemas, at ")
                .hasMessageContaining("acme%3Aimage%401.json#/requestSchema")
                .hasMessageContaining("schema-map.json#/inference/0")
                .hasMessageEndingWith("the snapshot at " + folder + " was left unchanged");
        assertUntouched(folder);
    }
}
