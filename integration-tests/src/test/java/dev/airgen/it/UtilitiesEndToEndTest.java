package dev.airgen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.example.runware.BflFlux1DevRequest;
import com.example.runware.ModelSearchRequest;
import dev.airgen.runtime.ErrorCategory;
import dev.airgen.runtime.RunwareClient;
import dev.airgen.runtime.RunwareException;
import dev.airgen.runtime.Transport;
import dev.airgen.runtime.UploadedMedia;
import dev.airgen.runtime.types.JsonValue;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The utilities that work on earlier tasks and stored media, chained the way an application uses them. */
class UtilitiesEndToEndTest extends EmulatorClientsTest {


    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUploadedImageSeedsAnImageToImageTask(Transport transport) throws Exception {
        RunwareClient client = clients.of(transport);
        UploadedMedia upload = client.imageUpload(png(), "image/png");
        assertThat(upload.uuid()).isNotBlank();
        var results = client.run(BflFlux1DevRequest.builder()
                .positivePrompt("the same scene at night").width(512).height(512)
                .inputs(BflFlux1DevRequest.Inputs.builder().seedImage(upload.uuid()).build())
                .strength(0.6)
                .build());
        assertThat(results).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void storedMediaCanBeDeletedOnce(Transport transport) throws Exception {
        RunwareClient client = clients.of(transport);
        UploadedMedia media = client.mediaUpload(png(), "image/png");
        client.mediaDelete(media.uuid());
        RunwareException again = catchThrowableOfType(RunwareException.class, () -> client.getResponse(media.uuid()));
        assertThat(again).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void finishedTasksCanBeLookedUp(Transport transport) {
        RunwareClient client = clients.of(transport);
        BflFlux1DevRequest request = BflFlux1DevRequest.builder().positivePrompt("a red kite").width(512).height(512).build();
        client.run(request);
        List<JsonValue> response = client.getResponse(request.taskUUID());
        assertThat(response).isNotEmpty();
        assertThat(response.get(0).get("taskUUID").orElseThrow().asString()).isEqualTo(request.taskUUID());
        JsonValue details = client.getTaskDetails(request.taskUUID());
        assertThat(details.at("/request/0/positivePrompt").orElseThrow().asString()).isEqualTo("a red kite");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void modelSearchIsTyped(Transport transport) {
        List<ModelSearchRequest.Result> found = clients.of(transport).run(ModelSearchRequest.builder().search("flux").limit(5).build());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).totalResults()).isPositive();
        assertThat(found.get(0).results()).isNotEmpty().allSatisfy(r -> assertThat(r.air()).isNotBlank());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWrongKeyIsAnAuthenticationError(Transport transport) {
        try (RunwareClient wrong = RunwareClient.builder().apiKey("not-the-key").baseUrl(clients.emulator.baseUrl())
                .webSocketUrl(clients.emulator.webSocketUrl()).transport(transport).build()) {
            RunwareException e = catchThrowableOfType(RunwareException.class,
                    () -> wrong.run(ModelSearchRequest.builder().search("flux").build()));
            assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
            assertThat(e.toString()).doesNotContain("not-the-key");
        }
    }
}
