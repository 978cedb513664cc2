package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.fixtures.ImageRequest;
import dev.airgen.runtime.fixtures.ImageResult;
import dev.airgen.runtime.fixtures.MapRequest;
import dev.airgen.runtime.types.TaskRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server restarts while tasks are on their way: connections are cut, WebSocket sessions are gone.
 * When the server keeps its tasks, every task finishes without running twice; when it loses them, every
 * task still finishes, sent again after the server said it does not know it.
 */
@Timeout(90)
class RestartTest {

    private RunwareEmulator emulator;

    @BeforeEach
    void start() {
        emulator = EmulatorSupport.start(Duration.ofMillis(400));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Map<TaskRequest<ImageResult>, CompletableFuture<List<ImageResult>>> sendMixed(RunwareClient client) {
        Map<TaskRequest<ImageResult>, CompletableFuture<List<ImageResult>>> sent = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            TaskRequest<ImageResult> request = i % 2 == 0 ? ImageRequest.of("sync " + i).withNumberResults(1 + i % 3)
                    : video(1 + i % 3);
            sent.put(request, client.runAsync(request));
        }
        return sent;
    }

    private RunwareClient client(Transport transport) {
        return EmulatorSupport.client(emulator, transport).timeout(Duration.ofSeconds(30))
                .pollingPolicy(new PollingPolicy(Duration.ofMillis(50), 1.5, Duration.ofMillis(200), Duration.ofSeconds(30)))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aServerThatKeepsItsTasksLosesNoneAndRunsNoneTwice(Transport transport) throws Exception {
        try (RunwareClient client = client(transport)) {
            client.run(ImageRequest.of("warm up"));
            var sent = sendMixed(client);
            Thread.sleep(150);   // the tasks are running
            emulator.restart(true);
            for (var e : sent.entrySet()) {
                String uuid = e.getKey().taskUUID();
                assertThat(e.getValue().get(30, TimeUnit.SECONDS)).as(uuid).isNotEmpty();
                assertThat(emulator.runs(uuid)).as("runs of " + uuid).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aServerThatLostItsTasksGetsEachAgainOnceItSaysItDoesNotKnowIt(Transport transport) throws Exception {
        try (RunwareClient client = client(transport)) {
            client.run(ImageRequest.of("warm up"));
            var sent = sendMixed(client);
            Thread.sleep(150);
            emulator.restart(false);
            for (var e : sent.entrySet()) {
                String uuid = e.getKey().taskUUID();
                assertThat(e.getValue().get(30, TimeUnit.SECONDS)).as(uuid).isNotEmpty();
                assertThat(emulator.taskState(uuid)).as("finished after the restart").isEqualTo("success");
                // at most once per server life: before the restart (lost) and after it
                assertThat(emulator.runs(uuid)).as("runs of " + uuid).isBetween(1, 2);
            }
        }
    }

    private static MapRequest<ImageResult> video(int results) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("taskType", "videoInference");
        json.put("model", "test:video@1");
        json.put("width", 512);
        json.put("height", 512);
        json.put("numberResults", results);
        return new MapRequest<>(json, ImageResult.class, "/airgen/test-schemas/async-video.json");
    }
}
