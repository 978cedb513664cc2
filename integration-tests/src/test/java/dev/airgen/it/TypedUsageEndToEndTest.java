package dev.airgen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.example.runware.BflFlux1DevRequest;
import com.example.runware.GoogleVeo31Request;
import com.example.runware.BflFlux1DevRequest.Lora;
import com.example.runware.GoogleVeo31Request.DurationEnum;
import com.example.runware.GoogleVeo31Request.GoogleSettings;
import dev.airgen.runtime.BatchResult;
import dev.airgen.runtime.ErrorCategory;
import dev.airgen.runtime.Progress;
import dev.airgen.runtime.RunwareClient;
import dev.airgen.runtime.RunwareValidationException;
import dev.airgen.runtime.TaskHandle;
import dev.airgen.runtime.Transport;
import dev.airgen.runtime.types.TaskResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generated classes used through their builders, the way the README shows, on both transports. */
class TypedUsageEndToEndTest extends EmulatorClientsTest {


    @TempDir
    Path dir;

    private static BflFlux1DevRequest flux(int numberResults) {
        return BflFlux1DevRequest.builder()
                .positivePrompt("a lighthouse on a cliff at dusk")
                .width(512).height(384)
                .numberResults(numberResults)
                .addLora(Lora.builder().model("civitai:652699@993999").weight(0.8).build())
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void textToImageWithLoraReturnsEveryResultAsADecodableImage(Transport transport) throws Exception {
        RunwareClient client = clients.of(transport);
        BflFlux1DevRequest request = flux(2);
        List<? extends TaskResult> results = client.run(request);
        assertThat(results).hasSize(2);
        for (var result : client.run(request.toBuilder().build())) {
            Path file = dir.resolve(result.imageUUID() + ".jpg");
            client.download(URI.create(result.imageURL().orElseThrow()), file, null);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
            assertThat(image.getWidth()).isEqualTo(512);
            assertThat(image.getHeight()).isEqualTo(384);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void videoWithTypedProviderSettingsIsPolledWithProgress(Transport transport) {
        GoogleVeo31Request request = GoogleVeo31Request.builder()
                .positivePrompt("a hummingbird hovering at a red flower")
                .width(1920).height(1080).duration(DurationEnum.V8)
                .providerSettings(GoogleSettings.builder().generateAudio(true).build())
                .build();
        List<Progress> progress = new CopyOnWriteArrayList<>();
        TaskHandle<?> handle = clients.of(transport).submit(request).onProgress(progress::add);
        List<?> videos = handle.await(Duration.ofSeconds(30));
        assertThat(videos).hasSize(1);
        assertThat(progress).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRequestDerivedWithToBuilderIsANewTask(Transport transport) {
        RunwareClient client = clients.of(transport);
        BflFlux1DevRequest original = flux(1);
        BflFlux1DevRequest derived = original.toBuilder().positivePrompt("the same lighthouse at night").build();
        assertThat(derived.taskUUID()).isNotEqualTo(original.taskUUID());
        assertThat(original.toBuilder().build().taskUUID()).isNotEqualTo(original.taskUUID());
        assertThat(original.toBuilder().taskUUID(original.taskUUID()).build().taskUUID()).isEqualTo(original.taskUUID());
        assertThat(client.run(original)).hasSize(1);
        assertThat(client.run(derived)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anInvalidRequestIsRejectedBeforeAnythingIsSent(Transport transport) {
        BflFlux1DevRequest invalid = flux(1).toBuilder().width(1000).build();
        RunwareValidationException e = catchThrowableOfType(RunwareValidationException.class, () -> clients.of(transport).run(invalid));
        assertThat(e.category()).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(e.parameters()).contains("width");
        assertThat(e.taskUUID()).isEqualTo(invalid.taskUUID());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBatchReportsEachTaskOnItsOwn(Transport transport) {
        BflFlux1DevRequest good = flux(1);
        BflFlux1DevRequest bad = flux(1).toBuilder().taskUUID(java.util.UUID.randomUUID().toString()).width(1000).build();
        BatchResult batch = clients.of(transport).runBatch(List.of(good, bad));
        assertThat(batch.results(good)).hasSize(1);
        assertThat(batch.failure(bad)).isPresent();
    }
}
