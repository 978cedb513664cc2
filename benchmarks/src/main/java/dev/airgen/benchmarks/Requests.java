package dev.airgen.benchmarks;

import dev.airgen.benchmarks.models.BflFlux1DevRequest;
import dev.airgen.benchmarks.models.BflFlux1DevRequest.Lora;
import dev.airgen.benchmarks.models.BflFlux1DevRequest.Scheduler;
import dev.airgen.benchmarks.models.KlingaiVideo30ProRequest;
import dev.airgen.benchmarks.models.KlingaiVideo30ProRequest.KlingaiSettings;
import dev.airgen.benchmarks.models.KlingaiVideo30ProRequest.KlingaiSettings.CharacterOrientation;
import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.types.MediaInput;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * The requests and the result every benchmark uses, each both through the generated classes and as the
 * same JSON built with Jackson alone (the baseline a user without AIRgen would write).
 */
public final class Requests {

    /** Where the generated classes keep the schemas they validate against. */
    public static final String FLUX_SCHEMA = "/dev/airgen/benchmarks/models/schemas/BflFlux1DevRequest.json";
    public static final String KLING_SCHEMA = "/dev/airgen/benchmarks/models/schemas/KlingaiVideo30ProRequest.json";

    private static final String PROMPT = "a lighthouse on a basalt cliff at dusk, warm light in the windows, long exposure";
    private static final String LORA = "civitai:58390@62833";
    private static final String REFERENCE_IMAGE = "https://example.com/refs/character.png";
    private static final String REFERENCE_VIDEO = "https://example.com/refs/dance.mp4";

    private Requests() {
    }

    /** A typical FLUX.1 [dev] text-to-image request with one LoRA (a fresh taskUUID each call). */
    public static BflFlux1DevRequest flux() {
        return BflFlux1DevRequest.builder()
                .positivePrompt(PROMPT)
                .width(1024)
                .height(768)
                .steps(28)
                .seed(42L)
                .scheduler(Scheduler.of("FlowMatchEulerDiscreteScheduler"))
                .cfgScale(3.5)
                .addLora(Lora.builder().model(LORA).weight(0.8).build())
                .outputFormat(BflFlux1DevRequest.OutputFormat.WEBP)
                .numberResults(1)
                .build();
    }

    /** The same request as {@link #flux()}, built as a Jackson tree with no generated class. */
    public static ObjectNode fluxJackson() {
        ObjectNode task = Json.mapper().createObjectNode();
        task.put("taskType", "imageInference");
        task.put("taskUUID", UUID.randomUUID().toString());
        task.put("model", "runware:101@1");
        task.put("positivePrompt", PROMPT);
        task.put("width", 1024);
        task.put("height", 768);
        task.put("steps", 28);
        task.put("seed", 42L);
        task.put("scheduler", "FlowMatchEulerDiscreteScheduler");
        task.put("CFGScale", 3.5);
        task.putArray("lora").addObject().put("model", LORA).put("weight", 0.8);
        task.put("outputFormat", "WEBP");
        task.put("numberResults", 1);
        return task;
    }

    /** A Kling 3.0 Pro video request with reference media and {@code providerSettings.klingai}. */
    public static KlingaiVideo30ProRequest kling() {
        return KlingaiVideo30ProRequest.builder()
                .positivePrompt(PROMPT)
                .width(1920)
                .height(1080)
                .duration(5)
                .inputs(KlingaiVideo30ProRequest.Inputs.builder()
                        .addReferenceImage(MediaInput.url(REFERENCE_IMAGE))
                        .addReferenceVideo(MediaInput.url(REFERENCE_VIDEO))
                        .build())
                .providerSettings(KlingaiSettings.builder()
                        .keepOriginalSound(true)
                        .characterOrientation(CharacterOrientation.VIDEO)
                        .build())
                .outputFormat(KlingaiVideo30ProRequest.OutputFormat.MP4)
                .build();
    }

    /** The same request as {@link #kling()} as a plain Jackson tree. */
    public static ObjectNode klingJackson() {
        ObjectNode task = Json.mapper().createObjectNode();
        task.put("taskType", "videoInference");
        task.put("taskUUID", UUID.randomUUID().toString());
        task.put("model", "klingai:kling-video@3-pro");
        task.put("positivePrompt", PROMPT);
        task.put("width", 1920);
        task.put("height", 1080);
        task.put("duration", 5);
        ObjectNode inputs = task.putObject("inputs");
        inputs.putArray("referenceImages").add(REFERENCE_IMAGE);
        inputs.putArray("referenceVideos").add(REFERENCE_VIDEO);
        task.putObject("providerSettings").putObject("klingai")
                .put("keepOriginalSound", true)
                .put("characterOrientation", "video");
        task.put("outputType", "URL");
        task.put("outputFormat", "MP4");
        return task;
    }

    /** A FLUX result as the API sends it back for a URL output. */
    public static byte[] fluxResult() {
        String json = """
                {"taskType":"imageInference","taskUUID":"7d8f4c7e-3b7a-4a54-9d4e-2f0f2c1a9b11",\
                "imageUUID":"0c2e9f4a-6f55-4b1e-8f7e-5d7d6c9b2a10",\
                "imageURL":"https://im.runware.ai/image/ws/2/ii/0c2e9f4a-6f55-4b1e-8f7e-5d7d6c9b2a10.webp",\
                "seed":42,"NSFWContent":false,"cost":0.0038}""";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
