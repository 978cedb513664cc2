package dev.airgen.samples;

import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.RunwareClient;
import dev.airgen.runtime.RunwareValidationException;
import dev.airgen.runtime.TextStreamResult;
import dev.airgen.samples.runware.BflFlux1DevRequest;
import dev.airgen.samples.runware.BriaRmbgV20Request;
import dev.airgen.samples.runware.GoogleVeo31Request;
import dev.airgen.samples.runware.ImageInferenceResult;
import dev.airgen.samples.runware.MinimaxSpeech28Request;
import dev.airgen.samples.runware.OpenaiGpt54Request;
import dev.airgen.samples.runware.providers.GoogleSettings;
import dev.airgen.samples.runware.types.AudioOutputFormat;
import dev.airgen.samples.runware.types.Duration;
import dev.airgen.samples.runware.types.FrameImage;
import dev.airgen.samples.runware.types.Lora;
import dev.airgen.samples.runware.types.Message;
import dev.airgen.samples.runware.types.OutputFormat;
import dev.airgen.samples.runware.types.RemoveBackgroundInputs;
import dev.airgen.samples.runware.types.Resolution;
import dev.airgen.samples.runware.types.Speech;
import dev.airgen.samples.runware.types.TextRole;
import dev.airgen.samples.runware.types.VideoInputs;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A tour of AIRgen: six tasks with classes generated from the bundled snapshot, sent by the runtime.
 * Without {@code RUNWARE_API_KEY} it starts the embedded emulator, so it runs offline; with the key set it
 * talks to the real API (and spends credits).
 *
 * <pre>{@code ./mvnw -B -pl samples -am verify -DskipTests -Prun-sample}</pre>
 */
public final class SampleApp {

    /** One finished step, for the summary and for tests. */
    public record Step(String name, String model, long millis, Double cost, Path file) {
    }

    private final RunwareClient client;
    private final Path output;
    private final PrintStream out;
    private final List<Step> steps = new ArrayList<>();

