package dev.airgen.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.generator.cli.Main;
import dev.airgen.generator.emit.GeneratedFile;
import dev.airgen.generator.testing.Compiled;
import dev.airgen.generator.testing.Snapshots;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The input formats a snapshot may mix, cross-file references, filters and the command line. */
class SnapshotFormatsTest {

    @TempDir
    Path dir;

    private static final String RESOLVE_DOC = """
            {"requestSchema":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
              "properties":{"taskType":{"const":"imageInference"},"taskUUID":{"type":"string"},"model":{"type":"string"},
                "positivePrompt":{"type":"string"},"lora":{"type":"array","items":{"$ref":"common/lora.json"}},
                "scheduler":{"$ref":"common/lora.json#/$defs/scheduler"}},
              "required":["taskType","taskUUID","model","positivePrompt"],"additionalProperties":false},
             "responseSchema":null,
             "documentation":"https://runware.ai/docs/models/civitai-community-checkpoint"}
            """;
    private static final String COMMON = """
            {"type":"object","properties":{"model":{"type":"string"},"weight":{"type":"number"}},"required":["model"],
             "$defs":{"scheduler":{"type":"string","enum":["Euler","Euler a"]}}}
            """;
    private static final String OPENAPI = """
            {"openapi":"3.1.0","info":{"title":"Runware API - Acme Speech","x-air-id":"acme:speech@2","x-model-id":"acme-speech-2",
               "x-creator":{"id":"acme","name":"Acme"},"x-capabilities":["text-to-speech"],"x-status":"live","x-released-at":"2026-03-01"},
             "components":{"schemas":{
               "Voice":{"type":"string","enum":["alto","bass"]},
               "RequestBody":{"type":"array","items":{"type":"object","properties":{
                  "taskType":{"const":"audioInference"},"taskUUID":{"type":"string"},"model":{"const":"acme:speech@2"},
                  "speech":{"type":"object","properties":{"text":{"type":"string"},"voice":{"$ref":"#/components/schemas/Voice"}},"required":["text"]}},
                "required":["taskType","taskUUID","model","speech"]}},
               "ResponseBody":{"type":"object","properties":{"data":{"type":"array","items":{"type":"object","properties":{
                  "taskType":{"const":"audioInference"},"taskUUID":{"type":"string"},"audioUUID":{"type":"string"}}}}}}}}}
            """;
    private static final String REGISTRY = """
            {"version":"1","models":{"civitai:77@88":{"taskType":"imageInference","id":"civitai-community-checkpoint"},
              "acme:speech@2":{"taskType":"audioInference","id":"acme-speech-2"}}}
            """;

    private Path mixedSnapshot() {
        return Snapshots.write(dir.resolve("snapshot"), Map.of(
                "resolve/civitai%3A77%4088.json", RESOLVE_DOC,
                "resolve/common/lora.json", COMMON,
                "docs/acme-speech-2/schema.json", OPENAPI,
                "registry.json", REGISTRY));
    }

    @Test
    void resolveDocumentsOpenApiDocsAndRegistryCombine() throws Exception {
        GenerationResult result = new Generator().generate(GeneratorConfig.of(mixedSnapshot(), "dev.airgen.test.mixed"));
        assertThat(result.report().requestClasses()).isEqualTo(2);
        assertThat(result.sources()).extracting(GeneratedFile::relativePath).contains(
                "dev/airgen/test/mixed/CivitaiCommunityCheckpointRequest.java",
                "dev/airgen/test/mixed/AcmeSpeech2Request.java",
                "dev/airgen/test/mixed/ResolveCommonLoraTypes.java");
        // A shared schema file declares its types once, in a holder class named after the file; a model's
        // own document (here the OpenAPI components of one model) declares them inside its request class.
        assertThat(source(result, "dev/airgen/test/mixed/ResolveCommonLoraTypes.java"))
                .contains("public static final class Lora extends GeneratedObject")
                .contains("public static final class Scheduler extends OpenEnum<String>");
        assertThat(source(result, "dev/airgen/test/mixed/AcmeSpeech2Request.java")).contains("public static final class Voice ");
        assertThat(source(result, "dev/airgen/test/mixed/CivitaiCommunityCheckpointRequest.java"))
                .contains("List<ResolveCommonLoraTypes.Lora> lora");
        JsonNode catalog = Snapshots.JSON.readTree(resource(result, "dev/airgen/test/mixed/catalog.json"));
        assertThat(catalog).hasSize(2);
        JsonNode speech = catalog.get(0);
        assertThat(speech.get("air").asString()).isEqualTo("acme:speech@2");
        assertThat(speech.get("name").asString()).isEqualTo("Acme Speech");
        assertThat(speech.get("releasedAt").asString()).isEqualTo("2026-03-01");
        try (Compiled compiled = Compiled.compile(result, dir.resolve("out"))) {
            assertThat(compiled.load("dev.airgen.test.mixed.AcmeSpeech2Request")).isNotNull();
        }
    }

