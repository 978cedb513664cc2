package dev.airgen.emulator;

import static dev.airgen.emulator.TestSupport.api;
import static dev.airgen.emulator.TestSupport.onlyError;
import static dev.airgen.emulator.TestSupport.parameters;
import static dev.airgen.emulator.TestSupport.get;
import static dev.airgen.emulator.TestSupport.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Community and trained AIRs, as the official SDKs' READMEs use them, against the bundled snapshot:
 * accepted for the task types their architecture serves and checked against that architecture's schema
 * (or, with no known architecture, their task's modality schema); the schemas service answers for them.
 */
class CommunityModelsTest extends BundledSnapshotEmulatorTest {
    private static ObjectNode image(String model) {
        return task("imageInference", model).put("positivePrompt", "a beautiful sunset over the mountains");
    }

    @Test
    void civitaiCheckpointsNotInTheCatalogRunWithTheImageModalityChecks() {
        // The Python SDK's first example: a Civitai checkpoint no snapshot lists.
        ObjectNode t = image("civitai:36520@76907").put("numberResults", 4).put("negativePrompt", "cloudy, rainy")
                .put("height", 512).put("width", 512);
        TestSupport.Resp r = api(emulator, t);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("data")).hasSize(4);
        assertThat(r.data(0).get("imageURL").asString()).contains("/media/");

        // Its accelerator example: a third-party FLUX fine-tune.
        ObjectNode accelerated = image("civitai:943001@1055701").put("height", 1024).put("width", 1024);
        accelerated.putObject("acceleratorOptions").put("teaCache", true).put("teaCacheDistance", 0.6);
        assertThat(api(emulator, accelerated).status()).isEqualTo(200);

        // The modality schema still checks what it knows.
        JsonNode e = onlyError(emulator, image("civitai:36520@76907").put("outputFormat", "BMP"));
        assertThat(e.get("code").asString()).isEqualTo("invalidOutputFormat");
        assertThat(parameters(e)).containsExactly("outputFormat");
        assertThat(parameters(onlyError(emulator, image("civitai:36520@76907").put("numberResults", 0)))).containsExactly("numberResults");
    }

    @Test
    void catalogCommunityCheckpointsUseTheirArchitecture() {
        // civitai:4384@128713 is an SD 1.5 checkpoint in the catalog: the sd-1-5 schema applies.
        ObjectNode ok = image("civitai:4384@128713").put("height", 512).put("width", 512).put("seed", 1568).put("steps", 40);
        assertThat(api(emulator, ok).status()).isEqualTo(200);
        JsonNode e = onlyError(emulator, image("civitai:4384@128713").put("steps", 500));
        assertThat(e.get("code").asString()).isEqualTo("invalidSteps");
        assertThat(parameters(e)).containsExactly("steps");
        assertThat(e.get("message").asString()).contains("100");
    }

    @Test
    void trainedModelsNamedAfterTheirArchitectureAreCheckedAgainstIt() {
        // Both new SDK READMEs: a model trained on exactly-illustrative, sent with an explicit taskType.
        String air = "runware:exactly-illustrative@my-trained-style";
        ObjectNode t = task("imageInference", air).put("positivePrompt", "A lighthouse on a rocky cliff at twilight")
                .put("width", 1024).put("height", 1024);
        TestSupport.Resp r = api(emulator, t);
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        ObjectNode bad = task("imageInference", air).put("positivePrompt", "a mascot").put("width", 1024).put("height", 1024);
        bad.putObject("settings").put("quality", "max");
        JsonNode e = onlyError(emulator, bad);
        assertThat(parameters(e)).containsExactly("settings.quality");

        JsonNode wrongTask = onlyError(emulator, task("videoInference", air).put("positivePrompt", "waves"));
        assertThat(wrongTask.get("code").asString()).isEqualTo("invalidTaskType");
        assertThat(wrongTask.get("message").asString()).contains("exactly-illustrative").contains("imageInference");
    }

    @Test
    void otherRunwareAirsRunAsTheirTaskType() {
        ObjectNode t = image("runware:sdk_test@1").put("width", 512).put("height", 512);
        assertThat(api(emulator, t).status()).isEqualTo(200);
        ObjectNode chat = task("textInference", "runware:my-llm@2");
        chat.putArray("messages").addObject().put("role", "user").put("content", "hello");
        assertThat(api(emulator, chat).status()).isEqualTo(200);
        assertThat(parameters(onlyError(emulator, task("textInference", "runware:my-llm@2")))).containsExactly("messages");
    }

    @Test
    void curatedNamespacesAndNonAirsStayUnknown() {
        for (String model : List.of("google:99@9", "klingai:nothing@0", "no-colon-or-at", "civitai:1", "civitai:@1")) {
            JsonNode e = onlyError(emulator, image(model));
            assertThat(e.get("code").asString()).as(model).isEqualTo("unknownModel");
            assertThat(parameters(e)).containsExactly("model");
        }
    }

    @Test
    void anUploadedCheckpointRunsAsTheArchitectureItDeclared() {
        String air = "qatests:68487@08629";
        assertThat(onlyError(emulator, image(air)).get("code").asString()).isEqualTo("unknownModel");

        // The Python SDK's checkpoint upload (architecture "flux1d" is FLUX.1 dev).
        ObjectNode upload = task("modelUpload", null).put("air", air).put("name", "yWO8IaKwez").put("version", "1.0")
                .put("category", "checkpoint").put("architecture", "flux1d").put("type", "base").put("format", "safetensors")
                .put("downloadURL", "https://example.com/weights.safetensors").put("defaultWeight", 0.8)
                .put("positiveTriggerWords", "my trigger word").put("private", false);
        upload.putArray("tags").add("tag1").add("tag2");
        TestSupport.Resp stored = api(emulator, upload);
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.data(0).get("air").asString()).isEqualTo(air);

        assertThat(api(emulator, image(air).put("width", 1024).put("height", 768)).status()).isEqualTo(200);
        JsonNode e = onlyError(emulator, image(air).put("width", 1000));
        assertThat(parameters(e)).containsExactly("width");
        assertThat(e.get("message").asString()).contains("16");
    }

    @Test
    void aTrainedModelRunsAsTheArchitectureItWasTrainedOn() {
        String air = "brandco:brand-style@1";
        assertThat(onlyError(emulator, image(air)).get("code").asString()).isEqualTo("unknownModel");
        ObjectNode training = task("training", "exactly:illustrative@training");
        training.putObject("inputs").put("dataset", "https://example.com/datasets/brand-style.zip");
        training.putObject("importModel").put("air", air).put("name", "Brand style").put("uniqueIdentifier", "brand-style")
                .put("version", "1").put("private", true);
        TestSupport.Resp r = api(emulator, training);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.data(0).get("air").asString()).isEqualTo(air);

        ObjectNode ok = task("imageInference", air).put("positivePrompt", "a mascot").put("width", 1024).put("height", 1024);
        assertThat(api(emulator, ok).status()).isEqualTo(200);
        ObjectNode bad = task("imageInference", air).put("positivePrompt", "a mascot").put("width", 1024).put("height", 1024);
        bad.putObject("settings").put("quality", "max");
        assertThat(parameters(onlyError(emulator, bad))).containsExactly("settings.quality");
    }

    @Test
    void registeringAnArchitectureTightensTheChecks() {
        try (RunwareEmulator e = RunwareEmulator.builder().taskDuration(Duration.ZERO).start()) {
            ObjectNode t = image("civitai:133005@782002").put("steps", 500);
            assertThat(api(e, t).status()).as("no architecture known: the modality has no steps limit").isEqualTo(200);
            e.registerModel("civitai:133005@782002", "sdxl");
            TestSupport.Resp r = api(e, image("civitai:133005@782002").put("steps", 500));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.error(0).get("parameter").asString()).isEqualTo("steps");
        }
    }

    @Test
    void theSchemasServiceResolvesCommunityAndTrainedAirs() {
        URI schemas = emulator.schemasUrl();
        // The README's refresh example: airgen:refresh -Dairgen.models=civitai:38784@44716,civitai:101055@128078
        TestSupport.Resp unlisted = get(URI.create(schemas + "/resolve/civitai%3A38784%4044716"));
        assertThat(unlisted.status()).isEqualTo(200);
        JsonNode modality = unlisted.json().get("requestSchema");
        assertThat(modality.get("properties").get("taskType").get("const").asString()).isEqualTo("imageInference");
        assertThat(modality.get("properties").get("model").has("const")).isFalse();

        TestSupport.Resp listed = get(URI.create(schemas + "/resolve/civitai:101055@128078"));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("requestSchema").get("properties").has("refiner")).as("the sdxl schema").isTrue();

        TestSupport.Resp trained = get(URI.create(schemas + "/resolve/runware:exactly-illustrative@my-trained-style"));
        assertThat(trained.status()).isEqualTo(200);
        assertThat(trained.json().get("requestSchema").get("properties").get("settings").get("properties").has("quality")).isTrue();

        assertThat(get(URI.create(schemas + "/resolve/acme:unknown@1")).status()).isEqualTo(404);
        assertThat(get(URI.create(schemas + "/resolve/not-an-air")).status()).isEqualTo(404);
    }
}
