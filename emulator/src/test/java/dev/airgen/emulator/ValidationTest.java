package dev.airgen.emulator;

import static dev.airgen.emulator.TestSupport.api;
import static dev.airgen.emulator.TestSupport.onlyError;
import static dev.airgen.emulator.TestSupport.parameters;
import static dev.airgen.emulator.TestSupport.image;
import static dev.airgen.emulator.TestSupport.task;
import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every task is checked against its model's schema; errors name the parameter like Runware does. */
class ValidationTest {
    static RunwareEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = TestSupport.builder().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }



    @Test
    void unknownModel() {
        JsonNode e = onlyError(emulator, task("imageInference", "nobody:nothing@0").put("positivePrompt", "x"));
        assertThat(e.get("code").asString()).isEqualTo("unknownModel");
        assertThat(e.get("parameter").asString()).isEqualTo("model");
    }

    @Test
    void modelOfAnotherTaskType() {
        JsonNode e = onlyError(emulator, task("imageInference", "test:video@1"));
        assertThat(e.get("code").asString()).isEqualTo("invalidTaskType");
    }

    @Test
    void unknownParameter() {
        JsonNode e = onlyError(emulator, image().put("colour", "blue"));
        assertThat(e.get("code").asString()).isEqualTo("unsupportedParameter");
        assertThat(e.get("parameter").asString()).isEqualTo("colour");
    }

    @Test
    void wrongType() {
        JsonNode e = onlyError(emulator, image().put("width", "wide"));
        assertThat(e.get("code").asString()).isEqualTo("invalidWidth");
        assertThat(e.get("parameter").asString()).isEqualTo("width");
        assertThat(e.get("documentation").asString()).isEqualTo("https://runware.ai/docs/models/test-image-1#request-width");
    }

    @Test
    void outOfRange() {
        JsonNode e = onlyError(emulator, image().put("height", 64));
        assertThat(e.get("code").asString()).isEqualTo("invalidHeight");
        assertThat(e.get("message").asString()).contains("128");
    }

    @Test
    void missingRequired() {
        ObjectNode t = image();
        t.remove("positivePrompt");
        JsonNode e = onlyError(emulator, t);
        assertThat(e.get("code").asString()).isEqualTo("missingPositivePrompt");
        assertThat(e.get("parameter").asString()).isEqualTo("positivePrompt");
    }

    @Test
    void nestedParameterGetsDottedPath() {
        ObjectNode t = image();
        t.putObject("inputs").putArray("referenceImages");
        JsonNode e = onlyError(emulator, t);
        assertThat(e.get("parameter").asString()).isEqualTo("inputs.referenceImages");
        assertThat(e.get("code").asString()).isEqualTo("invalidReferenceImages");
    }

    @Test
    void unknownProviderSettingsProvider() {
        ObjectNode t = image();
        t.putObject("providerSettings").putObject("acme").put("x", 1);
        JsonNode e = onlyError(emulator, t);
        assertThat(e.get("code").asString()).isEqualTo("unknownProviderSettingsProvider");
        assertThat(e.get("parameter").asString()).isEqualTo("providerSettings.acme");
    }

    @Test
    void providerSettingsOfAnotherProvider() {
        ObjectNode t = image();
        t.putObject("providerSettings").putObject("klingai").put("sound", true);
        JsonNode e = onlyError(emulator, t);
        assertThat(e.get("code").asString()).isEqualTo("mismatchProviderSettingsProvider");
        assertThat(e.get("parameter").asString()).isEqualTo("providerSettings.klingai");
    }

    @Test
    void providerSettingsFieldType() {
        ObjectNode t = image();
        t.putObject("providerSettings").putObject("google").put("enhancePrompt", "yes");
        JsonNode e = onlyError(emulator, t);
        assertThat(e.get("parameter").asString()).isEqualTo("providerSettings.google.enhancePrompt");
        assertThat(e.get("code").asString()).isEqualTo("invalidEnhancePrompt");
    }

    @Test
    void providerSettingsUnknownField() {
        ObjectNode t = image();
        t.putObject("providerSettings").putObject("google").put("turbo", true);
        JsonNode e = onlyError(emulator, t);
        assertThat(e.get("code").asString()).isEqualTo("unsupportedParameter");
        assertThat(e.get("parameter").asString()).isEqualTo("providerSettings.google.turbo");
    }

    @Test
    void validProviderSettingsPass() {
        ObjectNode t = image();
        t.putObject("providerSettings").putObject("google").put("enhancePrompt", false).put("safetyTolerance", "low");
        assertThat(api(emulator, t).status()).isEqualTo(200);
    }

    @Test
    void dependentRequiredIsCrossField() {
        ObjectNode t = image();
        t.remove("height");
        JsonNode e = onlyError(emulator, t);
        assertThat(e.get("code").asString()).isEqualTo("missingHeight");
        assertThat(parameters(e)).containsExactly("width", "height");
    }

    @Test
    void exactlyOneOfIsCrossField() {
        ObjectNode t = task("videoInference", "test:video@1").put("width", 512).put("height", 512);
        t.putObject("inputs").putArray("frameImages").add("https://example.com/a.png");
        JsonNode e = onlyError(emulator, t);
        assertThat(e.get("code").asString()).isEqualTo("incompatibleParameters");
        assertThat(parameters(e)).containsExactlyInAnyOrder("inputs", "width", "height");
        assertThat(e.get("message").asString()).contains("from frame images");
    }

    @Test
    void conditionalRequirementNamesItsCause() {
        ObjectNode t = image().put("strength", 0.5);
        t.putObject("inputs").putArray("referenceImages").add("a");
        JsonNode e = onlyError(emulator, t);
        assertThat(e.get("code").asString()).isEqualTo("missingSeedImage");
        assertThat(parameters(e)).containsExactly("inputs.seedImage", "strength");
    }

    @Test
    void formatsAreAsserted() {
        JsonNode e = onlyError(emulator, image().put("webhookURL", "not a uri at all"));
        assertThat(e.get("parameter").asString()).isEqualTo("webhookURL");
    }

    @Test
    void constDeliveryMethodsListTheAllowedValues() {
        JsonNode e = onlyError(emulator, task("videoInference", "test:video@1").put("width", 512).put("height", 512)
                .put("deliveryMethod", "sync"));
        assertThat(e.get("code").asString()).isEqualTo("invalidDeliveryMethod");
        assertThat(e.get("message").asString()).contains("async");
    }

    @Test
    void severalErrorsOfOneTaskAreAllReported() {
        TestSupport.Resp r = api(emulator, image().put("width", 1).put("seed", -1));
        assertThat(r.json().get("errors")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void communityModelUsesItsArchitectureSchema() {
        ObjectNode ok = task("imageInference", "civitai:101@202").put("positivePrompt", "a castle")
                .put("width", 512).put("height", 512).put("steps", 20);
        TestSupport.Resp r = api(emulator, ok);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.data(0).get("imageURL").asString()).isNotBlank();

        JsonNode e = onlyError(emulator, task("imageInference", "civitai:101@202").put("positivePrompt", "a castle")
                .put("width", 500).put("height", 512));
        assertThat(e.get("code").asString()).isEqualTo("invalidWidth");
        assertThat(e.get("message").asString()).contains("64");
    }

    @Test
    void catalogModelWithoutSchemaFallsBackToItsTaskType() {
        ObjectNode t = task("caption", "test:caption@1");
        t.putObject("inputs").put("image", "https://example.com/x.png");
        TestSupport.Resp r = api(emulator, t);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.data(0).get("text").asString()).isNotBlank();

        JsonNode e = onlyError(emulator, task("caption", "test:caption@1"));
        assertThat(e.get("code").asString()).isEqualTo("missingInputs");
    }

    @Test
    void taskUuidMustBeAUuid() {
        ObjectNode t = image().put("taskUUID", "1234");
        TestSupport.Resp r = api(emulator, t);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error(0).get("code").asString()).isEqualTo("invalidTaskUUID");
        ObjectNode missing = image();
        missing.remove("taskUUID");
        assertThat(api(emulator, missing).error(0).get("code").asString()).isEqualTo("missingTaskUUID");
    }

    @Test
    void reusedTaskUuidWithOtherContentIsRejected() {
        ObjectNode t = image();
        assertThat(api(emulator, t).status()).isEqualTo(200);
        TestSupport.Resp again = api(emulator, t.deepCopy().put("positivePrompt", "something else"));
        assertThat(again.error(0).get("code").asString()).isEqualTo("duplicateTaskUUID");
    }

    @Test
    void retryingTheSameTaskReturnsTheSameResult() {
        ObjectNode t = image();
        TestSupport.Resp first = api(emulator, t);
        TestSupport.Resp retry = api(emulator, t);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.data(0).get("imageUUID")).isEqualTo(first.data(0).get("imageUUID"));
    }

    @Test
    void unsupportedOutputFormatIsExplained() {
        JsonNode e = onlyError(emulator, task("audioInference", "test:audio@1").put("positivePrompt", "rain").put("outputFormat", "OGG"));
        assertThat(e.get("parameter").asString()).isEqualTo("outputFormat");
    }

    @Test
    void oversizedOutputsAreRefusedAsCrossField() {
        try (RunwareEmulator open = RunwareEmulator.builder().snapshot(TestSupport.testSnapshot()).start()) {
            ObjectNode t = task("imageInference", "civitai:101@202").put("positivePrompt", "huge").put("width", 2048).put("height", 2048);
            assertThat(api(open, t).status()).isEqualTo(200);
        }
        Results.Plan ok = Results.plan("imageInference", image().put("width", 4096).put("height", 4096), null);
        assertThat(ok.width()).isEqualTo(4096);
        try {
            Results.plan("imageInference", image().put("width", 8000).put("height", 8000), null);
            throw new AssertionError("expected a refusal");
        } catch (TaskException e) {
            assertThat(e.error().code()).isEqualTo("invalidDimensions");
            assertThat(e.error().parameters()).containsExactly("width", "height");
        }
    }
}