    SampleApp(RunwareClient client, Path output, PrintStream out) {
        this.client = client;
        this.output = output;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "samples/target/output");
        String key = System.getenv("RUNWARE_API_KEY");
        if (key != null && !key.isBlank()) {
            System.out.println("Using the real Runware API (RUNWARE_API_KEY is set); this spends credits.");
            try (RunwareClient client = RunwareClient.builder().apiKey(key).build()) {
                new SampleApp(client, output, System.out).runAll();
            }
        } else {
            runAgainstEmulator(output, System.out);
        }
    }

    /** Runs every step against a fresh embedded emulator and returns what was produced. */
    public static List<Step> runAgainstEmulator(Path output, PrintStream out) throws Exception {
        try (RunwareEmulator emulator = RunwareEmulator.builder().apiKeys("sample-key").taskDuration(java.time.Duration.ofMillis(1500)).start();
             RunwareClient client = RunwareClient.builder().apiKey("sample-key")
                     .baseUrl(emulator.baseUrl()).webSocketUrl(emulator.webSocketUrl()).build()) {
            out.println("Using the embedded Runware emulator at " + emulator.baseUrl() + ": every output below is a labelled placeholder made by the emulator, not by the model (set RUNWARE_API_KEY to use the real API).");
            return new SampleApp(client, output, out).runAll();
        }
    }

    List<Step> runAll() throws Exception {
        Files.createDirectories(output);
        ImageInferenceResult image = textToImage();
        imageToVideo(image);
        textToSpeech();
        streamAnAnswer();
        removeBackground(image);
        invalidRequest();
        out.println();
        out.println("Done: " + steps.size() + " files in " + output.toAbsolutePath());
        return List.copyOf(steps);
    }

    /** 1. An architecture model (FLUX.1 dev) with a LoRA, answered synchronously. */
    ImageInferenceResult textToImage() throws IOException {
        long start = System.nanoTime();
        BflFlux1DevRequest request = BflFlux1DevRequest.builder()
                .positivePrompt("a lighthouse on a cliff at dusk, volumetric light")
                .width(1024).height(768)
                .steps(28)
                .addLora(Lora.builder().model("civitai:652699@993999").weight(0.8).build())
                .includeCost(true)
                .build();
        ImageInferenceResult image = client.run(request).get(0);
        record("text to image", BflFlux1DevRequest.MODEL, start, image.cost(), image.imageURL(), "1-text-to-image");
        return image;
    }

    /** 2. A provider model (Veo 3.1) with typed providerSettings, delivered async and polled with progress. */
    void imageToVideo(ImageInferenceResult firstFrame) throws IOException {
        long start = System.nanoTime();
        GoogleVeo31Request request = GoogleVeo31Request.builder()
                .positivePrompt("the camera slowly pushes in on the lighthouse as the light turns on")
                .inputs(VideoInputs.builder().addFrameImage(FrameImage.builder().image(firstFrame.imageUUID()).build()).build())
                .resolution(Resolution.V1080P)
                .duration(Duration.V6)
                .providerSettings(GoogleSettings.builder().generateAudio(true).build())
                .includeCost(true)
                .build();
        var video = client.submit(request)
                .onProgress(p -> out.println("   video: " + p.status()
                        + (p.percent().isPresent() ? " " + p.percent().getAsInt() + "%" : "")
                        + ", " + p.resultsReceived() + "/" + p.resultsExpected() + " results"))
                .await(java.time.Duration.ofMinutes(10))
                .get(0);
        record("image to video", GoogleVeo31Request.MODEL, start, video.cost(), video.videoURL(), "2-image-to-video");
    }

    /** 3. Text to speech. */
    void textToSpeech() throws IOException {
        long start = System.nanoTime();
        MinimaxSpeech28Request request = MinimaxSpeech28Request.builder()
                .speech(Speech.builder().text("Welcome aboard. The doors are closing.").voice("English_expressive_narrator").build())
                .outputFormat(AudioOutputFormat.MP3)
                .includeCost(true)
                .build();
        var audio = client.run(request).get(0);
        record("text to speech", MinimaxSpeech28Request.MODEL, start, audio.cost(), audio.audioURL(), "3-text-to-speech");
    }

    /** 4. An LLM answer, printed token by token as it streams in. */
    void streamAnAnswer() throws Exception {
        long start = System.nanoTime();
        OpenaiGpt54Request request = OpenaiGpt54Request.builder()
                .addMessage(Message.builder().role(TextRole.USER).content("Describe a lighthouse at dusk in two sentences.").build())
                .includeCost(true)
                .build();
        out.print("   answer: ");
        TextStreamResult answer = client.stream(request, chunk -> {
            if (chunk.text() != null) {
                out.print(chunk.text());
                out.flush();
            }
        }).get(5, TimeUnit.MINUTES);
        out.println();
        Path file = output.resolve("4-llm-answer.txt");
        Files.writeString(file, answer.text(), StandardCharsets.UTF_8);
        finish("streamed LLM answer", OpenaiGpt54Request.MODEL, start, answer.cost(), file);
    }

    /** 5. Background removal of the first image, by its UUID (no upload needed). */
    void removeBackground(ImageInferenceResult image) throws IOException {
        long start = System.nanoTime();
        BriaRmbgV20Request request = BriaRmbgV20Request.builder()
                .inputs(RemoveBackgroundInputs.builder().image(image.imageUUID()).build())
                .outputFormat(OutputFormat.PNG)
                .includeCost(true)
                .build();
        var cutout = client.run(request).get(0);
        record("background removal", BriaRmbgV20Request.MODEL, start, cutout.cost(), cutout.imageURL(), "5-remove-background");
    }

    /** 6. A request the schema forbids: rejected before anything is sent, naming the parameter. */
    void invalidRequest() {
        BflFlux1DevRequest invalid = BflFlux1DevRequest.builder()
                .positivePrompt("a lighthouse")
                .width(1000).height(768)          // FLUX.1 dev wants multiples of 16
                .build();
        try {
            client.run(invalid);
            throw new IllegalStateException("the invalid request was accepted");
        } catch (RunwareValidationException e) {
            out.printf("%-22s %-28s rejected before sending: parameters %s%n", "invalid request", BflFlux1DevRequest.MODEL, e.parameters());
        }
    }

    private void record(String name, String model, long start, Optional<Double> cost, Optional<String> url, String fileStem) throws IOException {
        String location = url.orElseThrow(() -> new IllegalStateException(name + ": the result has no URL"));
        String path = URI.create(location).getPath();
        String extension = path.contains(".") ? path.substring(path.lastIndexOf('.')) : ".bin";
        Path file = output.resolve(fileStem + extension);
        client.download(URI.create(location), file, null);
        finish(name, model, start, cost.orElse(null), file);
    }

    private void finish(String name, String model, long start, Double cost, Path file) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        steps.add(new Step(name, model, millis, cost, file));
        out.printf("%-22s %-28s %6d ms  cost %-9s %s%n", name, model, millis, cost == null ? "n/a" : String.format("$%.4f", cost), file);
    }
}
