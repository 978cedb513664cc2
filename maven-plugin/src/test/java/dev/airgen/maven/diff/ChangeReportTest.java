package dev.airgen.maven.diff;

import dev.airgen.schema.diff.SchemaDiff;
import dev.airgen.schema.diff.Change;
import dev.airgen.schema.diff.ModelSchemas;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChangeReportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static final String OLD_BUNDLE = """
            {'version': '20250101000000',
             'inference': [
               {'air': 'acme:image@1', 'requestSchema': {'type': 'object', 'required': ['taskType', 'prompt'], 'properties': {
                  'taskType': {'const': 'imageInference'},
                  'prompt': {'type': 'string', 'minLength': 2, 'maxLength': 2000},
                  'steps': {'type': 'integer', 'minimum': 1, 'maximum': 100},
                  'width': {'type': 'integer', 'minimum': 64, 'maximum': 2048},
                  'seed': {'type': 'integer'},
                  'format': {'type': 'string', 'enum': ['PNG', 'JPG', 'WEBP']},
                  'strength': {'type': 'number', 'maximum': 1},
                  'legacy': {'type': 'boolean'},
                  'style': {'type': 'string'},
                  'inputs': {'type': 'object', 'properties': {
                     'images': {'type': 'array', 'maxItems': 4, 'items': {'type': 'object', 'properties': {
                        'url': {'type': 'string'}, 'weight': {'type': 'number', 'minimum': 0}}}}}}}}},
               {'air': 'acme:gone@1', 'requestSchema': {'type': 'object', 'properties': {'taskType': {'const': 'imageInference'}}}},
               {'air': 'acme:same@1', 'requestSchema': {'type': 'object', 'properties': {'taskType': {'const': 'imageInference'}}}}
             ],
             'architectures': {'sdxl': {'type': 'object', 'properties': {'steps': {'type': 'integer', 'maximum': 50}}}},
             'utilities': [{'slug': 'imageUpload', 'requestSchema': {'type': 'object', 'properties': {'image': {'type': 'string'}}}}]}
            """;

    private static final String NEW_BUNDLE = """
            {'version': '20260722152433',
             'inference': [
               {'air': 'acme:image@1', 'requestSchema': {'type': 'object', 'required': ['taskType', 'prompt', 'width', 'quality'], 'properties': {
                  'taskType': {'const': 'imageInference'},
                  'prompt': {'type': 'string', 'minLength': 2, 'maxLength': 1000},
                  'width': {'type': 'integer', 'minimum': 128, 'maximum': 4096},
                  'seed': {'type': 'string'},
                  'format': {'type': 'string', 'enum': ['PNG', 'JPG', 'AVIF']},
                  'strength': {'type': 'number', 'minimum': 0, 'maximum': 1},
                  'legacy': {'type': 'boolean'},
                  'style': {'type': 'string', 'enum': ['photo', 'anime']},
                  'quality': {'type': 'integer'},
                  'acceleration': {'type': 'string', 'enum': ['none', 'fast']},
                  'inputs': {'type': 'object', 'properties': {
                     'images': {'type': 'array', 'maxItems': 8, 'items': {'$ref': '#/$defs/image'}}}}},
                  '$defs': {'image': {'type': 'object', 'required': ['url'], 'properties': {
                     'url': {'type': 'string'}, 'weight': {'type': ['number', 'null'], 'minimum': 0}}}}}},
               {'air': 'acme:same@1', 'requestSchema': {'type': 'object', 'properties': {'taskType': {'const': 'imageInference'}}}},
               {'air': 'acme:video@2', 'requestSchema': {'type': 'object', 'properties': {'taskType': {'const': 'videoInference'}}}}
             ],
             'architectures': {'sdxl': {'type': 'object', 'properties': {'steps': {'type': 'number', 'maximum': 50}}}},
             'utilities': [{'slug': 'imageUpload', 'requestSchema': {'type': 'object', 'properties': {'image': {'type': 'string'}}}}]}
            """;

    @Test
    void reportsEveryKindOfChangeLineByLine() {
        JsonNode before = json(OLD_BUNDLE);
        JsonNode after = json(NEW_BUNDLE);
        ChangeReport report = ChangeReport.compare(before.get("version").asString(), ModelSchemas.ofBundle(before),
                after.get("version").asString(), ModelSchemas.ofBundle(after));

        assertThat(report.lines()).containsExactly(
                "Snapshot changes 20250101000000 -> 20260722152433: 1 model added, 1 removed, 2 changed; 11 breaking changes",
                "Added models:",
                "  + acme:video@2",
                "Removed models (breaking):",
                "  - acme:gone@1",
                "Changed models:",
                "  ~ acme:image@1",
                "      breaking: range narrowed: prompt (maxLength 2000 -> 1000)",
                "      breaking: parameter removed: steps",
                "      breaking: newly required: width",
                "      breaking: range narrowed: width (minimum 64 -> 128)",
                "      breaking: type changed: seed (integer -> string)",
                "      breaking: enum values narrowed: format (removed WEBP)",
                "      breaking: range narrowed: strength (minimum none -> 0)",
                "      breaking: enum values narrowed: style (now only photo, anime)",
                "      breaking: newly required: inputs.images[].url",
                "      breaking: newly required: quality (new parameter)",
                "      addition: range widened: width (maximum 2048 -> 4096)",
                "      addition: enum values added: format (added AVIF)",
                "      addition: range widened: inputs.images (maxItems 4 -> 8)",
                "      addition: type widened: inputs.images[].weight (number -> number|null)",
                "      addition: new optional parameter: acceleration",
                "  ~ architecture sdxl",
                "      addition: type widened: steps (integer -> number)");
        assertThat(report.breakingCount()).isEqualTo(11);
    }

    @Test
    void breakingChangesGoToTheWarningLevelAndEverythingElseToInfo() {
        JsonNode before = json(OLD_BUNDLE);
        JsonNode after = json(NEW_BUNDLE);
        ChangeReport report = ChangeReport.compare("a", ModelSchemas.ofBundle(before), "b", ModelSchemas.ofBundle(after));
        List<String> info = new ArrayList<>();
        List<String> warning = new ArrayList<>();
        report.print(info::add, warning::add);

        // Each line of the report goes to one level: the summary, removed models, and the changed model with
        // its breaking changes are warnings; the rest (additions, the other changed model) is information.
        List<String> lines = report.lines();
        assertThat(warning).containsExactlyElementsOf(lines.stream().filter(line -> line.startsWith("Snapshot changes ")
                || line.startsWith("Removed models") || line.startsWith("  - ") || line.equals("  ~ acme:image@1")
                || line.startsWith("      breaking: ")).toList()).hasSize(1 + 2 + 1 + 10);
        assertThat(info).containsExactlyElementsOf(lines.stream().filter(line -> !warning.contains(line)).toList())
                .contains("Added models:", "  + acme:video@2", "Changed models:", "  ~ architecture sdxl")
                .filteredOn(line -> line.startsWith("      ")).allMatch(line -> line.startsWith("      addition: ")).hasSize(6);

        // Without anything breaking, the whole report is information.
        List<String> quiet = new ArrayList<>();
        ChangeReport.compare("a", ModelSchemas.ofBundle(before), "b", ModelSchemas.ofBundle(before)).print(quiet::add, line -> {
            throw new AssertionError("not a warning: " + line);
        });
        assertThat(quiet).containsExactly("Snapshot changes a -> b: 0 models added, 0 removed, 0 changed; 0 breaking changes");
    }

    @Test
    void identicalSnapshotsReportNothing() {
        JsonNode bundle = json(OLD_BUNDLE);
        ChangeReport report = ChangeReport.compare("a", ModelSchemas.ofBundle(bundle), "b", ModelSchemas.ofBundle(json(OLD_BUNDLE)));
        assertThat(report.isEmpty()).isTrue();
        assertThat(report.breakingCount()).isZero();
        assertThat(report.lines()).containsExactly("Snapshot changes a -> b: 0 models added, 0 removed, 0 changed; 0 breaking changes");
    }

    @Test
    void modelsAreNamedByAirThenModelConstThenKind() {
        JsonNode bundle = json("""
                {'inference': [{'requestSchema': {'properties': {'model': {'const': 'civitai:1@2'}}}}, {'slug': 'only-slug', 'requestSchema': {}}],
                 'modalities': {'image': {'requestSchema': {'type': 'object'}}},
                 'operations': {'caption-image': {'type': 'object'}},
                 'utilities': [{'requestSchema': {'properties': {'taskType': {'const': 'ping'}}}}]}
                """);
        assertThat(ModelSchemas.ofBundle(bundle).keySet())
                .containsExactly("civitai:1@2", "modality image", "only-slug", "operation caption-image", "utility ping");
        assertThat(ModelSchemas.ofResolved("civitai%3A38784%4044716.json", json("{'requestSchema': {'type': 'object'}}")).keySet())
                .containsExactly("civitai:38784@44716");
    }

    @Test
    void alternativesAreComparedBranchByBranchOrCounted() {
        JsonNode before = json("""
                {'properties': {'a': {'anyOf': [{'type': 'integer', 'maximum': 10}, {'type': 'null'}]},
                                'b': {'oneOf': [{'type': 'string'}, {'type': 'integer'}]}}}""");
        JsonNode after = json("""
                {'properties': {'a': {'anyOf': [{'type': 'integer', 'maximum': 5}, {'type': 'null'}]},
                                'b': {'oneOf': [{'type': 'string'}]}}}""");
        List<String> lines = SchemaDiff.compare(before, after).stream().map(Change::toString).toList();
        assertThat(lines).containsExactly("range narrowed: a (maximum 10 -> 5)", "alternatives removed: b (oneOf 2 -> 1)");
    }

    @Test
    void recursiveReferencesTerminate() {
        JsonNode before = json("{'properties': {'node': {'$ref': '#/$defs/n'}}, '$defs': {'n': {'type': 'object', 'properties': {'child': {'$ref': '#/$defs/n'}, 'v': {'type': 'integer'}}}}}");
        JsonNode after = json("{'properties': {'node': {'$ref': '#/$defs/n'}}, '$defs': {'n': {'type': 'object', 'properties': {'child': {'$ref': '#/$defs/n'}, 'v': {'type': 'string'}}}}}");
        assertThat(SchemaDiff.compare(before, after)).extracting(Change::toString)
                .containsExactly("type changed: node.v (integer -> string)");
    }
}
