package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ${package}.runware.BflFlux1DevRequest;
import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.RunwareClient;
import dev.airgen.runtime.RunwareValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the application's request against a local Runware emulator: offline, no API key, no credits spent. */
class AppTest {

    @Test
    void theRequestGetsAnImage() {
        try (RunwareEmulator emulator = RunwareEmulator.builder().apiKeys("test-key").start();
             RunwareClient client = RunwareClient.builder().apiKey("test-key")
                     .baseUrl(emulator.baseUrl()).webSocketUrl(emulator.webSocketUrl()).build()) {
            List<BflFlux1DevRequest.Result> images = client.run(App.request("a lighthouse at dusk"));
            assertEquals(1, images.size());
            assertTrue(images.get(0).imageURL().isPresent());
        }
    }

    @Test
    void aRequestThatBreaksTheModelsSchemaIsNeverSent() {
        try (RunwareClient client = RunwareClient.builder().apiKey("test-key").build()) {
            BflFlux1DevRequest tooWide = App.request("a lighthouse at dusk").toBuilder().width(4096).build();
            RunwareValidationException e = assertThrows(RunwareValidationException.class, () -> client.validate(tooWide));
            assertEquals("width", e.violations().get(0).parameter());
        }
    }
}
