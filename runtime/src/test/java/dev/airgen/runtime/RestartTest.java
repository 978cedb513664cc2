package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.fixtures.ImageRequest;
import dev.airgen.runtime.fixtures.ImageResult;
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
                    : EmulatorSupport.video(1 + i % 3);
            sent.put(request, client.runAsync(request));
        }
        return sent;
    }

    private RunwareClient client(Transport transport) {
        return EmulatorSupport.client(emulator, transport).timeout(Duration.ofSeconds(30))
                .pollingPolicy(new PollingPolicy(Duration.ofMillis(50), 1.5, Duration.ofMillis(200), Duration.ofSeconds(30)))
                .build();
    }

    /** Sends a mix of tasks, restarts the emulator while they run, and checks every task after it. */
    private void restartDuringARun(Transport transport, boolean keepTasks, int maxRuns) throws Exception {
        try (RunwareClient client = client(transport)) {
            client.run(ImageRequest.of("warm up"));
            var sent = sendMixed(client);
            Thread.sleep(150);   // the tasks are running
            emulator.restart(keepTasks);
            for (var e : sent.entrySet()) {
                String uuid = e.getKey().taskUUID();
                assertThat(e.getValue().get(30, TimeUnit.SECONDS)).as(uuid).isNotEmpty();
                assertThat(emulator.taskState(uuid)).as("finished on the restarted server").isEqualTo("success");
                assertThat(emulator.runs(uuid)).as("runs of " + uuid).isBetween(1, maxRuns);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aServerThatKeepsItsTasksLosesNoneAndRunsNoneTwice(Transport transport) throws Exception {
        restartDuringARun(transport, true, 1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aServerThatLostItsTasksGetsEachAgainOnceItSaysItDoesNotKnowIt(Transport transport) throws Exception {
        // at most once per server life: before the restart (lost with it) and after it
        restartDuringARun(transport, false, 2);
    }
}