    @Test
    void schemasWithCrossFileReferencesAreBundledForOfflineValidation() throws Exception {
        GenerationResult result = new Generator().generate(GeneratorConfig.of(mixedSnapshot(), "dev.airgen.test.mixed"));
        JsonNode bundled = Snapshots.JSON.readTree(resource(result, "dev/airgen/test/mixed/schemas/CivitaiCommunityCheckpointRequest.json"));
        assertThat(bundled.get("$ref").asString()).isEqualTo("#/$defs/d0");
        assertThat(bundled.at("/$defs/d0/properties/lora/items/$ref").asString()).isEqualTo("#/$defs/d1");
        assertThat(bundled.at("/$defs/d0/properties/scheduler/$ref").asString()).isEqualTo("#/$defs/d1/$defs/scheduler");
        assertThat(bundled.at("/$defs/d1/required/0").asString()).isEqualTo("model");
        assertThat(bundled.toString()).doesNotContain("common/lora.json").doesNotContain("snapshot.invalid");
        JsonNode openApi = Snapshots.JSON.readTree(resource(result, "dev/airgen/test/mixed/schemas/AcmeSpeech2Request.json"));
        assertThat(openApi.get("$ref").asString()).isEqualTo("#/$defs/d0/components/schemas/RequestBody/items");
        assertThat(openApi.at("/$defs/d0/components/schemas/RequestBody/items/properties/speech/properties/voice/$ref").asString())
                .isEqualTo("#/$defs/d0/components/schemas/Voice");
    }

    @Test
    void includeAndExcludeFiltersSelectModelsByAirGlob() {
        Path snapshot = mixedSnapshot();
        GenerationResult onlyCivitai = new Generator().generate(GeneratorConfig.of(snapshot, "x.y").withIncludes(List.of("civitai:*")));
        assertThat(onlyCivitai.sources()).extracting(GeneratedFile::relativePath)
                .contains("x/y/CivitaiCommunityCheckpointRequest.java").doesNotContain("x/y/AcmeSpeech2Request.java");
        GenerationResult withoutCivitai = new Generator().generate(GeneratorConfig.of(snapshot, "x.y").withExcludes(List.of("civitai:77@8?")));
        assertThat(withoutCivitai.sources()).extracting(GeneratedFile::relativePath)
                .doesNotContain("x/y/CivitaiCommunityCheckpointRequest.java").contains("x/y/AcmeSpeech2Request.java");
    }

    @Test
    void withIncludesOnlyTheArchitecturesIncludedModelsNeedAreGenerated() throws Exception {
        Path shapes = GeneratedCodeTest.resource("/snapshots/shapes");
        List<String> videoOnly = new Generator().generate(GeneratorConfig.of(shapes, "x.y").withIncludes(List.of("acme:video@1")))
                .sources().stream().map(GeneratedFile::relativePath).toList();
        assertThat(videoOnly).contains("x/y/AcmeVideo1Request.java", "x/y/ModelSearchRequest.java")
                .doesNotContain("x/y/SdxlRequest.java", "x/y/AcmeImage1Request.java");
        List<String> checkpoint = new Generator().generate(GeneratorConfig.of(shapes, "x.y").withIncludes(List.of("civitai:*")))
                .sources().stream().map(GeneratedFile::relativePath).toList();
        assertThat(checkpoint).contains("x/y/SdxlRequest.java", "x/y/ModelSearchRequest.java").doesNotContain("x/y/AcmeVideo1Request.java");
        List<String> everything = new Generator().generate(GeneratorConfig.of(shapes, "x.y"))
                .sources().stream().map(GeneratedFile::relativePath).toList();
        assertThat(everything).contains("x/y/SdxlRequest.java", "x/y/AcmeVideo1Request.java");
    }

    @Test
    void aShapelessResponseSchemaGetsTheStandardResultOfItsTaskType() throws Exception {
        tools.jackson.databind.node.ObjectNode parsed = Snapshots.object(Snapshots.bundleWithProperties(""));
        ((tools.jackson.databind.node.ObjectNode) parsed.get("inference").get(0)).putObject("responseSchema");
        String bundle = Snapshots.JSON.writeValueAsString(parsed);
        Path snapshot = Snapshots.write(dir.resolve("shapeless"), Map.of("schema-map.json", bundle));
        GenerationResult result = new Generator().generate(GeneratorConfig.of(snapshot, "x.y"));
        String request = result.sources().stream().filter(f -> f.relativePath().equals("x/y/TestModelRequest.java")).findFirst().orElseThrow().text();
        assertThat(request).contains("implements TaskRequest<TestModelRequest.Result>")
                .contains("public static final class Result extends GeneratedObject implements TaskResult")
                .contains("public String imageUUID()");
    }

    @Test
    void aModelDefinedTwiceIsReportedAndOneIsKeptWhateverTheOrder() throws Exception {
        tools.jackson.databind.node.ObjectNode bundle = Snapshots.object(Snapshots.bundleWithProperties("\"steps\":{\"type\":\"integer\"}"));
        tools.jackson.databind.node.ObjectNode twin = (tools.jackson.databind.node.ObjectNode) bundle.get("inference").get(0).deepCopy();
        ((tools.jackson.databind.node.ObjectNode) twin.at("/requestSchema/properties")).putObject("cfgScale").put("type", "number");
        tools.jackson.databind.node.ArrayNode inference = (tools.jackson.databind.node.ArrayNode) bundle.get("inference");
        inference.add(twin);
        GenerationResult first = new Generator().generate(GeneratorConfig.of(
                Snapshots.write(dir.resolve("twice-a"), Map.of("schema-map.json", Snapshots.JSON.writeValueAsString(bundle))), "x.y"));
        inference.removeAll();
        inference.add(twin);
        inference.add(Snapshots.object(Snapshots.bundleWithProperties("\"steps\":{\"type\":\"integer\"}")).get("inference").get(0));
        GenerationResult reversed = new Generator().generate(GeneratorConfig.of(
                Snapshots.write(dir.resolve("twice-b"), Map.of("schema-map.json", Snapshots.JSON.writeValueAsString(bundle))), "x.y"));
        assertThat(first.report().warnings()).singleElement().asString().contains("model 'test:1@1' is defined twice");
        String request = first.sources().stream().filter(f -> f.relativePath().endsWith("TestModelRequest.java")).findFirst().orElseThrow().text();
        String again = reversed.sources().stream().filter(f -> f.relativePath().endsWith("TestModelRequest.java")).findFirst().orElseThrow().text();
        assertThat(again).isEqualTo(request);
    }

    @Test
    void commandLineWritesSourcesAndResources() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path target = dir.resolve("cli");
        int code = Main.run(new String[] {"--snapshot", mixedSnapshot().toString(), "--out", target.toString(), "--package", "com.example.gen",
                "--include", "acme:*"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 request classes");
        assertThat(target.resolve("java/com/example/gen/AcmeSpeech2Request.java")).exists();
        assertThat(target.resolve("resources/com/example/gen/schemas/AcmeSpeech2Request.json")).exists();

        err.reset();
        Files.writeString(dir.resolve("snapshot/resolve/common/lora.json"), "{ broken");
        int failed = Main.run(new String[] {"--snapshot", dir.resolve("snapshot").toString(), "--out", target.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(failed).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("resolve/common/lora.json#: not valid JSON");
        assertThat(Main.run(new String[] {"--snapshot"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        // No --snapshot: the bundled one from airgen-model-schemas (a test dependency here) is used.
        assertThat(Main.run(new String[] {"--out", dir.resolve("bundled").toString(), "--include", "runware:101@1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        assertThat(dir.resolve("bundled/java/dev/airgen/models/RunwareCatalog.java")).exists();
    }

    private static String source(GenerationResult result, String path) {
        return result.sources().stream().filter(f -> f.relativePath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no source " + path)).text();
    }

    private static String resource(GenerationResult result, String path) {
        return result.resources().stream().filter(f -> f.relativePath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + path)).text();
    }
}
